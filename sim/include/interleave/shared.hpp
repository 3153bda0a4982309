#pragma once
// Shared<T>: a variable the tasks share, instrumented. get()/set()/update() record a read or a
// write (task, step, value) and never suspend, like plain Python code between awaits.
// co_await load()/store(v)/compare_exchange(e, d) are the thread-like accesses: each is a
// scheduling point *before* the access, so every access can interleave (the DPOR benchmarks'
// mode). The final values of all Shared variables form the execution's outcome.
#include <coroutine>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <interleave/detail/object_base.hpp>
#include <interleave/detail/text_words.hpp>
#include <interleave/repr.hpp>
#include <interleave/runtime.hpp>
#include <variant>

namespace interleave {

template <class T>
class Shared : public detail::ObjectBase {
public:
    Shared(std::string name, T initial) : ObjectBase("Shared", std::move(name)), value_(std::move(initial)) {
        record("init", recording() ? repr(value_) : std::string());
    }
    ~Shared() override { retire(); }

    /// A recorded read.
    const T& get() const {
        auto& runtime = Runtime::current();
        touch(AccessKind::read);
        if (runtime.recording()) {
            auto text = repr(value_);
            record_local("read", text);
            runtime.on_shared_read(id(), text);
        } else {
            runtime.on_shared_read(id(), {});  // the detectors need the value only to describe
        }
        return value_;
    }
    /// A recorded write.
    void set(T value) {
        value_ = std::move(value);
        auto& runtime = Runtime::current();
        touch(AccessKind::write);
        if (runtime.recording()) {
            auto text = repr(value_);
            record_local("write", text);
            runtime.on_shared_write(id(), text);
        } else {
            runtime.on_shared_write(id(), {});
        }
    }
    /// Read, then write f(value), with no scheduling point in between (`x += 1` in Python).
    template <class F>
    void update(F&& f) {
        set(f(get()));
    }
    /// The value without recording an access (for reports and tests).
    const T& peek() const { return value_; }

    /// `co_await x.load()`: a scheduling point, then a recorded read.
    auto load() { return Access<Load>{*this, {}}; }
    /// `co_await x.store(v)`: a scheduling point, then a recorded write.
    auto store(T value) { return Access<Store>{*this, std::move(value)}; }
    /// `co_await x.compare_exchange(expected, desired)`: a scheduling point, then an atomic
    /// read (and write when it matched). Returns whether it matched.
    auto compare_exchange(T expected, T desired) {
        return Access<CompareExchange>{*this, std::pair{std::move(expected), std::move(desired)}};
    }

    std::optional<nlohmann::ordered_json> outcome_value() const override { return nlohmann::ordered_json(value_); }
    /// The words of the value's JSON text, written directly for the types JSON holds as a
    /// boolean, an integer, a number or a string.
    OutcomeWords append_outcome_words(detail::TextWords& words) const override {
        bool exact = true;
        if constexpr (std::is_same_v<T, bool>)
            detail::append_bool_words(value_, words);
        else if constexpr (std::is_integral_v<T>)
            detail::append_integer_words(value_, words);
        else if constexpr (std::is_floating_point_v<T>)
            exact = detail::append_real_words(static_cast<double>(value_), words);
        else if constexpr (std::is_same_v<T, std::string>)
            detail::append_string_words(value_, words);
        else
            exact = detail::append_text_words(nlohmann::ordered_json(value_), words);
        return exact ? OutcomeWords::exact : OutcomeWords::inexact;
    }
    std::string describe() const override { return "= " + repr(value_); }

private:
    struct Load {};
    struct Store {};
    struct CompareExchange {};

    template <class Kind>
    struct Access {
        Shared& shared;
        std::conditional_t<std::is_same_v<Kind, Load>, std::monostate,
                           std::conditional_t<std::is_same_v<Kind, Store>, T, std::pair<T, T>>>
            operand;

        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> frame) {
            Runtime::current().yield_current(frame, {shared.id(), std::is_same_v<Kind, Load> ? "load" : "store"});
        }
        auto await_resume() {
            Runtime::current().rethrow_resume_exception();
            if constexpr (std::is_same_v<Kind, Load>) {
                return shared.get();
            } else if constexpr (std::is_same_v<Kind, Store>) {
                shared.set(std::move(operand));
            } else {
                if (shared.get() == operand.first) {
                    shared.set(std::move(operand.second));
                    return true;
                }
                // One atomic read-modify-write: to DPOR a write whether it matched or not (the
                // detectors see a read). Its kind followed the value it found, and the search
                // then missed traces (Dpor.AFailedCompareExchangeStillWrites).
                shared.touch(AccessKind::write);
                return false;
            }
        }
    };

    T value_;
};

}  // namespace interleave
