// param(): a scenario's parameters as it reads them, including the last-lookup memo that makes
// a loop condition `i < param("tasks", 3)` cheap, and a ParamsScope that keeps them (and the
// memo) across an explorer's executions.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

namespace interleave {
namespace {

std::vector<std::int64_t> seen;

Scenario reading(std::function<void()> reads) {
    return Scenario{"param_reader", "reads its parameters", "", {}, false, [reads]() -> Task<> {
                        reads();
                        co_return;
                    }};
}

std::vector<std::int64_t> run_reading(const std::function<void()>& reads, const Params& params) {
    seen.clear();
    AsyncioDefaultStrategy strategy;
    execute(reading(reads), params, strategy);
    return seen;
}

TEST(Param, TheSameBufferWithAnotherNameReadsTheOtherParameter) {
    // A name whose buffer is reused for another must not find the first one's value.
    const auto values = run_reading(
        [] {
            std::string name = "tasks";
            seen.push_back(param(name, 0));
            name = "depth";
            seen.push_back(param(name, 0));
            seen.push_back(param("tasks", 0));
        },
        {{"tasks", 4}, {"depth", 7}});
    EXPECT_EQ(values, (std::vector<std::int64_t>{4, 7, 4}));
}

TEST(Param, AnotherFallbackForAnUndeclaredNameIsThatFallback) {
    const auto values = run_reading(
        [] {
            seen.push_back(param("missing", 1));
            seen.push_back(param("missing", 2));
            seen.push_back(param("missing", 2));
        },
        {});
    EXPECT_EQ(values, (std::vector<std::int64_t>{1, 2, 2}));
}

TEST(Param, LongNamesAreReadEveryTime) {
    // Longer than what the memo keeps: looked up each time, still right.
    const std::string long_a(60, 'a');
    const std::string long_b = std::string(59, 'a') + 'b';
    const auto values = run_reading(
        [&] {
            seen.push_back(param(long_a, 0));
            seen.push_back(param(long_b, 0));
            seen.push_back(param(long_a, 0));
        },
        {{long_a, 10}, {long_b, 20}});
    EXPECT_EQ(values, (std::vector<std::int64_t>{10, 20, 10}));
}

TEST(Param, EachExecutionReadsItsOwnValues) {
    const auto reads = [] { seen.push_back(param("tasks", 0)); };
    EXPECT_EQ(run_reading(reads, {{"tasks", 3}}), std::vector<std::int64_t>{3});
    EXPECT_EQ(run_reading(reads, {{"tasks", 5}}), std::vector<std::int64_t>{5});
    seen.clear();
    EXPECT_EQ(param("tasks", -1), -1) << "outside an execution: the fallback";
}

TEST(Param, TheSameParametersChangedBetweenExecutionsAreReadAnew) {
    // Without a ParamsScope every execution installs its parameters: the memo does not outlive it.
    const auto reads = [] { seen.push_back(param("tasks", 0)); };
    Params params{{"tasks", 3}};
    EXPECT_EQ(run_reading(reads, params), std::vector<std::int64_t>{3});
    params["tasks"] = 5;
    EXPECT_EQ(run_reading(reads, params), std::vector<std::int64_t>{5});
}

TEST(Param, AScopeHoldsItsParametersAcrossExecutionsAndANestedOneReadsItsOwn) {
    const auto reads = [] { seen.push_back(param("tasks", 0)); };
    const Params held{{"tasks", 3}};
    {
        const ParamsScope scope(held);
        EXPECT_EQ(param("tasks", -1), 3) << "between executions too";
        EXPECT_EQ(run_reading(reads, held), std::vector<std::int64_t>{3});
        EXPECT_EQ(run_reading(reads, held), std::vector<std::int64_t>{3});
        EXPECT_EQ(run_reading(reads, {{"tasks", 5}}), std::vector<std::int64_t>{5}) << "other parameters: its own";
        EXPECT_EQ(param("tasks", -1), 3) << "and the scope's again after it";
    }
    EXPECT_EQ(param("tasks", -1), -1) << "after the scope: the fallback";
}

TEST(Param, ValuesOutsideADeclaredRangeAreRefusedByName) {
    Scenario scenario = reading([] {});
    scenario.params = {{"tasks", 3, "tasks", 1, 1000}, {"offset", 0, "any integer"}};
    EXPECT_EQ(resolve_params(scenario, {{"tasks", 1}}).at("tasks"), 1);
    EXPECT_EQ(resolve_params(scenario, {{"tasks", 1000}}).at("tasks"), 1000);
    EXPECT_EQ(resolve_params(scenario, {{"offset", -5}}).at("offset"), -5);  // no range declared: any
    for (const std::int64_t outside : {0, -1, 1001}) {
        try {
            resolve_params(scenario, {{"tasks", outside}});
            ADD_FAILURE() << outside << " was taken";
        } catch (const std::invalid_argument& error) {
            EXPECT_EQ(std::string(error.what()), "scenario 'param_reader': parameter 'tasks' is " +
                                                     std::to_string(outside) + ", not in 1 to 1000");
        }
    }
}

}  // namespace
}  // namespace interleave
