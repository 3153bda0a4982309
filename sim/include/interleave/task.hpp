#pragma once
// Task<T>: a lazily started coroutine (cppcoro's shape). Creating one runs nothing; awaiting it
// runs it inline in the awaiting task (no hop, like `await coro()` in asyncio) through symmetric
// transfer; its exception or result comes out of the co_await. `spawn(task)` turns it into a
// scheduled task of its own. Await a Task once, as an rvalue: the frame is owned by the Task
// object and dies with it.
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include <interleave/detail/frame_pool.hpp>

namespace interleave {

class Runtime;

namespace detail {
/// Captures the name of the coroutine function that creates a promise: default arguments are
/// evaluated at the call site, which for a promise constructor is the coroutine itself.
struct FunctionName {
    const char* value;
    FunctionName(const char* name = __builtin_FUNCTION()) : value(name) {}  // NOLINT: implicit on purpose
};

class PromiseBase : public Pooled {  // frames come from the frame pool
public:
    explicit PromiseBase(FunctionName name) : function_name_(name.value) {}
    std::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter {
        bool await_ready() noexcept { return false; }
        template <class Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
            auto& promise = self.promise();
            if (promise.continuation_) return promise.continuation_;
            if (promise.root_end_) promise.root_end_(&promise, promise.root_task_);
            return std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error_ = std::current_exception(); }

    void set_continuation(std::coroutine_handle<> continuation) { continuation_ = continuation; }
    const char* function_name() const { return function_name_; }
    std::exception_ptr error() const { return error_; }

    /// What a spawned task's frame runs at its end, suspended at its final point: completing
    /// its task (Runtime::spawn sets it; `end` knows the promise's and the task's types).
    using RootEnd = void (*)(PromiseBase* promise, void* task) noexcept;
    void set_root_end(RootEnd end, void* task) {
        root_end_ = end;
        root_task_ = task;
    }

protected:
    void rethrow_if_error() const {
        if (error_) std::rethrow_exception(error_);
    }

private:
    std::coroutine_handle<> continuation_;
    std::exception_ptr error_;
    const char* function_name_;
    RootEnd root_end_ = nullptr;
    void* root_task_ = nullptr;
};
template <class T>
struct ValuePromise : PromiseBase {
    using PromiseBase::PromiseBase;
    template <class U>
    void return_value(U&& value) {
        value_.emplace(std::forward<U>(value));
    }
    T take() {
        rethrow_if_error();
        return std::move(*value_);
    }
    std::optional<T> value_;
};

struct VoidPromise : PromiseBase {
    using PromiseBase::PromiseBase;
    void return_void() noexcept {}
    void take() { rethrow_if_error(); }
};
}  // namespace detail

template <class T = void>
class [[nodiscard]] Task {
public:
    struct promise_type : std::conditional_t<std::is_void_v<T>, detail::VoidPromise, detail::ValuePromise<T>> {
        promise_type(detail::FunctionName name = {})  // NOLINT: see FunctionName
            : std::conditional_t<std::is_void_v<T>, detail::VoidPromise, detail::ValuePromise<T>>(name) {}
        Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    };

    Task(Task&& other) noexcept : frame_(std::exchange(other.frame_, {})) {}
    Task& operator=(Task&& other) noexcept {
        if (this != &other) {
            destroy();
            frame_ = std::exchange(other.frame_, {});
        }
        return *this;
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() { destroy(); }

    /// The coroutine function's name ("increment"), used to name spawned tasks.
    const char* function_name() const { return frame_ ? frame_.promise().function_name() : "task"; }

    auto operator co_await() && noexcept {
        struct Awaiter {
            std::coroutine_handle<promise_type> frame;
            bool await_ready() noexcept { return !frame || frame.done(); }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
                frame.promise().set_continuation(awaiting);
                return frame;
            }
            T await_resume() { return frame.promise().take(); }
        };
        return Awaiter{frame_};
    }

private:
    friend class Runtime;  // spawn takes the frame: a spawned task's frame is the runtime's
    explicit Task(std::coroutine_handle<promise_type> frame) : frame_(frame) {}
    std::coroutine_handle<promise_type> release() { return std::exchange(frame_, {}); }
    void destroy() {
        if (frame_) frame_.destroy();
        frame_ = {};
    }
    std::coroutine_handle<promise_type> frame_;
};

}  // namespace interleave
