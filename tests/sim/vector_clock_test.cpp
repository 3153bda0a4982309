// VectorClock: entrywise maximum on join, reads of entries past its size are zero, and a clock
// reused after clear() (inline or spilled past its inline entries) carries nothing over.
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/detail/vector_clock.hpp>

namespace interleave::detail {
namespace {

/// A clock where each task ticked as often as given.
VectorClock ticks(std::initializer_list<std::pair<TaskId, std::uint32_t>> counts) {
    VectorClock clock;
    for (const auto& [task, times] : counts)
        for (std::uint32_t i = 0; i < times; ++i) clock.tick(task);
    return clock;
}

/// A clock where tasks 0 .. tasks-1 each ticked `times` times.
VectorClock ticked(std::uint32_t tasks, std::uint32_t times) {
    VectorClock clock;
    for (std::uint32_t task = 0; task < tasks; ++task)
        for (std::uint32_t i = 0; i < times; ++i) clock.tick(task);
    return clock;
}

TEST(VectorClock, JoinTakesTheEntrywiseMaximumAndTheLongerSize) {
    auto a = ticks({{0, 2}, {2, 1}});
    a.join(ticks({{1, 1}, {4, 3}}));
    EXPECT_EQ(a.at(0), 2u);
    EXPECT_EQ(a.at(1), 1u);
    EXPECT_EQ(a.at(2), 1u);
    EXPECT_EQ(a.at(3), 0u);
    EXPECT_EQ(a.at(4), 3u);
    EXPECT_EQ(a.at(5), 0u);
    a.tick(6);  // past the joined size: starts from zero
    EXPECT_EQ(a.at(6), 1u);
    const auto entries = a.entries();
    EXPECT_EQ(std::vector<std::uint32_t>(entries.begin(), entries.end()),
              (std::vector<std::uint32_t>{2, 1, 1, 0, 3, 0, 1}));
}

TEST(VectorClock, JoinsAcrossTheInlineEntriesBothWays) {
    auto wide = ticked(12, 2);  // more tasks than live inline
    auto narrow = ticks({{1, 3}});
    narrow.join(wide);
    for (TaskId task = 0; task < 12; ++task) EXPECT_EQ(narrow.at(task), task == 1 ? 3u : 2u) << task;
    EXPECT_EQ(narrow.at(12), 0u);

    wide.join(ticks({{3, 3}}));
    EXPECT_EQ(wide.at(3), 3u);
    EXPECT_EQ(wide.at(11), 2u);
}

TEST(VectorClock, JoiningAClockOfFewTasksKeepsTheLaterEntries) {
    // (A clock of at most four tasks is joined over four entries only.)
    auto many = ticks({{0, 1}, {3, 1}, {6, 4}});
    many.join(ticks({{0, 2}, {3, 5}}));
    const auto entries = many.entries();
    EXPECT_EQ(std::vector<std::uint32_t>(entries.begin(), entries.end()),
              (std::vector<std::uint32_t>{2, 0, 0, 5, 0, 0, 4}));
    auto few = ticks({{1, 1}});
    few.join(ticks({{2, 1}, {7, 2}}));  // (eight tasks: over all the inline entries)
    EXPECT_EQ(few.at(1), 1u);
    EXPECT_EQ(few.at(7), 2u);
}

TEST(VectorClock, AClearedClockCarriesNothingIntoLaterTicksOrJoins) {
    for (std::uint32_t tasks : {6u, 12u}) {  // inline, then spilled
        auto reused = ticked(tasks, 5);
        reused.clear();
        EXPECT_TRUE(reused.empty());
        reused.tick(0);
        VectorClock other;
        other.tick(1);
        other.join(reused);
        // Entries the cleared clock once had must read zero once they are in use again.
        other.tick(5);
        EXPECT_EQ(other.at(0), 1u) << tasks;
        EXPECT_EQ(other.at(5), 1u) << tasks;
        reused.tick(4);
        EXPECT_EQ(reused.at(4), 1u) << tasks;
        EXPECT_EQ(reused.at(3), 0u) << tasks;
    }
}

TEST(VectorClock, ACopyOfASpilledClockClearedAndReusedStartsFromZero) {
    const auto spilled = ticked(10, 7);
    VectorClock copy;
    copy = spilled;
    EXPECT_EQ(copy.at(9), 7u);
    copy.clear();
    copy.tick(2);
    VectorClock into;
    into.join(copy);
    into.tick(0);
    into.tick(7);
    EXPECT_EQ(into.at(0), 1u);
    EXPECT_EQ(into.at(2), 1u);
    EXPECT_EQ(into.at(7), 1u);
}

}  // namespace
}  // namespace interleave::detail
