// A user's own executable registers scenarios with INTERLEAVE_SCENARIO and explores them with
// the same machinery as the built-ins.
#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>
#include <interleave/scheduler/explorer.hpp>

namespace {
using namespace interleave;
using namespace std::chrono_literals;

Task<> bump(Shared<int>& hits) {
    int seen = hits.get();
    co_await sleep(5ms);
    hits.set(seen + 1);
}

}  // namespace

INTERLEAVE_SCENARIO(user_hits_race, "a user's own racy counter") {
    Shared<int> hits{"hits", 0};
    co_await gather(bump(hits), bump(hits));
    print("hits: {}", hits.get());
}

namespace {

TEST(UserScenario, TheMacroRegistersItByName) {
    const auto* scenario = find_scenario("user_hits_race");
    ASSERT_NE(scenario, nullptr);
    EXPECT_EQ(scenario->description, "a user's own racy counter");
    AsyncioDefaultStrategy strategy;
    auto result = execute(*scenario, {}, strategy);
    EXPECT_EQ(result.output, std::vector<std::string>{"hits: 1"});
}

TEST(UserScenario, ExploresLikeABuiltIn) {
    ExploreOptions options;
    options.time_model = TimeModel::relaxed;
    auto result = explore(*find_scenario("user_hits_race"), options);
    EXPECT_TRUE(result.exhausted);
    EXPECT_EQ(result.outcomes.size(), 2u);  // hits 1 (lost update) or 2
}

}  // namespace
