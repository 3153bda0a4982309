#pragma once
// `auto held = co_await x.scoped();` is `async with x:` — acquire, and release when `held`
// goes out of scope, also while unwinding. Not released while an execution is torn down.
#include <coroutine>
#include <utility>

#include <interleave/runtime.hpp>

namespace interleave::detail {

template <class Primitive>
class [[nodiscard]] Held {
public:
    explicit Held(Primitive& primitive) : primitive_(&primitive) {}
    Held(Held&& other) noexcept : primitive_(std::exchange(other.primitive_, nullptr)) {}
    Held& operator=(Held&&) = delete;
    ~Held() { release(); }
    /// Releases early (leaving the `async with` block).
    void release() {
        auto* runtime = Runtime::current_or_null();
        if (primitive_ && runtime && !runtime->tearing_down()) primitive_->release();
        primitive_ = nullptr;
    }

private:
    Primitive* primitive_;
};

/// Wraps a primitive's acquire awaiter so that co_await gives a Held guard.
template <class Primitive, class AcquireAwaiter>
class ScopedAcquire {
public:
    ScopedAcquire(Primitive& primitive, AcquireAwaiter acquire)
        : primitive_(primitive), acquire_(std::move(acquire)) {}
    bool await_ready() { return acquire_.await_ready(); }
    auto await_suspend(std::coroutine_handle<> frame) { return acquire_.await_suspend(frame); }
    Held<Primitive> await_resume() {
        acquire_.await_resume();
        return Held<Primitive>(primitive_);
    }

private:
    Primitive& primitive_;
    AcquireAwaiter acquire_;
};

}  // namespace interleave::detail
