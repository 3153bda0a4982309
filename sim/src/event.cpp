#include <interleave/detail/await_future.hpp>
#include <interleave/event.hpp>

namespace interleave {

Event::Event(std::string name) : ObjectBase("Event", std::move(name)) {}

void Event::set() {
    record("set");
    if (value_) return;
    set_clock_.join(Runtime::current().clock());
    value_ = true;
    for (auto* node = waiters_.front(); node; node = detail::WaiterList::next(node))
        if (!node->done()) node->set_result();
}

void Event::clear() {
    record("clear");
    value_ = false;
}

std::string Event::describe() const { return value_ ? "set" : "not set"; }

bool Event::WaitAwaiter::await_ready() {
    if (!event_.value_) {
        event_.touch(AccessKind::read);
        return false;
    }
    Runtime::current().synchronize_with(event_.set_clock_);
    event_.record_read("wait");
    return true;
}

void Event::WaitAwaiter::await_suspend(std::coroutine_handle<> frame) {
    suspended_ = true;
    event_.waiters_.push_back(node_);
    event_.record("wait_block");
    Runtime::current().suspend_on(node_, frame, detail::WaitReason::on_object(event_.id(), "Event", "wait"));
}

bool Event::WaitAwaiter::await_resume() {
    if (!suspended_) return true;
    auto error = Runtime::current().wake_exception(node_);
    event_.waiters_.remove(node_);
    if (error) {
        event_.touch(AccessKind::write);
        std::rethrow_exception(error);
    }
    event_.record_read("wait");
    return true;
}

}  // namespace interleave
