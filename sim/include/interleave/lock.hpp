#pragma once
// Lock: asyncio.Lock (SEMANTICS.md §7). acquire() of a free lock with no live waiter takes it
// without suspending. Otherwise the task queues (FIFO by acquire() call) and is woken one hop
// after a release() that finds it first in line. No barging: while a woken waiter has not run
// yet, every acquire() — even the releaser's — queues behind it. No owner check: any task may
// release. A cancelled waiter passes the lock on, so no wake-up is lost.
#include <coroutine>
#include <string>

#include <interleave/detail/future.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/detail/scoped.hpp>
#include <interleave/detail/vector_clock.hpp>

namespace interleave {

class Lock : public detail::ObjectBase {
public:
    explicit Lock(std::string name = "lock");

    class [[nodiscard]] AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Lock& lock) : lock_(lock) {}
        AcquireAwaiter(AcquireAwaiter&& other) noexcept : lock_(other.lock_) {}
        bool await_ready();
        void await_suspend(std::coroutine_handle<> frame);
        bool await_resume();

    private:
        Lock& lock_;
        detail::WaitNode node_;
        bool suspended_ = false;
    };

    /// `await lock.acquire()`.
    AcquireAwaiter acquire() { return AcquireAwaiter(*this); }
    /// `async with lock:` — gives a guard that releases at scope exit.
    auto scoped() { return detail::ScopedAcquire<Lock, AcquireAwaiter>(*this, AcquireAwaiter(*this)); }
    /// Raises RuntimeError when the lock is not held.
    void release();
    bool locked() const {
        touch(AccessKind::read);
        return locked_;
    }
    std::string describe() const override;

private:
    bool can_take_now() const;
    void take();
    void wake_up_first();

    bool locked_ = false;
    detail::WaiterList waiters_;
    detail::VectorClock release_clock_;  // release -> next acquire
};

}  // namespace interleave
