// execute() restarts one runtime per thread instead of constructing one per execution, and
// execute_into() refills one result whose storage the runtime trades with its own. A restarted
// runtime filling a reused result must behave exactly like a fresh one: the whole trace
// (events, outcome, reports, tasks, objects) of every execution is compared, with scenarios
// alternating, and recording on and off, so that anything one execution left behind would show
// in the next.
#include <gtest/gtest.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/runtime.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/prng.hpp>
#include <interleave/scheduler/random_walk.hpp>
#include <interleave/scheduler/trace.hpp>

namespace interleave {
namespace {

ExecutionResult run_fresh(const Scenario& scenario, RandomWalkStrategy& strategy, const RuntimeOptions& options) {
    Runtime runtime(strategy, options);
    return runtime.run(scenario.body());
}

TEST(RuntimeReuse, ARestartedRuntimeGivesTheTraceOfAFreshOne) {
    register_builtin_scenarios();
    RuntimeOptions options;
    options.max_steps = 2000;
    std::size_t compared = 0;
    ExecutionResult reused;  // refilled by every execution, as the explorer does
    for (std::uint64_t round = 0; round < 4; ++round) {
        options.record_events = round % 2 == 0;
        for (const auto& [name, scenario] : scenarios()) {
            Params params;
            for (const auto& declared : scenario.params) params[declared.name] = declared.default_value;
            for (auto model : {TimeModel::strict, TimeModel::relaxed}) {
                options.time_model = model;
                const auto seed = execution_seed(round, compared);
                RandomWalkStrategy reused_walk, fresh_walk;
                reused_walk.set_seed(seed);
                fresh_walk.set_seed(seed);
                reused_walk.begin_execution();
                fresh_walk.begin_execution();
                execute_into(reused, scenario, params, reused_walk, options);
                // run_fresh does not set the scenario's parameters: compare only default ones.
                const auto fresh = run_fresh(scenario, fresh_walk, options);
                const TraceHeader header{name, params, "random", seed, "", model};
                ASSERT_EQ(trace_json(header, reused, {}).dump(), trace_json(header, fresh, {}).dump())
                    << name << " " << to_string(model) << " seed " << seed;
                ++compared;
            }
        }
    }
    EXPECT_GE(compared, 200u);
}

TEST(RuntimeReuse, TheRuntimeIsNoLongerCurrentAfterAnExecution) {
    register_builtin_scenarios();
    RandomWalkStrategy walk;
    walk.set_seed(1);
    walk.begin_execution();
    const auto* scenario = find_scenario("counter_race");
    ASSERT_NE(scenario, nullptr);
    execute(*scenario, {}, walk, RuntimeOptions{});
    EXPECT_EQ(Runtime::current_or_null(), nullptr);
}

}  // namespace
}  // namespace interleave
