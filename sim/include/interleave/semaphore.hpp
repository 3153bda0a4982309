#pragma once
// Semaphore / BoundedSemaphore: asyncio's 3.11.7 algorithm (SEMANTICS.md §8). release() hands
// the unit straight to the first waiter that is not yet woken (FIFO); while any live waiter
// exists the semaphore counts as locked, so newcomers — the releaser too — queue behind.
// A woken waiter that is cancelled before it runs gives its unit back to the next one.
#include <coroutine>
#include <string>

#include <interleave/detail/future.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/detail/scoped.hpp>
#include <interleave/detail/vector_clock.hpp>

namespace interleave {

class Semaphore : public detail::ObjectBase {
public:
    explicit Semaphore(std::string name = "semaphore", int value = 1);

    class [[nodiscard]] AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Semaphore& semaphore) : semaphore_(semaphore) {}
        AcquireAwaiter(AcquireAwaiter&& other) noexcept : semaphore_(other.semaphore_) {}
        bool await_ready();
        void await_suspend(std::coroutine_handle<> frame);
        bool await_resume();

    private:
        Semaphore& semaphore_;
        detail::WaitNode node_;
        bool suspended_ = false;
    };

    AcquireAwaiter acquire() { return AcquireAwaiter(*this); }
    auto scoped() { return detail::ScopedAcquire<Semaphore, AcquireAwaiter>(*this, AcquireAwaiter(*this)); }
    virtual void release();
    /// True when acquire() would suspend.
    bool locked() const;
    int value() const {
        touch(AccessKind::read);
        return value_;
    }
    std::string describe() const override;

protected:
    Semaphore(std::string_view kind, std::string name, int value);
    void release_unit();

private:
    bool wake_up_next();

    int value_;
    detail::WaiterList waiters_;
    detail::VectorClock release_clock_;  // every release -> later acquires
};

/// A Semaphore whose release() raises ValueError above the initial value.
class BoundedSemaphore : public Semaphore {
public:
    explicit BoundedSemaphore(std::string name = "semaphore", int value = 1);
    void release() override;

private:
    int bound_;
};

}  // namespace interleave
