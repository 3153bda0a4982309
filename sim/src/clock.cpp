#include <cstdio>

#include <interleave/clock.hpp>
#include <interleave/detail/await_future.hpp>

namespace interleave {

std::string format_seconds(std::int64_t ns) {
    char text[48];
    std::snprintf(text, sizeof text, "%lld.%09llds", static_cast<long long>(ns / 1000000000),
                  static_cast<long long>(ns % 1000000000));
    std::string s = text;  // trim trailing zeros of the fraction, keep one digit
    auto dot = s.find('.');
    auto last = s.find_last_not_of('0', s.size() - 2);
    if (last == dot) last = dot + 1;
    return s.substr(0, last + 1) + "s";
}

void SleepAwaiter::await_suspend(std::coroutine_handle<> frame) {
    auto& runtime = Runtime::current();
    if (delay_ <= 0) {
        runtime.record("sleep", no_object, "0");
        runtime.yield_current(frame);
        return;
    }
    auto* task = runtime.current_task();
    const std::int64_t deadline = runtime.observed_now_ns() + delay_;
    if (runtime.recording()) runtime.record("sleep", no_object, format_seconds(delay_));
    timer_ = runtime.call_at(deadline, detail::LoopCallback::release_waiter(&future_), nullptr, task);
    runtime.suspend_on(future_, frame, detail::WaitReason::sleeping_until(deadline));
    task->sleep_timer_ = timer_.seq;
    task->sleep_deadline_ = deadline;
}

void SleepAwaiter::await_resume() {
    auto& runtime = Runtime::current();
    if (delay_ <= 0) {
        runtime.rethrow_resume_exception();
        return;
    }
    if (auto error = runtime.wake_exception(future_)) std::rethrow_exception(error);
}

void call_soon(std::function<void()> callback) {
    auto& runtime = Runtime::current();
    runtime.call_soon(std::move(callback), runtime.current_context());
}

TimerHandle call_later(Duration delay, std::function<void()> callback) {
    auto& runtime = Runtime::current();
    return runtime.call_at(runtime.observed_now_ns() + delay.count(), std::move(callback), runtime.current_context());
}

}  // namespace interleave
