#include <interleave/detail/await_future.hpp>
#include <interleave/lock.hpp>

namespace interleave {

Lock::Lock(std::string name) : ObjectBase("Lock", std::move(name)) {}

bool Lock::can_take_now() const {
    if (locked_) return false;
    for (auto* node = waiters_.front(); node; node = detail::WaiterList::next(node))
        if (!node->cancelled()) return false;
    return true;
}

void Lock::wake_up_first() {
    auto* first = waiters_.front();
    if (first && !first->done()) first->set_result();
}

void Lock::take() {
    auto& runtime = Runtime::current();
    locked_ = true;
    runtime.synchronize_with(release_clock_);
    runtime.on_lock_acquired(id());
    record("acquire");
}

void Lock::release() {
    if (!locked_) throw RuntimeError("Lock is not acquired.");
    auto& runtime = Runtime::current();
    locked_ = false;
    release_clock_ = runtime.clock();
    runtime.on_lock_released(id());
    record("release");
    wake_up_first();
}

std::string Lock::describe() const {
    std::string text = locked_ ? "held" : "free";
    const auto& runtime = Runtime::current();
    if (auto holder = runtime.lock_holder(id()); locked_ && holder) (text += " by ") += runtime.task(*holder)->name();
    auto waiting = waiters_.size();
    if (waiting) text += ", " + std::to_string(waiting) + " waiting";
    return text;
}

bool Lock::AcquireAwaiter::await_ready() {
    Runtime::current().on_lock_request(lock_.id());
    if (!lock_.can_take_now()) return false;
    lock_.take();
    return true;
}

void Lock::AcquireAwaiter::await_suspend(std::coroutine_handle<> frame) {
    suspended_ = true;
    lock_.waiters_.push_back(node_);
    lock_.record("acquire_wait");
    Runtime::current().suspend_on(node_, frame, detail::WaitReason::on_object(lock_.id(), "Lock", "acquire"));
}

bool Lock::AcquireAwaiter::await_resume() {
    if (!suspended_) return true;
    auto error = Runtime::current().wake_exception(node_);
    lock_.waiters_.remove(node_);
    lock_.touch(AccessKind::write);
    if (error) {
        if (!lock_.locked_) lock_.wake_up_first();
        std::rethrow_exception(error);
    }
    lock_.take();
    return true;
}

}  // namespace interleave
