#pragma once
// LoopCallback: what a loop callback handle runs. The runtime's own callbacks on hot paths
// (a gather counting a finished child, a sleep's timer releasing its waiter) are typed out, so
// they build, move and call no std::function; anything else is a plain function.
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace interleave::detail {

class FutureBase;
class TaskState;

class LoopCallback {
public:
    LoopCallback() = default;
    /// A plain function: user code (call_soon, add_done_callback) and the rarer internal paths.
    template <class Function>
    requires(!std::is_same_v<std::remove_cvref_t<Function>, LoopCallback> && std::is_invocable_v<Function&>)
        LoopCallback(Function&& function)  // implicit: call sites pass lambdas
        : kind_(Kind::function), function_(std::make_unique<std::function<void()>>(std::forward<Function>(function))) {}

    /// GatherState::child_done(child): `gather` is a GatherState.
    static LoopCallback gather_child_done(FutureBase* gather, TaskState* child);
    /// release_waiter(*waiter): sets the waiter's result unless it is done.
    static LoopCallback release_waiter(FutureBase* waiter);

    /// Whether it runs user code, which sees the context it was registered in. The runtime's
    /// own callbacks read no context, so they are registered and run without one.
    bool runs_user_code() const { return kind_ == Kind::function; }
    /// A gather_child_done callback: the runtime queues it as a handle of its own.
    bool counts_gather_child() const { return kind_ == Kind::gather_child_done; }
    FutureBase* future() const { return future_; }
    TaskState* child() const { return child_; }
    void operator()();

private:
    enum class Kind : std::uint8_t { none, function, gather_child_done, release_waiter };
    Kind kind_ = Kind::none;
    FutureBase* future_ = nullptr;
    TaskState* child_ = nullptr;
    // Boxed: moving a callback through the ready queue moves a pointer, and the typed ones
    // carry no std::function at all.
    std::unique_ptr<std::function<void()>> function_;
};

}  // namespace interleave::detail
