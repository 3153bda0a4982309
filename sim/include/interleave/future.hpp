#pragma once
// Future<T>: loop.create_future(). A shared handle (copies name the same future, as Python
// references do). set_result/set_exception/cancel never resume anyone inline: each awaiter is
// woken one hop later, in await order (SEMANTICS.md §2). Awaiting a done future does not
// suspend; awaiting a pending one from a task that gets cancelled cancels the future.
#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include <interleave/detail/await_future.hpp>
#include <interleave/errors.hpp>

namespace interleave {

template <class T = void>
class Future {
public:
    Future() : state_(std::make_shared<State>()) {}

    bool done() const { return state_->observe_done(); }
    bool cancelled() const { return state_->observe_cancelled(); }
    /// Future.cancel(): false when already done.
    bool cancel() const { return state_->cancel(); }

    /// Raises InvalidStateError when the future is already done.
    template <class U>
        requires(!std::is_void_v<T> && std::is_convertible_v<U, T>)
    void set_result(U&& value) const {
        state_->touch_read();
        if (state_->done()) throw InvalidStateError("invalid state");
        state_->value_.emplace(std::forward<U>(value));
        state_->set_result();
    }
    void set_result() const
        requires std::is_void_v<T>
    {
        state_->touch_read();
        if (state_->done()) throw InvalidStateError("invalid state");
        state_->set_result();
    }
    void set_exception(std::exception_ptr error) const {
        state_->touch_read();
        if (state_->done()) throw InvalidStateError("invalid state");
        state_->set_exception(std::move(error));
    }

    /// Future.result(): the value, or the exception; InvalidStateError while pending.
    T result() const {
        state_->touch_read();
        if (!state_->done()) throw InvalidStateError("Result is not set.");
        if (state_->cancelled()) throw CancelledError{};
        if (state_->error()) std::rethrow_exception(state_->error());
        if constexpr (!std::is_void_v<T>) return *state_->value_;
    }

    auto operator co_await() const {
        struct Awaiter {
            Future future;
            detail::FutureAwaiter wait;
            bool await_ready() const noexcept { return wait.await_ready(); }
            void await_suspend(std::coroutine_handle<> frame) { wait.await_suspend(frame); }
            T await_resume() {
                wait.await_resume();
                return future.result();
            }
        };
        return Awaiter{*this, detail::FutureAwaiter(*state_, {no_object, "await future"})};
    }

    /// The underlying future, for the library's own waiting (wait_for), like TaskHandle::state().
    detail::FutureBase& state() const { return *state_; }

private:
    struct State : detail::FutureBase {
        std::optional<std::conditional_t<std::is_void_v<T>, std::monostate, T>> value_;
    };
    std::shared_ptr<State> state_;
};

}  // namespace interleave
