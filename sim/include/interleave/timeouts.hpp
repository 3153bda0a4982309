#pragma once
// (Awaiters here are named locals: g++ 12 destroys a braced temporary inside a co_await
// expression twice.)
// wait_for, timeout and shield, as CPython 3.11 has them (SEMANTICS.md §6).
//  - wait_for(task, d) runs the task as its own task (ensure_future); the timeout timer is
//    registered before that task is created, so at an exact tie the timeout wins. It resumes
//    two hops after the inner task ends. On time-out it cancels the inner task, waits until it
//    has really finished, and raises TimeoutError. If the caller is cancelled after the inner
//    task finished, the result is returned (3.11 swallows that cancellation). wait_for(task or
//    future, d) waits for that one; timeout <= 0 gives its result if done, else cancels it and
//    raises TimeoutError; wait_for(aw, std::nullopt) is a plain await (timeout=None).
//  - timeout(d, body) runs body inline in the current task and cancels the task at the
//    deadline, turning that cancellation (and only it) into TimeoutError. A Timeout passed as
//    third argument tells afterwards whether the deadline fired (cm.expired()).
//  - shield(task): cancelling the awaiter does not cancel the inner task.
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include <interleave/clock.hpp>
#include <interleave/detail/await_future.hpp>
#include <interleave/future.hpp>
#include <interleave/task.hpp>
#include <interleave/task_handle.hpp>

namespace interleave {

namespace detail {
/// asyncio's _cancel_and_wait: cancel `future` and wait until it has finished.
Task<> cancel_and_wait(FutureBase& future, std::string name);

template <class T>
FutureBase& future_of(const TaskHandle<T>& task) {
    return *task.state();
}
template <class T>
FutureBase& future_of(const Future<T>& future) {
    return future.state();
}
template <class T>
std::string name_of(const TaskHandle<T>& task) {
    return std::string(task.name());
}
template <class T>
std::string name_of(const Future<T>&) {
    return "future";
}

/// wait_for from CPython's `fut = ensure_future(fut)` on: `ensure_future()` gives the
/// TaskHandle or Future to wait for; it is called after the timeout timer is registered.
template <class T, class EnsureFuture>
Task<T> wait_for_future(EnsureFuture ensure_future, Duration timeout) {
    auto& runtime = Runtime::current();
    if (timeout.count() <= 0) {
        auto inner = ensure_future();
        if (!inner.done()) {
            auto cancelled = cancel_and_wait(future_of(inner), name_of(inner));
            co_await std::move(cancelled);
            if (inner.cancelled()) throw TimeoutError{};
        }
        co_return inner.result();
    }
    auto waiter = std::make_shared<FutureBase>();
    auto release = [waiter] { release_waiter(*waiter); };
    TimerHandle timer =
        runtime.call_at(runtime.observed_now_ns() + timeout.count(), release, runtime.current_context());
    struct CancelTimer {
        TimerHandle timer;
        ~CancelTimer() { timer.cancel(); }
    } cancel_timer{timer};
    auto inner = ensure_future();
    auto callback = future_of(inner).add_done_callback(release);
    bool cancelled = false;
    try {
        const std::string waiting_for = "wait_for " + name_of(inner);
        FutureAwaiter released(*waiter, detail::WaitReason::described(waiting_for));
        co_await released;
    } catch (const CancelledError&) {
        cancelled = true;
    }
    if (inner.done()) co_return inner.result();
    future_of(inner).remove_done_callback(callback);
    auto finished = cancel_and_wait(future_of(inner), name_of(inner));
    co_await std::move(finished);
    if (cancelled) throw CancelledError{};
    if (inner.cancelled()) throw TimeoutError{};
    co_return inner.result();
}
}  // namespace detail

/// asyncio.wait_for(coro, timeout): runs `body` as a task of its own.
template <class T>
Task<T> wait_for(Task<T> body, Duration timeout) {
    return detail::wait_for_future<T>([body = std::move(body)]() mutable { return spawn(std::move(body)); },
                                      timeout);
}
/// asyncio.wait_for(task, timeout).
template <class T>
Task<T> wait_for(TaskHandle<T> task, Duration timeout) {
    return detail::wait_for_future<T>([task] { return task; }, timeout);
}
/// asyncio.wait_for(future, timeout).
template <class T>
Task<T> wait_for(Future<T> future, Duration timeout) {
    return detail::wait_for_future<T>([future] { return future; }, timeout);
}
/// wait_for(aw, timeout=None) is a plain `await aw`: a coroutine runs inline, in this task.
template <class T>
Task<T> wait_for(Task<T> body, std::nullopt_t) {
    co_return co_await std::move(body);
}
template <class T>
Task<T> wait_for(TaskHandle<T> task, std::nullopt_t) {
    co_return co_await task;
}
template <class T>
Task<T> wait_for(Future<T> future, std::nullopt_t) {
    co_return co_await future;
}

class Timeout;
template <class T>
Task<T> timeout(Duration delay, Task<T> body, Timeout scope);

/// What `async with asyncio.timeout(d) as cm` binds, for asking afterwards whether the deadline
/// fired: `Timeout cm; co_await timeout(d, block(), cm); cm.expired()`. Copies share one state.
class Timeout {
public:
    /// True once the deadline has fired, even if the block swallowed the cancellation.
    bool expired() const { return *expired_; }

private:
    template <class T>
    friend Task<T> timeout(Duration, Task<T>, Timeout);
    std::shared_ptr<bool> expired_ = std::make_shared<bool>(false);
};

template <class T>
Task<T> timeout(Duration delay, Task<T> body, Timeout scope) {
    auto& runtime = Runtime::current();
    auto* task = runtime.current_task();
    const int cancelling = task->cancelling();
    auto expiring = scope.expired_;
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
        timer = runtime.call_at(runtime.observed_now_ns() + delay.count(), on_timeout, runtime.current_context());
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
Task<T> timeout(Duration delay, Task<T> body) {
    return timeout(delay, std::move(body), Timeout{});
}

/// shield(task) on a task that already exists (asyncio.shield(task)); a done task's outcome
/// comes back without suspending, as shield returns the inner future itself.
template <class T>
Task<T> shield(TaskHandle<T> inner) {
    if (inner.done()) co_return inner.result();
    auto outer = std::make_shared<detail::FutureBase>();
    auto* state = inner.state();
    // _inner_done_callback: inner.exception() marks the inner error retrieved.
    auto inner_done = state->add_done_callback([outer, state] {
        if (outer->cancelled()) {
            if (!state->cancelled() && state->error()) state->error_retrieved_ = true;
            return;
        }
        if (state->cancelled()) {
            outer->cancel();
        } else if (state->error()) {
            state->error_retrieved_ = true;
            outer->set_exception(state->error());
        } else {
            outer->set_result();
        }
    });
    // _outer_done_callback: an outer future cancelled while the inner task still runs stops
    // listening, so nobody retrieves the inner task's error (asyncio logs it).
    outer->add_done_callback([state, inner_done] {
        if (!state->done()) state->remove_done_callback(inner_done);
    });
    const std::string waiting_for = "shield " + std::string(inner.name());
    detail::FutureAwaiter outer_done(*outer, detail::WaitReason::described(waiting_for));
    co_await outer_done;
    co_return inner.result();
}

template <class T>
Task<T> shield(Task<T> body) {
    auto shielded = shield(spawn(std::move(body)));
    co_return co_await std::move(shielded);
}

}  // namespace interleave
