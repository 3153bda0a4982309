#pragma once
// print(...) writes one line of scenario output (the trace keeps it; `interleave run` prints
// it); expect(...) records a violated invariant without stopping the execution.
#include <string_view>

#include <fmt/format.h>

#include <interleave/repr.hpp>
#include <interleave/runtime.hpp>

namespace interleave {

template <class... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
    Runtime::current().print_line(fmt::format(format, std::forward<Args>(args)...));
}

/// Records `why` as an invariant violation when `condition` is false; returns `condition`.
inline bool expect(bool condition, std::string_view why) {
    if (!condition) Runtime::current().expect_failed(std::string(why));
    return condition;
}

}  // namespace interleave
