#pragma once
// Condition: asyncio.Condition (SEMANTICS.md §10), over a Lock of its own or one given.
// wait() releases the lock, waits for a notify, then re-acquires the lock through an ordinary
// acquire — so a notified task queues behind tasks already waiting for the lock. notify(n)
// wakes the first n waiters not yet woken, FIFO. Both raise RuntimeError without the lock.
#include <functional>
#include <string>

#include <interleave/detail/future.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/lock.hpp>
#include <interleave/task.hpp>

namespace interleave {

class Condition : public detail::ObjectBase {
public:
    /// A condition with a lock of its own, named "<name>.lock".
    explicit Condition(std::string name = "condition");
    /// A condition sharing `lock`, which must outlive it.
    Condition(std::string name, Lock& lock);

    Lock::AcquireAwaiter acquire() { return lock_->acquire(); }
    auto scoped() { return lock_->scoped(); }
    void release() { lock_->release(); }
    bool locked() const { return lock_->locked(); }

    /// Waits for a notify; the lock is held again when it returns (or raises).
    Task<bool> wait();
    /// Waits until predicate() holds, checking it first and after every wake-up.
    Task<bool> wait_for(std::function<bool()> predicate);
    void notify(std::size_t n = 1);
    void notify_all();
    std::string describe() const override;

private:
    std::optional<Lock> own_lock_;
    Lock* lock_;
    detail::WaiterList waiters_;
};

}  // namespace interleave
