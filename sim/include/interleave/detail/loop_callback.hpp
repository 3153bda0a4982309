#pragma once
// LoopCallback: what a loop callback handle runs. The runtime's own callback on a hot path (a
// sleep's timer releasing its waiter) is typed out, so it builds, moves and calls no
// std::function; anything else is a plain function. (A gather counting a finished child has a
// ready-queue entry of its own: Runtime::call_soon_gather_child_done.)
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace interleave::detail {

class FutureBase;

class LoopCallback {
public:
    LoopCallback() = default;
    /// A plain function: user code (call_soon, add_done_callback) and the rarer internal paths.
    template <class Function>
    requires(!std::is_same_v<std::remove_cvref_t<Function>, LoopCallback> && std::is_invocable_v<Function&>)
        LoopCallback(Function&& function)  // implicit: call sites pass lambdas
        : kind_(Kind::function), function_(std::make_unique<std::function<void()>>(std::forward<Function>(function))) {}

    /// release_waiter(*waiter): sets the waiter's result unless it is done.
    static LoopCallback release_waiter(FutureBase* waiter);

    /// Whether it runs user code, which sees the context it was registered in. The runtime's
    /// own callbacks read no context, so they are registered and run without one.
    bool runs_user_code() const { return kind_ == Kind::function; }
    void operator()();

private:
    enum class Kind : std::uint8_t { none, function, release_waiter };
    Kind kind_ = Kind::none;
    FutureBase* future_ = nullptr;
    // Boxed: moving a callback through the ready queue moves a pointer, and the typed one
    // carries no std::function at all.
    std::unique_ptr<std::function<void()>> function_;
};

}  // namespace interleave::detail
