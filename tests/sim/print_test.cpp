// print(): lines kept in the result, or skipped unformatted by a run that keeps no output.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <interleave/interleave.hpp>

#include "support/run_fifo.hpp"

namespace interleave::testing {
/// Counts how often it is formatted: a run that keeps no output must not format it.
struct Counted {
    int value;
};
inline int formatted = 0;
}  // namespace interleave::testing

template <>
struct fmt::formatter<interleave::testing::Counted> {
    constexpr auto parse(format_parse_context& context) { return context.begin(); }
    auto format(const interleave::testing::Counted& counted, format_context& context) const {
        ++interleave::testing::formatted;
        return fmt::format_to(context.out(), "<{}>", counted.value);
    }
};

namespace interleave {
namespace {

using testing::Counted;
using testing::formatted;
using testing::run_fifo;

Task<> printer(Shared<int>& total) {
    for (int i = 0; i < 3; ++i) {
        print("line {} {}", i, Counted{i});
        const int seen = co_await total.load();
        co_await total.store(seen + i);
    }
}

Task<> printing_body() {
    Shared<int> total{"total", 0};
    co_await gather(printer(total), printer(total));
    print("total {}", total.get());
}

RuntimeOptions quiet(bool keep_output, bool record) {
    RuntimeOptions options;
    options.keep_output = keep_output;
    options.record_events = record;
    return options;
}

TEST(Print, KeptLinesAreFormattedInOrder) {
    formatted = 0;
    const auto result = run_fifo(printing_body(), quiet(true, false));
    EXPECT_EQ(result.output,
              (std::vector<std::string>{"line 0 <0>", "line 0 <0>", "line 1 <1>", "line 1 <1>", "line 2 <2>",
                                        "line 2 <2>", "total 3"}));  // (asyncio's order loses one printer's updates)
    EXPECT_EQ(formatted, 6);
}

TEST(Print, ARunThatKeepsNoOutputFormatsNothingAndRunsTheSame) {
    const auto kept = run_fifo(printing_body(), quiet(true, false));
    formatted = 0;
    const auto unkept = run_fifo(printing_body(), quiet(false, false));
    EXPECT_TRUE(unkept.output.empty());
    EXPECT_EQ(formatted, 0);
    EXPECT_EQ(unkept.steps, kept.steps);
    EXPECT_EQ(unkept.outcome, kept.outcome);
    EXPECT_EQ(unkept.schedule, kept.schedule);
}

TEST(Print, RecordingKeepsTheOutputWhateverKeepOutputSays) {
    const auto recorded = run_fifo(printing_body(), quiet(false, true));
    EXPECT_EQ(recorded.output.size(), 7u);
    EXPECT_EQ(recorded.output.back(), "total 3");
}

}  // namespace
}  // namespace interleave
