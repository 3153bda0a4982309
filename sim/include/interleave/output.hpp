#pragma once
// print(...) writes one line of scenario output (the trace keeps it; `interleave run` prints
// it); expect(...) records a violated invariant without stopping the execution.
#include <string_view>

#include <fmt/format.h>

#include <interleave/repr.hpp>
#include <interleave/runtime.hpp>

namespace interleave {

/// The line is formatted only when the run keeps its output (RuntimeOptions::keep_output).
template <class... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
    auto& runtime = Runtime::current();
    if (runtime.keeps_output())
        runtime.print_line(fmt::format(format, std::forward<Args>(args)...));
    else
        runtime.touch_output();
}

/// Records `why` as an invariant violation when `condition` is false; returns `condition`.
inline bool expect(bool condition, std::string_view why) {
    if (!condition) Runtime::current().expect_failed(std::string(why));
    return condition;
}

}  // namespace interleave
