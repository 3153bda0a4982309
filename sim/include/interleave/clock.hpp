#pragma once
// Virtual time: sleep, yield_now, now, and loop callbacks (call_soon / call_later).
// sleep(d > 0) registers a timer and suspends; the task's step runs one hop after the timer's
// handle (SEMANTICS.md §4). sleep(0) (or yield_now) is a bare yield: back to the tail of the
// ready queue, no timer. Time never moves while something is ready.
#include <chrono>
#include <coroutine>
#include <functional>
#include <string>

#include <interleave/detail/future.hpp>
#include <interleave/runtime.hpp>

namespace interleave {

std::string format_seconds(std::int64_t ns);

class [[nodiscard]] SleepAwaiter {
public:
    explicit SleepAwaiter(Duration delay) : delay_(delay.count()) {}
    SleepAwaiter(const SleepAwaiter&) = delete;
    SleepAwaiter& operator=(const SleepAwaiter&) = delete;
    /// sleep()'s `finally: h.cancel()`. (Not when the wait finished: only its timer's callback
    /// finishes it, which ran, and cancelling a timer that ran looks for it in vain. A yield has
    /// no timer.)
    ~SleepAwaiter() {
        if (timer_.seq != 0 && future_.status() != detail::FutureBase::Status::finished) timer_.cancel();
    }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> frame);
    void await_resume();

private:
    std::int64_t delay_;
    detail::FutureBase future_;
    TimerHandle timer_;
};

/// asyncio.sleep(d): a scheduling point; d <= 0 yields to the tail of the ready queue.
inline SleepAwaiter sleep(Duration delay) { return SleepAwaiter(delay); }
template <class Rep, class Period>
SleepAwaiter sleep(std::chrono::duration<Rep, Period> delay) {
    return SleepAwaiter(std::chrono::duration_cast<Duration>(delay));
}
/// asyncio.sleep(0).
inline SleepAwaiter yield_now() { return SleepAwaiter(Duration{0}); }

/// loop.time(), virtual.
inline Duration now() { return Duration{Runtime::current().observed_now_ns()}; }

/// loop.call_soon(fn): a plain handle at the tail of the ready queue, in a copy of the current context.
void call_soon(std::function<void()> callback);
/// loop.call_later(d, fn).
TimerHandle call_later(Duration delay, std::function<void()> callback);

}  // namespace interleave
