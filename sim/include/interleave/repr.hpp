#pragma once
// repr(x): Python's text for a value (True, 'x', [1, 2], {'k': 1}, (1, 2, 3), None), so that
// a scenario's output compares with CPython's byte for byte.
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace interleave {

std::string repr(std::string_view text);
inline std::string repr(const std::string& text) { return repr(std::string_view(text)); }
inline std::string repr(const char* text) { return repr(std::string_view(text)); }
inline std::string repr(bool value) { return value ? "True" : "False"; }
inline std::string repr(std::nullopt_t) { return "None"; }
std::string repr(double value);
template <std::integral T>
    requires(!std::same_as<T, bool>)
std::string repr(T value) {
    return std::to_string(value);
}
template <class T>
std::string repr(const std::optional<T>& value);
template <class T>
std::string repr(const std::vector<T>& values);
template <class K, class V>
std::string repr(const std::map<K, V>& values);
template <class... Ts>
std::string repr(const std::tuple<Ts...>& values);

template <class T>
std::string repr(const std::optional<T>& value) {
    return value ? repr(*value) : "None";
}

template <class T>
std::string repr(const std::vector<T>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += repr(values[i]);
    }
    return out + "]";
}

template <class K, class V>
std::string repr(const std::map<K, V>& values) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : values) {
        if (!first) out += ", ";
        first = false;
        out += repr(key) + ": " + repr(value);
    }
    return out + "}";
}

template <class... Ts>
std::string repr(const std::tuple<Ts...>& values) {
    std::string out = "(";
    std::apply(
        [&](const auto&... items) {
            std::size_t i = 0;
            ((out += (i++ ? ", " : "") + repr(items)), ...);
        },
        values);
    if constexpr (sizeof...(Ts) == 1) out += ",";
    return out + ")";
}

/// Python's repr of an insertion-ordered dict whose entries are given as pairs.
template <class V>
std::string repr(const std::vector<std::pair<std::string, V>>& entries) {
    std::string out = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i) out += ", ";
        out += repr(entries[i].first) + ": " + repr(entries[i].second);
    }
    return out + "}";
}

namespace detail {
/// repr(value) where the type has one, for trace values; "<value>" otherwise.
template <class T>
std::string repr_if_possible(const T& value) {
    if constexpr (requires { repr(value); })
        return repr(value);
    else
        return "<value>";
}
}  // namespace detail

}  // namespace interleave
