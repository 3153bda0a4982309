#pragma once
// (Awaiters here are named locals: g++ 12 destroys a braced temporary inside a co_await
// expression twice.)
// wait_for, timeout and shield, as CPython 3.11 has them (SEMANTICS.md §6).
//  - wait_for(task, d) runs the task as its own task (ensure_future); the timeout timer is
//    registered before that task is created, so at an exact tie the timeout wins. It resumes
//    two hops after the inner task ends. On time-out it cancels the inner task, waits until it
//    has really finished, and raises TimeoutError. If the caller is cancelled after the inner
//    task finished, the result is returned (3.11 swallows that cancellation).
//  - timeout(d, body) runs body inline in the current task and cancels the task at the
//    deadline, turning that cancellation (and only it) into TimeoutError.
//  - shield(task): cancelling the awaiter does not cancel the inner task.
#include <memory>
#include <optional>
#include <type_traits>

#include <interleave/clock.hpp>
#include <interleave/detail/await_future.hpp>
#include <interleave/task.hpp>
#include <interleave/task_handle.hpp>

namespace interleave {

namespace detail {
/// asyncio's _cancel_and_wait: cancel `task` and wait until it has finished.
Task<> cancel_and_wait(TaskState& task);
}  // namespace detail

template <class T>
Task<T> wait_for(Task<T> body, Duration timeout) {
    auto& runtime = Runtime::current();
    if (timeout.count() <= 0) {
        auto inner = spawn(std::move(body));
        if (!inner.done()) {
            co_await detail::cancel_and_wait(*inner.state());
            if (inner.cancelled()) throw TimeoutError{};
        }
        co_return inner.result();
    }
    auto waiter = std::make_shared<detail::FutureBase>();
    auto release = [waiter] { detail::release_waiter(*waiter); };
    TimerHandle timer = runtime.call_at(runtime.now_ns() + timeout.count(), release, runtime.current_context());
    struct CancelTimer {
        TimerHandle timer;
        ~CancelTimer() { timer.cancel(); }
    } cancel_timer{timer};
    auto inner = spawn(std::move(body));
    auto callback = inner.state()->add_done_callback(release);
    bool cancelled = false;
    try {
        detail::FutureAwaiter released(*waiter, {no_object, "wait_for " + inner.name()});
        co_await released;
    } catch (const CancelledError&) {
        cancelled = true;
    }
    if (inner.done()) co_return inner.result();
    inner.state()->remove_done_callback(callback);
    co_await detail::cancel_and_wait(*inner.state());
    if (cancelled) throw CancelledError{};
    if (inner.cancelled()) throw TimeoutError{};
    co_return inner.result();
}

template <class T>
Task<T> timeout(Duration delay, Task<T> body) {
    auto& runtime = Runtime::current();
    auto* task = runtime.current_task();
    const int cancelling = task->cancelling();
    auto expiring = std::make_shared<bool>(false);
    auto cancelled_handle = std::make_shared<bool>(false);
    auto on_timeout = [task, expiring, cancelled_handle] {
        if (*cancelled_handle) return;
        task->cancel();
        *expiring = true;
    };
    TimerHandle timer;
    if (delay.count() <= 0)
        runtime.call_soon(on_timeout, runtime.current_context());
    else
        timer = runtime.call_at(runtime.now_ns() + delay.count(), on_timeout, runtime.current_context());
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(body);
            value.emplace(true);
        } else {
            value.emplace(co_await std::move(body));
        }
    } catch (...) {
        error = std::current_exception();
    }
    timer.cancel();
    *cancelled_handle = true;
    if (*expiring && task->uncancel() <= cancelling && detail::is_cancelled_error(error)) throw TimeoutError{};
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

template <class T>
Task<T> shield(Task<T> body) {
    auto inner = spawn(std::move(body));
    auto outer = std::make_shared<detail::FutureBase>();
    auto* state = inner.state();
    state->add_done_callback([outer, state] {
        if (outer->cancelled()) return;
        if (state->cancelled())
            outer->cancel();
        else if (state->error())
            outer->set_exception(state->error());
        else
            outer->set_result();
    });
    detail::FutureAwaiter outer_done(*outer, {no_object, "shield " + inner.name()});
    co_await outer_done;
    co_return inner.result();
}

}  // namespace interleave
