#pragma once
// spawn(task) is asyncio.create_task: the task's first step is queued at the tail of the ready
// queue, so it never runs before its creator suspends. The TaskHandle is copyable and
// awaitable; awaiting a finished task does not suspend. Awaiting an unfinished one resumes one
// hop after its last step, and cancelling the awaiter cancels the awaited task (asyncio's
// forwarding). The spawned Task is moved into the runtime: pass it values, or references to
// state that outlives it (STYLE.md habit 4).
#include <coroutine>
#include <string>
#include <string_view>

#include <interleave/detail/await_future.hpp>
#include <interleave/errors.hpp>
#include <interleave/runtime.hpp>
#include <interleave/task.hpp>

namespace interleave {

template <class T = void>
class TaskHandle {
public:
    TaskHandle() = default;
    explicit TaskHandle(detail::TaskState* state) : state_(state) {}
    template <class U>
        requires(std::is_void_v<T> && !std::is_void_v<U>)
    TaskHandle(const TaskHandle<U>& other) : state_(other.state()) {}  // NOLINT: any handle views as TaskHandle<>

    TaskId id() const { return state_->id(); }
    std::string_view name() const { return state_->name(); }
    bool done() const { return state_->observe_done(); }
    bool cancelled() const { return state_->observe_cancelled(); }
    /// Task.cancel(): request cancellation; false when already done.
    bool cancel() const { return state_->cancel(); }
    int cancelling() const { return state_->cancelling(); }
    int uncancel() const { return state_->uncancel(); }

    /// Task.result(): the value, or the task's exception; InvalidStateError while pending.
    T result() const {
        state_->touch_read();
        if (!state_->done()) throw InvalidStateError("Result is not set.");
        if (state_->cancelled()) throw CancelledError{};
        if (state_->error()) {
            state_->error_retrieved_ = true;
            std::rethrow_exception(state_->error());
        }
        if constexpr (!std::is_void_v<T>) return *static_cast<detail::TypedTaskState<T>*>(state_)->result_;
    }

    auto operator co_await() const {
        struct Awaiter {
            TaskHandle handle;
            detail::FutureAwaiter wait;
            bool await_ready() const noexcept { return wait.await_ready(); }
            void await_suspend(std::coroutine_handle<> frame) { wait.await_suspend(frame); }
            T await_resume() {
                if (handle.state_->done() && handle.state_->error()) handle.state_->error_retrieved_ = true;
                wait.await_resume();
                return handle.result();
            }
        };
        return Awaiter{*this, detail::FutureAwaiter(*state_, detail::WaitReason::awaiting(state_->id()))};
    }

    detail::TaskState* state() const { return state_; }
    friend bool operator==(const TaskHandle& a, const TaskHandle& b) { return a.state_ == b.state_; }

private:
    detail::TaskState* state_ = nullptr;
};

/// asyncio.create_task(task, name=...). Unnamed tasks are named after their coroutine function
/// and a counter: "increment#1", "increment#2".
template <class T>
TaskHandle<T> spawn(Task<T> task, std::string name = {}) {
    return TaskHandle<T>(Runtime::current().spawn(std::move(task), std::move(name)));
}

/// asyncio.current_task().
inline TaskHandle<> current_task() { return TaskHandle<>(Runtime::current().current_task()); }

}  // namespace interleave
