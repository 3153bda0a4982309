#include <interleave/condition.hpp>
#include <interleave/detail/await_future.hpp>

namespace interleave {

Condition::Condition(std::string name) : ObjectBase("Condition", name) {
    own_lock_.emplace(name + ".lock");
    lock_ = &*own_lock_;
}

Condition::Condition(std::string name, Lock& lock) : ObjectBase("Condition", std::move(name)), lock_(&lock) {}

Task<bool> Condition::wait() {
    if (!locked()) throw RuntimeError("cannot wait on un-acquired lock");
    record("wait");
    release();
    std::exception_ptr error;
    {
        detail::WaitNode node;
        waiters_.push_back(node);
        try {
            detail::FutureAwaiter notified(node, detail::WaitReason::on_object(id(), "Condition", "wait"));
            co_await notified;
        } catch (...) {
            error = std::current_exception();
        }
        waiters_.remove(node);
    }
    // Re-acquire even when cancelled; a cancellation meanwhile is raised once the lock is held.
    bool cancelled = false;
    for (;;) {
        try {
            co_await lock_->acquire();
            break;
        } catch (const CancelledError&) {
            cancelled = true;
        }
    }
    if (cancelled) throw CancelledError{};
    if (error) std::rethrow_exception(error);
    record("woken");
    co_return true;
}

Task<bool> Condition::wait_for(std::function<bool()> predicate) {
    bool result = predicate();
    while (!result) {
        co_await wait();
        result = predicate();
    }
    co_return result;
}

void Condition::notify(std::size_t n) {
    if (!locked()) throw RuntimeError("cannot notify on un-acquired lock");
    record("notify", std::to_string(n));
    std::size_t woken = 0;
    for (auto* node = waiters_.front(); node && woken < n; node = detail::WaiterList::next(node)) {
        if (!node->done()) {
            ++woken;
            node->set_result();
        }
    }
}

void Condition::notify_all() { notify(waiters_.size()); }

std::string Condition::describe() const {
    return std::to_string(waiters_.size()) + " waiting, lock " + (locked() ? "held" : "free");
}

}  // namespace interleave
