#pragma once
// Awaiting a FutureBase from a task: suspends only if it is pending (Future.__await__), and
// resumes with the future's outcome or with a cancellation delivered at this await.
#include <coroutine>
#include <exception>

#include <interleave/errors.hpp>
#include <interleave/runtime.hpp>

namespace interleave::detail {

class FutureAwaiter {
public:
    FutureAwaiter(FutureBase& future, WaitReason reason) : future_(future), reason_(reason) {}
    bool await_ready() const noexcept {
        future_.touch_read();
        return future_.done();
    }
    void await_suspend(std::coroutine_handle<> frame) {
        suspended_ = true;
        Runtime::current().suspend_on(future_, frame, std::move(reason_));
    }
    void await_resume() {
        std::exception_ptr error;
        if (suspended_)
            error = Runtime::current().wake_exception(future_);
        else if (future_.cancelled())
            error = std::make_exception_ptr(CancelledError{});
        else
            error = future_.error();
        if (!suspended_) Runtime::current().synchronize_with(future_.completer_clock());
        if (error) std::rethrow_exception(error);
    }

private:
    FutureBase& future_;
    WaitReason reason_;
    bool suspended_ = false;
};

/// Sets `future`'s result unless it is already done (asyncio's _release_waiter and
/// _set_result_unless_cancelled).
inline void release_waiter(FutureBase& future) {
    if (!future.done()) future.set_result();
}

inline bool is_cancelled_error(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace interleave::detail
