// The strategies on their own: the PRNG, dfs's enumeration and bound, random and pct
// reproducibility, replay's refusal of a schedule that does not fit.
#include <set>

#include <gtest/gtest.h>

#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/pct.hpp>
#include <interleave/scheduler/prng.hpp>
#include <interleave/scheduler/random_walk.hpp>
#include <interleave/scheduler/replay.hpp>

namespace interleave {
namespace {

std::vector<Candidate> candidates(std::initializer_list<TaskId> ids) {
    std::vector<Candidate> out;
    for (auto id : ids) out.push_back(Candidate{id, false, id});
    return out;
}

TEST(Prng, SameSeedSameSequenceAndDrawsStayInRange) {
    Xoshiro256 a(12345), b(12345), c(54321);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        auto x = a.below(7);
        EXPECT_EQ(x, b.below(7));
        EXPECT_LT(x, 7u);
        differs |= x != c.below(7);
    }
    EXPECT_TRUE(differs);
}

TEST(Prng, BoundedDrawIsRoughlyUniform) {
    Xoshiro256 rng(1);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) ++counts[rng.below(3)];
    for (int count : counts) EXPECT_NEAR(count, 10000, 500);
}

TEST(Prng, ExecutionSeedsDifferByIndexAndRunSeed) {
    std::set<std::uint64_t> seeds;
    for (std::uint64_t i = 0; i < 100; ++i) seeds.insert(execution_seed(7, i));
    EXPECT_EQ(seeds.size(), 100u);
    EXPECT_NE(execution_seed(7, 0), execution_seed(8, 0));
    EXPECT_EQ(execution_seed(7, 3), execution_seed(7, 3));
}

// Drives a strategy through a fixed two-level choice tree: 3 candidates, then 2.
std::vector<std::pair<TaskId, TaskId>> enumerate(DfsStrategy& dfs) {
    std::vector<std::pair<TaskId, TaskId>> paths;
    bool more = true;
    while (more) {
        dfs.begin_execution();
        auto first = candidates({1, 2, 3});
        auto a = first[dfs.choose(first)].task;
        auto second = candidates({a, 9});
        auto b = second[dfs.choose(second)].task;
        paths.emplace_back(a, b);
        more = dfs.end_execution();
    }
    return paths;
}

TEST(Dfs, EnumeratesEveryPathOnceInOrder) {
    DfsStrategy dfs;
    auto paths = enumerate(dfs);
    std::vector<std::pair<TaskId, TaskId>> expected{{1, 1}, {1, 9}, {2, 2}, {2, 9}, {3, 3}, {3, 9}};
    EXPECT_EQ(paths, expected);
}

TEST(Dfs, PreemptionBoundZeroKeepsTheRunningTask) {
    DfsStrategy dfs(0);
    auto paths = enumerate(dfs);
    // The first choice is free (nothing ran yet); the second must continue the running task.
    std::vector<std::pair<TaskId, TaskId>> expected{{1, 1}, {2, 2}, {3, 3}};
    EXPECT_EQ(paths, expected);
}

TEST(Dfs, ADifferentNumberOfChoicesOnTheSamePrefixIsNondeterminism) {
    DfsStrategy dfs;
    dfs.begin_execution();
    auto three = candidates({1, 2, 3});
    dfs.choose(three);
    ASSERT_TRUE(dfs.end_execution());
    dfs.begin_execution();
    auto two = candidates({1, 2});
    EXPECT_THROW(dfs.choose(two), NondeterministicScenario);
}

TEST(RandomWalk, SameSeedSameChoices) {
    RandomWalkStrategy a, b;
    a.set_seed(99);
    b.set_seed(99);
    auto c = candidates({1, 2, 3, 4, 5});
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.choose(c), b.choose(c));
}

TEST(Pct, RunsTheHighestPriorityTaskUntilAChangePoint) {
    PctStrategy pct(1);  // depth 1: no change points, a fixed priority order
    pct.set_seed(5);
    pct.begin_execution();
    auto c = candidates({1, 2, 3});
    auto first = c[pct.choose(c)].task;
    for (int i = 0; i < 20; ++i) EXPECT_EQ(c[pct.choose(c)].task, first);
}

TEST(Pct, SameSeedSameChoices) {
    PctStrategy a(3), b(3);
    a.set_seed(11);
    b.set_seed(11);
    a.begin_execution();
    b.begin_execution();
    auto c = candidates({1, 2, 3});
    for (int i = 0; i < 40; ++i) EXPECT_EQ(a.choose(c), b.choose(c));
}

TEST(Replay, FollowsTheScheduleAndSkipsForcedSteps) {
    ReplayStrategy replay({2, 1});
    replay.begin_execution();
    auto single = candidates({4});
    EXPECT_EQ(replay.choose(single), 0u);
    auto c = candidates({1, 2});
    EXPECT_EQ(replay.choose(c), 1u);
    EXPECT_EQ(replay.choose(c), 0u);
    EXPECT_NO_THROW(replay.end_execution());
}

TEST(Replay, NamesTheChoiceWhereTheScheduleDiverges) {
    ReplayStrategy replay({7});
    replay.begin_execution();
    auto c = candidates({1, 2});
    try {
        replay.choose(c);
        FAIL() << "expected ScheduleMismatch";
    } catch (const ScheduleMismatch& e) {
        EXPECT_NE(std::string(e.what()).find("diverged at choice 1"), std::string::npos) << e.what();
    }
}

TEST(Replay, TooShortAndTooLongSchedulesAreRefused) {
    ReplayStrategy short_one({1});
    short_one.begin_execution();
    auto c = candidates({1, 2});
    short_one.choose(c);
    EXPECT_THROW(short_one.choose(c), ScheduleMismatch);
    ReplayStrategy long_one({1, 2});
    long_one.begin_execution();
    long_one.choose(c);
    EXPECT_THROW(long_one.end_execution(), ScheduleMismatch);
}

}  // namespace
}  // namespace interleave
