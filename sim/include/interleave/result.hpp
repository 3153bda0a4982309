#pragma once
// Result<T>: one entry of gather(return_exceptions, ...): a value or the exception the child
// ended with (CancelledError for a cancelled child), as asyncio puts exceptions in the list.
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include <interleave/errors.hpp>

namespace interleave {

template <class T>
class Result {
public:
    using value_type = std::conditional_t<std::is_void_v<T>, std::monostate, T>;
    static Result of_value(value_type value) {
        Result r;
        r.value_.emplace(std::move(value));
        return r;
    }
    static Result of_error(std::exception_ptr error) {
        Result r;
        r.error_ = std::move(error);
        return r;
    }

    bool has_value() const { return value_.has_value(); }
    /// The value; rethrows the child's exception when there is none.
    const value_type& value() const {
        if (!value_) std::rethrow_exception(error_);
        return *value_;
    }
    const std::exception_ptr& error() const { return error_; }
    template <class E>
    bool holds() const {
        if (!error_) return false;
        try {
            std::rethrow_exception(error_);
        } catch (const E&) {
            return true;
        } catch (...) {
            return false;
        }
    }
    /// The exception's Python name ("ValueError"), or "None" for a value.
    std::string error_name() const { return interleave::error_name(error_); }

private:
    std::optional<value_type> value_;
    std::exception_ptr error_;
};

}  // namespace interleave
