#include <interleave/detail/await_future.hpp>
#include <interleave/semaphore.hpp>

namespace interleave {

Semaphore::Semaphore(std::string name, int value) : Semaphore("Semaphore", std::move(name), value) {}

Semaphore::Semaphore(std::string_view kind, std::string name, int value)
    : ObjectBase(kind, std::move(name)), value_(value) {
    if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
}

bool Semaphore::locked() const {
    touch(AccessKind::read);
    if (value_ == 0) return true;
    for (auto* node = waiters_.front(); node; node = detail::WaiterList::next(node))
        if (!node->cancelled()) return true;
    return false;
}

bool Semaphore::wake_up_next() {
    for (auto* node = waiters_.front(); node; node = detail::WaiterList::next(node)) {
        if (!node->done()) {
            --value_;  // handed over on the waiter's behalf
            node->set_result();
            return true;
        }
    }
    return false;
}

void Semaphore::release_unit() {
    release_clock_.join(Runtime::current().clock());
    ++value_;
    record("release", std::to_string(value_));
    wake_up_next();
}

void Semaphore::release() { release_unit(); }

std::string Semaphore::describe() const {
    return "value " + std::to_string(value_) + ", " + std::to_string(waiters_.size()) + " waiting";
}

bool Semaphore::AcquireAwaiter::await_ready() {
    if (semaphore_.locked()) return false;  // (locked() touched it)
    --semaphore_.value_;
    Runtime::current().synchronize_with(semaphore_.release_clock_);
    semaphore_.record("acquire", std::to_string(semaphore_.value_));
    return true;
}

void Semaphore::AcquireAwaiter::await_suspend(std::coroutine_handle<> frame) {
    suspended_ = true;
    semaphore_.waiters_.push_back(node_);
    semaphore_.record("acquire_wait");
    Runtime::current().suspend_on(node_, frame,
                                  detail::WaitReason::on_object(semaphore_.id(), "Semaphore", "acquire"));
}

bool Semaphore::AcquireAwaiter::await_resume() {
    if (!suspended_) return true;
    auto error = Runtime::current().wake_exception(node_);
    semaphore_.waiters_.remove(node_);
    semaphore_.touch(AccessKind::write);
    if (error) {
        if (!node_.cancelled()) {  // a unit had been handed over: pass it on
            ++semaphore_.value_;
            semaphore_.wake_up_next();
        }
        std::rethrow_exception(error);
    }
    if (semaphore_.value_ > 0) semaphore_.wake_up_next();
    semaphore_.record("acquire", std::to_string(semaphore_.value_));
    return true;
}

BoundedSemaphore::BoundedSemaphore(std::string name, int value)
    : Semaphore("BoundedSemaphore", std::move(name), value), bound_(value) {}

void BoundedSemaphore::release() {
    if (value() >= bound_) throw ValueError("BoundedSemaphore released too many times");
    release_unit();
}

}  // namespace interleave
