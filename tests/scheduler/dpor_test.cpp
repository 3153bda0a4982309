// Optimal DPOR against brute force: every interleaving of a small scenario is enumerated (naive
// dfs) and canonicalised to its Mazurkiewicz trace; dpor must run exactly one execution per
// trace, and find the same outcomes and reports as dfs. The benchmark scenarios' trace counts
// are also checked against their closed forms.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/interleave.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/dpor.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/prng.hpp>
#include "support/normal_form.hpp"

namespace interleave {
namespace {

using Step = DporStrategy::Step;

const Scenario& builtin(const std::string& name) {
    register_builtin_scenarios();
    const auto* scenario = find_scenario(name);
    if (!scenario) throw std::runtime_error("no scenario " + name);
    return *scenario;
}

/// A search that also keeps the steps of the current execution as DPOR sees them, the
/// replayed ones too (a trace is canonicalised from all of them).
template <class Search>
class Observed final : public Strategy {
public:
    void begin_execution() override {
        steps.clear();
        search.begin_execution();
    }
    std::size_t choose(std::span<const Candidate> candidates) override { return search.choose(candidates); }
    bool end_execution() override { return search.end_execution(); }
    bool observes_steps() const override { return true; }
    void step_done(const StepRecord& record) override {
        steps.push_back(Step::of(record));
        if (search.observes_steps() && search.needs_step_record()) search.step_done(record);
    }
    void quiescent() override { search.quiescent(); }
    std::string name() const override { return "observed-" + search.name(); }
    Search search;
    std::vector<Step> steps;
};
/// Naive dfs, each execution's steps kept.
using ObservedDfs = Observed<DfsStrategy>;

/// The trace's canonical form (steps named by task key).
std::vector<std::uint64_t> canonical(const std::vector<Step>& steps) {
    return testing::normal_form(steps, steps.size(), DporStrategy::dependent,
                                [](const Step& step) { return step.task_key; });
}

struct BruteForce {
    std::size_t executions = 0;
    std::size_t traces = 0;
    bool complete = false;
};

constexpr std::uint64_t max_steps = 2000;  // a livelock is not small

/// How these tests run an execution: no recording, a step limit.
RuntimeOptions run_options(TimeModel model) {
    RuntimeOptions options;
    options.time_model = model;
    options.record_events = false;
    options.max_steps = max_steps;
    return options;
}

/// Runs `dpor`'s whole search of `scenario`: how many executions it took.
std::size_t search_all(DporStrategy& dpor, const Scenario& scenario, const Params& params, TimeModel model) {
    std::size_t executions = 0;
    for (bool more = true; more; ++executions) {
        dpor.begin_execution();
        execute(scenario, params, dpor, run_options(model));
        more = dpor.end_execution();
    }
    return executions;
}

/// Every interleaving (up to `cap`), each canonicalised to its trace.
BruteForce brute_force(const Scenario& scenario, const Params& params, TimeModel model, std::size_t cap) {
    ObservedDfs dfs;
    const auto options = run_options(model);
    std::set<std::vector<std::uint64_t>> traces;
    BruteForce count;
    for (bool more = true; more;) {
        if (count.executions == cap) return count;
        dfs.begin_execution();
        const auto verdict = execute(scenario, params, dfs, options).verdict;
        if (verdict == Verdict::step_limit) return count;
        more = dfs.end_execution();
        ++count.executions;
        traces.insert(canonical(dfs.steps));
    }
    count.traces = traces.size();
    count.complete = true;
    return count;
}

ExploreResult explore_with(const Scenario& scenario, const Params& params, const std::string& strategy,
                           TimeModel model, std::optional<int> bound = std::nullopt) {
    ExploreOptions options;
    options.strategy = strategy;
    options.time_model = model;
    options.params = params;
    options.preemption_bound = bound;
    options.executions = 200000;
    options.max_steps = max_steps;
    return explore(scenario, options);
}

std::set<std::string> outcome_set(const ExploreResult& result) {
    std::set<std::string> out;
    for (const auto& outcome : result.outcomes) out.insert(outcome.state.dump());
    return out;
}

/// Reports by kind and key: what was found, not how often.
std::set<std::string> report_set(const ExploreResult& result) {
    std::set<std::string> out;
    for (const auto& finding : result.findings)
        out.insert(to_string(finding.report.kind) + ": " +
                   (finding.report.key.empty() ? std::string() : finding.report.key));
    return out;
}

/// All an exploration shows but its time: executions, whether exhausted, outcomes and reports
/// with their counts and witnesses' schedules.
std::string shown(const ExploreResult& result) {
    std::string text = std::to_string(result.executions) + (result.exhausted ? " exhausted" : "");
    for (const auto& outcome : result.outcomes)
        text += "\n" + outcome.state.dump() + " " + std::to_string(outcome.count) + " " + outcome.schedule;
    for (const auto& finding : result.findings)
        text += "\n" + finding.report.key + " " + std::to_string(finding.report.count) + " " + finding.report.schedule;
    return text;
}

std::uint64_t dpor_executions(const std::string& name, const std::string& param, std::int64_t value,
                              TimeModel model = TimeModel::strict) {
    const auto& scenario = builtin(name);
    auto result = explore_with(scenario, resolve_params(scenario, {{param, value}}), "dpor", model);
    EXPECT_TRUE(result.exhausted) << name;
    return result.executions;
}

TEST(Dpor, LostUpdateRunsOneExecutionPerTrace) {
    EXPECT_EQ(dpor_executions("lost_update", "tasks", 2), 4u);
    EXPECT_EQ(dpor_executions("lost_update", "tasks", 3), 36u);
    EXPECT_EQ(dpor_executions("lost_update", "tasks", 4), 576u);
}

TEST(Dpor, LastzeroRunsOneExecutionPerTrace) {
    std::uint64_t expected[] = {5, 12, 28, 64, 144, 320};  // (n+3) * 2^(n-2)
    for (std::int64_t n = 2; n <= 7; ++n)
        EXPECT_EQ(dpor_executions("lastzero", "n", n), expected[n - 2]) << "n = " << n;
}

TEST(Dpor, ReadersRunOneExecutionPerTrace) {
    for (std::int64_t n = 1; n <= 6; ++n) EXPECT_EQ(dpor_executions("readers", "n", n), 1u << n) << "n = " << n;
}

TEST(Dpor, CounterRaceTimeOrdersStrictButNotRelaxed) {
    // strict: the reads at t=0 commute, the writes at t=0.1 do not: N!; relaxed: (N!)^2
    EXPECT_EQ(dpor_executions("counter_race", "tasks", 2), 2u);
    EXPECT_EQ(dpor_executions("counter_race", "tasks", 3), 6u);
    EXPECT_EQ(dpor_executions("counter_race", "tasks", 4), 24u);
    EXPECT_EQ(dpor_executions("counter_race", "tasks", 2, TimeModel::relaxed), 4u);
    EXPECT_EQ(dpor_executions("counter_race", "tasks", 3, TimeModel::relaxed), 36u);
}

// The relaxed model wakes sleepers in any order, and the clock then reads the latest deadline
// woken: a step that observes the time depends on which sleepers woke before it, and so does a
// deadline set from it. 1 ms sleeper, then the time; a 2 ms sleeper woken first makes it 2, or
// 3 when it wakes before the first one's sleep begins.
Task<> note_the_time_after(Shared<std::int64_t>& seen) {
    co_await sleep(std::chrono::milliseconds(1));
    seen.set(std::chrono::duration_cast<std::chrono::milliseconds>(now()).count());
}
Task<> sleep_two_ms() { co_await sleep(std::chrono::milliseconds(2)); }
Task<> observes_the_time() {
    Shared<std::int64_t> seen{"seen", -1};
    co_await gather(note_the_time_after(seen), sleep_two_ms());
}

TEST(Dpor, AStepThatObservesTheTimeDependsOnTheSleepersWokenBeforeIt) {
    const Scenario scenario{"observes_the_time", "", "", {}, false, observes_the_time};
    for (const auto model : {TimeModel::strict, TimeModel::relaxed}) {
        SCOPED_TRACE(to_string(model));
        const auto dfs = explore_with(scenario, {}, "dfs", model);
        const auto dpor = explore_with(scenario, {}, "dpor", model);
        EXPECT_EQ(outcome_set(dpor), outcome_set(dfs));
        EXPECT_EQ(report_set(dpor), report_set(dfs));
        const auto brute = brute_force(scenario, {}, model, 1000);
        ASSERT_TRUE(brute.complete);
        EXPECT_EQ(dpor.executions, brute.traces);
    }
    const auto relaxed = explore_with(scenario, {}, "dpor", TimeModel::relaxed);
    EXPECT_EQ(outcome_set(relaxed), (std::set<std::string>{R"({"seen":1})", R"({"seen":2})", R"({"seen":3})"}));
}

TEST(Dpor, IsTheDefaultStrategy) { EXPECT_EQ(ExploreOptions{}.strategy, "dpor"); }

/// A DporStrategy that searches, next to a second one that receives every step of the same
/// executions and so recomputes every event from scratch; with, by execution, the scheduling
/// points and the step records the searching one takes.
class ObservedDpor final : public Strategy {
public:
    void begin_execution() override {
        steps.emplace_back(0);
        records.emplace_back(0);
        dpor.begin_execution();
        fresh.begin_execution();
    }
    std::size_t choose(std::span<const Candidate> candidates) override {
        ++steps.back();
        const auto pick = dpor.choose(candidates);
        dpor_records_this_step_ = dpor.needs_step_record();
        return pick;
    }
    bool end_execution() override { return dpor.end_execution(); }
    bool observes_steps() const override { return true; }
    void step_done(const StepRecord& record) override {
        if (dpor_records_this_step_) {
            ++records.back();
            dpor.step_done(record);
        }
        fresh.step_done(record);
    }
    void quiescent() override {
        dpor.quiescent();
        fresh.quiescent();
    }
    std::string name() const override { return "observed-dpor"; }
    DporStrategy dpor;
    DporStrategy fresh;
    std::vector<std::size_t> steps;    // by execution
    std::vector<std::size_t> records;  // by execution

private:
    bool dpor_records_this_step_ = true;
};

TEST(Dpor, AnExecutionReportsOnlyTheStepsAfterThePrefixItReplays) {
    ObservedDpor dpor;
    const auto options = run_options(TimeModel::strict);
    const auto& scenario = builtin("lost_update");
    for (bool more = true; more;) {
        dpor.begin_execution();
        execute(scenario, resolve_params(scenario, {}), dpor, options);
        more = dpor.end_execution();
    }
    ASSERT_EQ(dpor.steps.size(), 36u);  // still one execution per trace: (3!)^2
    EXPECT_EQ(dpor.records[0], dpor.steps[0]);
    std::size_t steps = 0;
    std::size_t records = 0;
    for (std::size_t i = 1; i < dpor.steps.size(); ++i) {
        SCOPED_TRACE("execution " + std::to_string(i));
        EXPECT_GE(dpor.records[i], 1u);             // it takes another choice somewhere
        EXPECT_LT(dpor.records[i], dpor.steps[i]);  // and follows the previous one before that
        EXPECT_LE(dpor.steps[i] - dpor.records[i], dpor.steps[i - 1]);
        steps += dpor.steps[i];
        records += dpor.records[i];
    }
    EXPECT_LT(2 * records, steps) << "most steps of an execution are the replayed prefix";
}

/// Every built-in scenario whose interleavings dfs can enumerate within `cap` executions.
struct Small {
    const Scenario* scenario;
    Params params;
    TimeModel model;
    BruteForce brute;
};

std::vector<Small> small_scenarios(std::size_t cap) {
    register_builtin_scenarios();
    std::vector<Small> out;
    for (const auto& [name, scenario] : scenarios()) {
        const auto params = resolve_params(scenario, {});
        for (auto model : {TimeModel::strict, TimeModel::relaxed}) {
            auto brute = brute_force(scenario, params, model, cap);
            if (brute.complete) out.push_back(Small{&scenario, params, model, brute});
        }
    }
    return out;
}

constexpr std::size_t brute_force_cap = 5000;

TEST(Dpor, TheEventsKeptFromThePreviousExecutionAreTheOnesItWouldRecompute) {
    std::size_t compared = 0;
    for (const auto& s : small_scenarios(brute_force_cap)) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        ObservedDpor checked;
        const auto options = run_options(s.model);
        for (bool more = true; more;) {
            checked.begin_execution();
            execute(*s.scenario, s.params, checked, options);
            ASSERT_EQ(checked.dpor.events(), checked.fresh.events());
            for (std::size_t i = 0; i < checked.dpor.events(); ++i) {
                ASSERT_EQ(checked.dpor.event_clock(i), checked.fresh.event_clock(i)) << "event " << i;
                ASSERT_EQ(checked.dpor.event_dependencies(i), checked.fresh.event_dependencies(i)) << "event " << i;
                ++compared;
            }
            more = checked.end_execution();
        }
    }
    EXPECT_GT(compared, 10000u);
}

TEST(Dpor, MatchesBruteForceTraceCountsOnEverySmallBuiltIn) {
    auto small = small_scenarios(brute_force_cap);
    EXPECT_GE(small.size(), 20u);  // most of the built-ins, in both time models
    for (const auto& s : small) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        DporStrategy dpor;
        EXPECT_EQ(search_all(dpor, *s.scenario, s.params, s.model), s.brute.traces)
            << s.brute.executions << " interleavings";
        EXPECT_EQ(dpor.sleep_blocked(), 0u);
    }
}

/// A small program drawn at random: a few tasks, each a few accesses to a few shared
/// variables (loads, stores of what it loaded plus a constant, compare-exchanges, increments
/// under a lock). The built-ins are written by hand; these vary the shapes of races DPOR meets.
struct RandomProgram {
    struct Op {
        enum Kind { load, store, compare_exchange, locked_increment } kind;
        std::size_t variable;
        int value;
    };
    std::size_t variables = 0;
    std::vector<std::vector<Op>> tasks;
    // Whether the body, after a yield, asks its last task to cancel (before that task starts,
    // while it runs or after it ended) and then awaits each task in turn, instead of gathering.
    bool cancels_last = false;
};

RandomProgram random_program(std::uint64_t seed) {
    Xoshiro256 rng(seed);
    RandomProgram program;
    program.variables = 1 + rng.below(3);
    program.tasks.resize(2 + rng.below(3));
    for (auto& task : program.tasks) {
        task.resize(1 + rng.below(3));
        for (auto& op : task)
            op = {static_cast<RandomProgram::Op::Kind>(rng.below(4)),
                  static_cast<std::size_t>(rng.below(program.variables)), static_cast<int>(rng.below(3))};
    }
    return program;
}

Task<> run_ops(const std::vector<RandomProgram::Op>& ops, std::vector<std::unique_ptr<Shared<int>>>& variables,
               Lock& lock) {
    int loaded = 0;
    for (const auto& op : ops) {
        auto& x = *variables[op.variable];
        switch (op.kind) {
            case RandomProgram::Op::load:
                loaded = co_await x.load();
                break;
            case RandomProgram::Op::store:
                co_await x.store(loaded + op.value);
                break;
            case RandomProgram::Op::compare_exchange:
                co_await x.compare_exchange(loaded, op.value);
                break;
            case RandomProgram::Op::locked_increment: {
                auto held = co_await lock.scoped();
                x.set(x.get() + 1);
                break;
            }
        }
    }
}

Task<> run_program(const RandomProgram& program) {
    std::vector<std::unique_ptr<Shared<int>>> variables;
    for (std::size_t i = 0; i < program.variables; ++i)
        variables.push_back(std::make_unique<Shared<int>>("x" + std::to_string(i), 0));
    Lock lock{"lock"};
    if (!program.cancels_last) {
        std::vector<Task<>> tasks;
        for (const auto& ops : program.tasks) tasks.push_back(run_ops(ops, variables, lock));
        co_await gather(std::move(tasks));
        co_return;
    }
    std::vector<TaskHandle<>> handles;
    for (const auto& ops : program.tasks) handles.push_back(spawn(run_ops(ops, variables, lock)));
    co_await yield_now();
    handles.back().cancel();
    for (auto& handle : handles) {
        try {
            co_await handle;
        } catch (const CancelledError&) {
        }
    }
}

TEST(Dpor, MatchesBruteForceTraceCountsOnRandomPrograms) {
    std::size_t compared = 0;
    std::size_t largest = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        SCOPED_TRACE("random program " + std::to_string(seed));
        const auto program = random_program(seed);
        const Scenario scenario{"random", "", "", {}, false, [&program] { return run_program(program); }};
        const auto brute = brute_force(scenario, {}, TimeModel::strict, 2000);
        if (!brute.complete) continue;
        DporStrategy dpor;
        const auto executions = search_all(dpor, scenario, {}, TimeModel::strict);
        EXPECT_EQ(executions, brute.traces) << brute.executions << " interleavings";
        EXPECT_EQ(dpor.sleep_blocked(), 0u);
        auto dfs = explore_with(scenario, {}, "dfs", TimeModel::strict);
        auto searched = explore_with(scenario, {}, "dpor", TimeModel::strict);
        EXPECT_EQ(outcome_set(searched), outcome_set(dfs));
        EXPECT_EQ(report_set(searched), report_set(dfs));
        ++compared;
        largest = std::max(largest, brute.traces);
    }
    EXPECT_GE(compared, 130u);
    EXPECT_GE(largest, 100u);  // some of them with many traces, not only tiny ones
}

/// A small program that sleeps and reads the clock, drawn at random, for the relaxed model: each
/// task sleeps 1-3 ms, stores the time (in ms) or loads and stores a variable, in any order.
struct TimedOp {
    enum Kind { sleep_for, store_time, load_then_store } kind;
    std::size_t variable;
    int ms;
};
using TimedProgram = std::vector<std::vector<TimedOp>>;

TimedProgram random_timed_program(std::uint64_t seed) {
    Xoshiro256 rng(seed);
    TimedProgram tasks(2 + rng.below(2));
    for (auto& task : tasks) {
        task.resize(1 + rng.below(3));
        for (auto& op : task)
            op = {static_cast<TimedOp::Kind>(rng.below(3)), static_cast<std::size_t>(rng.below(2)),
                  1 + static_cast<int>(rng.below(3))};
    }
    return tasks;
}

Task<> run_timed_ops(const std::vector<TimedOp>& ops, std::vector<std::unique_ptr<Shared<std::int64_t>>>& variables) {
    for (const auto& op : ops) {
        auto& x = *variables[op.variable];
        switch (op.kind) {
            case TimedOp::sleep_for:
                co_await sleep(std::chrono::milliseconds(op.ms));
                break;
            case TimedOp::store_time:
                co_await x.store(std::chrono::duration_cast<std::chrono::milliseconds>(now()).count());
                break;
            case TimedOp::load_then_store: {
                const auto loaded = co_await x.load();
                co_await x.store(loaded + op.ms);
                break;
            }
        }
    }
}

Task<> run_timed_program(const TimedProgram& program) {
    std::vector<std::unique_ptr<Shared<std::int64_t>>> variables;
    for (int i = 0; i < 2; ++i) variables.push_back(std::make_unique<Shared<std::int64_t>>("t" + std::to_string(i), 0));
    std::vector<Task<>> tasks;
    for (const auto& ops : program) tasks.push_back(run_timed_ops(ops, variables));
    co_await gather(std::move(tasks));
}

TEST(Dpor, FindsWhatDfsFindsOnRandomProgramsThatSleepAndReadTheTime) {
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        SCOPED_TRACE("random timed program " + std::to_string(seed));
        const auto program = random_timed_program(seed);
        const Scenario scenario{"timed", "", "", {}, false, [&program] { return run_timed_program(program); }};
        for (const auto model : {TimeModel::relaxed, TimeModel::strict}) {
            const auto brute = brute_force(scenario, {}, model, 600);  // (small ones: ASan runs them too)
            if (!brute.complete) continue;
            const auto dfs = explore_with(scenario, {}, "dfs", model);
            const auto dpor = explore_with(scenario, {}, "dpor", model);
            EXPECT_EQ(dpor.executions, brute.traces) << to_string(model);
            EXPECT_EQ(outcome_set(dpor), outcome_set(dfs)) << to_string(model);
            EXPECT_EQ(report_set(dpor), report_set(dfs)) << to_string(model);
            if (model == TimeModel::relaxed) ++compared;
        }
    }
    EXPECT_GE(compared, 20u);  // (24: the others have more than 600 interleavings)
}

/// What the workers of a parallel dpor search explore together: the search partitioned as
/// theirs is (PartitionedSearch: every ready task not asleep above the split, the optimal search
/// below it), one worker claiming every prefix. The executions that count (not cut short),
/// their traces, and the tasks whose shortcut above the split the search disproved.
struct PartitionedRun {
    std::size_t counted = 0;
    std::set<std::vector<std::uint64_t>> traces;
    std::vector<std::uint64_t> disproved;
};

PartitionedRun partitioned_dpor(const Scenario& scenario, const Params& params, TimeModel model, std::size_t split,
                                PartitionedSearch::Shortcuts shortcuts) {
    Observed<DporStrategy> observed;
    PrefixClaims claims;  // (one worker: it claims every prefix)
    observed.search.partition(claims, split, shortcuts);
    PartitionedRun run;
    for (bool more = true; more;) {
        observed.begin_execution();
        execute(scenario, params, observed, run_options(model));
        const bool cut_short = observed.search.pruned();
        more = observed.end_execution();
        for (auto task : observed.search.disproved_by_last())
            if (std::find(run.disproved.begin(), run.disproved.end(), task) == run.disproved.end())
                run.disproved.insert(std::upper_bound(run.disproved.begin(), run.disproved.end(), task), task);
        if (cut_short) continue;
        ++run.counted;
        run.traces.insert(canonical(observed.steps));
    }
    return run;
}

TEST(Dpor, APartitionedSearchRunsOneExecutionPerTraceToo) {
    // With shortcuts too: none of these searches disproves them, so they must find every trace.
    std::size_t compared = 0;
    const auto check = [&](const Scenario& scenario, const Params& params, TimeModel model, std::size_t traces) {
        for (std::size_t split : {1, 2, 3, 5}) {  // (5: several workers' split, explorer.cpp)
            for (bool shortcuts : {false, true}) {
                SCOPED_TRACE("split at the point " + std::to_string(split) + (shortcuts ? ", shortcuts" : ""));
                const auto run = partitioned_dpor(scenario, params, model, split, {shortcuts, {}});
                EXPECT_TRUE(run.disproved.empty());
                EXPECT_EQ(run.counted, traces);
                EXPECT_EQ(run.traces.size(), traces);  // none twice, none missed
                ++compared;
            }
        }
    };
    for (const auto& s : small_scenarios(brute_force_cap)) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        check(*s.scenario, s.params, s.model, s.brute.traces);
    }
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
        SCOPED_TRACE("random program " + std::to_string(seed));
        const auto program = random_program(seed);
        const Scenario scenario{"random", "", "", {}, false, [&program] { return run_program(program); }};
        const auto brute = brute_force(scenario, {}, TimeModel::strict, 2000);
        if (brute.complete) check(scenario, {}, TimeModel::strict, brute.traces);
    }
    // Too many interleavings for brute force: the closed form, (n+3) * 2^(n-2).
    const auto& lastzero = builtin("lastzero");
    check(lastzero, resolve_params(lastzero, {{"n", 5}}), TimeModel::strict, 64);
    check(lastzero, resolve_params(lastzero, {{"n", 6}}), TimeModel::strict, 144);
    EXPECT_GE(compared, 800u);
}

Task<> store_once(Shared<int>& x) { co_await x.store(1); }

/// The body may end before the tasks it spawned start: each start races with the body's end.
Task<> ends_before_starts() {
    Shared<int> x{"x", 0};
    spawn(store_once(x), "a");
    spawn(store_once(x), "b");
    co_await yield_now();
}

TEST(Dpor, AStartThatRacesDisprovesTheShortcutAboveTheSplit) {
    // Above the split, a point whose first choice only starts its task explores that choice
    // alone; here the body's end may come before either start, which only the choices left out
    // reach. The search must say whose shortcuts were wrong, and the explorer searches again
    // without those.
    const Scenario scenario{"ends_before_starts", "", "", {}, false, ends_before_starts};
    const auto brute = brute_force(scenario, {}, TimeModel::strict, 100000);
    ASSERT_TRUE(brute.complete);
    for (std::size_t split = 1; split <= 2; ++split) {
        SCOPED_TRACE("split at the point " + std::to_string(split));
        const auto with = partitioned_dpor(scenario, {}, TimeModel::strict, split, {});
        EXPECT_EQ(with.disproved.size(), 2u);         // a's and b's
        EXPECT_LT(with.traces.size(), brute.traces);  // what the shortcuts left out
        EXPECT_EQ(with.traces.size(), with.counted);  // (none twice, still)
        for (const auto& except : {std::vector<std::uint64_t>{with.disproved[0]}, with.disproved}) {
            const auto again = partitioned_dpor(scenario, {}, TimeModel::strict, split, {true, except});
            if (except.size() < with.disproved.size()) {  // the other task's shortcut still leaves some out
                EXPECT_EQ(again.disproved.size(), 1u);
                EXPECT_LT(again.traces.size(), brute.traces);
            } else {
                EXPECT_TRUE(again.disproved.empty());
                EXPECT_EQ(again.counted, brute.traces);
                EXPECT_EQ(again.traces.size(), brute.traces);
            }
        }
        const auto without = partitioned_dpor(scenario, {}, TimeModel::strict, split, {false, {}});
        EXPECT_TRUE(without.disproved.empty());
        EXPECT_EQ(without.counted, brute.traces);
    }
    const auto one = explore_with(scenario, {}, "dpor", TimeModel::strict);
    EXPECT_EQ(one.executions, brute.traces);
    for (std::size_t jobs : {2, 3}) {
        auto options = ExploreOptions{};
        options.time_model = TimeModel::strict;
        options.jobs = jobs;
        const auto several = explore(scenario, options);
        EXPECT_TRUE(several.exhausted) << jobs;
        EXPECT_EQ(several.executions, brute.traces) << jobs;
        EXPECT_EQ(outcome_set(several), outcome_set(one)) << jobs;
    }
    // Cut short at every limit: a disproval past the limit must not make a round run again
    // (one worker stops at its first execution past the limit, several may run further), and
    // every number of workers shows the same executions.
    for (std::uint64_t limit = 1; limit <= brute.traces; ++limit) {
        auto options = ExploreOptions{};
        options.time_model = TimeModel::strict;
        options.executions = limit;
        const auto alone = explore(scenario, options);
        EXPECT_EQ(alone.executions, limit);
        for (std::size_t jobs : {2, 3}) {
            options.jobs = jobs;
            EXPECT_EQ(shown(explore(scenario, options)), shown(alone)) << limit << " executions, " << jobs << " jobs";
        }
    }
}

TEST(Dpor, AFailedCompareExchangeStillWrites) {
    // The smallest random program (from the 1,755th) that one execution per trace missed a
    // trace of when a compare-exchange that found another value was a read: 33 of 34.
    using Op = RandomProgram::Op;
    RandomProgram program;
    program.variables = 1;
    program.tasks = {{{Op::compare_exchange, 0, 0}, {Op::compare_exchange, 0, 0}, {Op::load, 0, 0}},
                     {{Op::store, 0, 1}, {Op::load, 0, 0}},
                     {{Op::store, 0, 0}}};
    const Scenario scenario{"random", "", "", {}, false, [&program] { return run_program(program); }};
    const auto brute = brute_force(scenario, {}, TimeModel::strict, 100000);
    ASSERT_TRUE(brute.complete);
    DporStrategy dpor;
    EXPECT_EQ(search_all(dpor, scenario, {}, TimeModel::strict), brute.traces);
    EXPECT_EQ(outcome_set(explore_with(scenario, {}, "dpor", TimeModel::strict)),
              outcome_set(explore_with(scenario, {}, "dfs", TimeModel::strict)));
}

TEST(Dpor, FindsWhatDfsFindsOnEverySmallBuiltIn) {
    for (const auto& s : small_scenarios(brute_force_cap)) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        auto dfs = explore_with(*s.scenario, s.params, "dfs", s.model);
        auto dpor = explore_with(*s.scenario, s.params, "dpor", s.model);
        ASSERT_TRUE(dfs.exhausted);
        ASSERT_TRUE(dpor.exhausted);
        EXPECT_LE(dpor.executions, dfs.executions);
        EXPECT_EQ(outcome_set(dpor), outcome_set(dfs));
        EXPECT_EQ(report_set(dpor), report_set(dfs));
    }
}

/// Runs a dpor search of `scenario` (up to `cap` executions) and, after each execution, checks
/// that every race's reversal sequence is the same whether it is scanned for or searched task
/// by task. Returns how many sequences it compared, and how many of them were long.
std::pair<std::size_t, std::size_t> compare_reversal_sequences(const Scenario& scenario, const Params& params,
                                                               TimeModel model, std::size_t cap) {
    DporStrategy dpor;
    const auto options = run_options(model);
    std::size_t compared = 0;
    std::size_t long_ones = 0;
    std::size_t executions = 0;
    for (bool more = true; more && executions < cap; ++executions) {
        dpor.begin_execution();
        execute(scenario, params, dpor, options);
        more = dpor.end_execution();  // (finds the races; the events stay until the next execution)
        for (std::size_t j = 0; j < dpor.events(); ++j) {
            for (const auto i : dpor.event_races(j)) {
                dpor.set_scan_limit(SIZE_MAX);
                const auto scanned = dpor.reversal_sequence(i, j);
                dpor.set_scan_limit(0);
                EXPECT_EQ(dpor.reversal_sequence(i, j), scanned) << "race " << i << ", " << j;
                dpor.set_scan_limit(64);
                ++compared;
                if (dpor.events() - i > 64) ++long_ones;
            }
        }
    }
    return {compared, long_ones};
}

TEST(Dpor, AReversalSearchedTaskByTaskIsTheOneScanned) {
    // Past a few dozen events a reversal finds the events that do not happen after the race's
    // first step by searching each task's events; every search must give what scanning gives.
    std::size_t compared = 0;
    for (const auto& s : small_scenarios(brute_force_cap)) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        compared += compare_reversal_sequences(*s.scenario, s.params, s.model, SIZE_MAX).first;
    }
    EXPECT_GT(compared, 10000u);
    // Long executions, where the search pays: two tasks that yield to each other for ever (cut
    // at the step limit), a race every few steps.
    const auto [races, long_ones] = compare_reversal_sequences(builtin("livelock"), {}, TimeModel::strict, 20);
    EXPECT_GT(long_ones, 10000u) << races;
}

// A request to cancel a task and the task's steps do not commute: the request stops the task
// before its first store (x = 0), between its stores (x = 1) or not at all (x = 2). Every step
// reads its task's cancellation without an access of its own (StepRecord), so each direction of
// the race rests on one dependency: a step on the request before it, a request on the task's
// step before it. Which one the first execution needs depends on who runs first.
Task<> store_twice(Shared<int>& x) {
    co_await x.store(1);
    co_await x.store(2);
}

/// (Its yields let the victim finish first in the search's first execution.)
Task<> request_cancel(const std::optional<TaskHandle<>>& victim) {
    co_await yield_now();
    co_await yield_now();
    victim->cancel();
}

template <bool canceller_first>
Task<> cancel_race() {
    Shared<int> x{"x", 0};
    std::optional<TaskHandle<>> victim;
    std::optional<TaskHandle<>> canceller;
    if (canceller_first) canceller = spawn(request_cancel(victim), "canceller");
    victim = spawn(store_twice(x), "victim");  // (set before the canceller's first step)
    if (!canceller_first) canceller = spawn(request_cancel(victim), "canceller");
    co_await *canceller;
    try {
        co_await *victim;
    } catch (const CancelledError&) {
    }
}

TEST(Dpor, ACancellationRequestRacesWithTheStepsOfTheTaskItCancels) {
    for (const auto& scenario : {Scenario{"cancel_race", "", "", {}, false, cancel_race<false>},
                                 Scenario{"cancel_race", "", "", {}, false, cancel_race<true>}}) {
        auto dfs = explore_with(scenario, {}, "dfs", TimeModel::strict);
        auto dpor = explore_with(scenario, {}, "dpor", TimeModel::strict);
        ASSERT_TRUE(dfs.exhausted);
        ASSERT_TRUE(dpor.exhausted);
        EXPECT_EQ(outcome_set(dfs), (std::set<std::string>{R"({"x":0})", R"({"x":1})", R"({"x":2})"}));
        EXPECT_EQ(outcome_set(dpor), outcome_set(dfs));
        EXPECT_LE(dpor.executions, dfs.executions);
    }
}

TEST(Dpor, AStepReversedWithTheRequestThatCancelledItIsNotJudgedByWhatItDidCancelled) {
    // Shrunk from the 465th random program that cancels its last task: a reversal put that
    // task's step before the request, and was taken as covered by a branch independent of the
    // step as it ran cancelled (it only ended the task); before the request the step loads x0,
    // which that branch writes. dpor missed the outcome x0 = 3.
    using Op = RandomProgram::Op;
    RandomProgram program;
    program.variables = 1;
    program.cancels_last = true;
    program.tasks = {{{Op::load, 0, 1}, {Op::locked_increment, 0, 0}},
                     {{Op::store, 0, 2}, {Op::store, 0, 1}},
                     {{Op::load, 0, 2}, {Op::compare_exchange, 0, 2}}};
    const Scenario scenario{"random", "", "", {}, false, [&program] { return run_program(program); }};
    const auto dfs = explore_with(scenario, {}, "dfs", TimeModel::strict);
    ASSERT_TRUE(dfs.exhausted);
    EXPECT_TRUE(outcome_set(dfs).count(R"({"x0":3})"));
    EXPECT_EQ(outcome_set(explore_with(scenario, {}, "dpor", TimeModel::strict)), outcome_set(dfs));
}

/// Calls `check` with each of the first `count` random programs, made to cancel their last task.
template <class Check>
void for_programs_that_cancel(std::uint64_t count, Check check) {
    for (std::uint64_t seed = 1; seed <= count; ++seed) {
        SCOPED_TRACE("random program " + std::to_string(seed));
        auto program = random_program(seed);
        program.cancels_last = true;
        check(Scenario{"random", "", "", {}, false, [&program] { return run_program(program); }});
    }
}

TEST(Dpor, FindsWhatDfsFindsOnRandomProgramsThatCancelATask) {
    // Whether a step is cancelled follows from the order of its task's steps and the request:
    // the search must still find every outcome and report dfs finds, with one worker and with
    // two (whose shortcut of a start the request can disprove). The executions are not one
    // per trace here (a step that ran cancelled and one that did not count as different), but
    // every number of workers runs the same ones: one worker, running the search unshared,
    // counted others than two in 79 of the first 300 such programs.
    std::size_t compared = 0;
    for_programs_that_cancel(200, [&](const Scenario& scenario) {
        auto options = ExploreOptions{};
        options.strategy = "dfs";
        options.time_model = TimeModel::strict;
        options.max_steps = max_steps;
        options.executions = 3000;
        const auto dfs = explore(scenario, options);
        if (!dfs.exhausted) return;
        const auto dpor = explore_with(scenario, {}, "dpor", TimeModel::strict);
        EXPECT_EQ(outcome_set(dpor), outcome_set(dfs));
        EXPECT_EQ(report_set(dpor), report_set(dfs));
        options.strategy = "dpor";
        options.executions = 200000;
        options.jobs = 2;
        const auto two = explore(scenario, options);
        EXPECT_TRUE(two.exhausted);
        EXPECT_EQ(two.executions, dpor.executions);
        EXPECT_EQ(outcome_set(two), outcome_set(dfs));
        EXPECT_EQ(report_set(two), report_set(dfs));
        ++compared;
    });
    EXPECT_GE(compared, 80u);
}

TEST(Dpor, EveryNumberOfWorkersCutsTheSameSearchWhereATaskIsCancelled) {
    // Cut short, the executions shown are the first in prefix order, and the search is
    // exhausted only if it ended within them, for any number of workers: a search that ended
    // exactly at the limit was not exhausted when the executions after its last that counts
    // were all cut short by sleep sets, and with several workers that depended on their pace.
    std::size_t compared = 0;
    for_programs_that_cancel(40, [&](const Scenario& scenario) {
        auto options = ExploreOptions{};
        options.time_model = TimeModel::strict;
        options.max_steps = max_steps;
        options.executions = 400;
        const auto whole = explore(scenario, options);
        if (!whole.exhausted) return;
        const auto all = whole.executions;
        for (const auto limit : {std::uint64_t{1}, all / 3, all / 2, all - 1, all, all + 1}) {
            if (limit == 0) continue;
            options.executions = limit;
            options.jobs = 1;
            const auto alone = explore(scenario, options);
            EXPECT_EQ(alone.exhausted, limit >= all) << limit;
            options.jobs = 2;
            EXPECT_EQ(shown(explore(scenario, options)), shown(alone)) << limit << " of " << all;
        }
        ++compared;
    });
    EXPECT_GE(compared, 20u);
}

/// What `explore --stop-on-first` shows against what the same search cut at its executions
/// shows, but for divergence (stopped at a report, it does not compare outcomes) and whether
/// the search ended.
void expect_stop_on_first_shows_the_cut_search(const Scenario& scenario, const Params& params, TimeModel model) {
    ExploreOptions options;
    options.time_model = model;
    options.params = params;
    options.max_steps = max_steps;
    options.executions = 3000;
    options.stop_on_first = true;
    auto first = explore(scenario, options);
    options.stop_on_first = false;
    options.executions = first.executions;
    auto cut = explore(scenario, options);
    for (auto* result : {&first, &cut}) {
        std::erase_if(result->findings,
                      [](const Finding& finding) { return finding.report.kind == ReportKind::divergence; });
        result->exhausted = false;
    }
    EXPECT_EQ(shown(first), shown(cut));
}

TEST(Dpor, StopOnFirstRunsTheFirstExecutionsOfTheExplorersSearch) {
    // The unshared search, which --stop-on-first ran before, runs other executions first where a
    // task is cancelled: it showed other reports or witnesses for 24 of these 300 programs.
    for (const auto& s : small_scenarios(brute_force_cap)) {
        SCOPED_TRACE(s.scenario->name + " " + to_string(s.model));
        expect_stop_on_first_shows_the_cut_search(*s.scenario, s.params, s.model);
    }
    for_programs_that_cancel(300, [&](const Scenario& scenario) {
        expect_stop_on_first_shows_the_cut_search(scenario, {}, TimeModel::strict);
    });
}

TEST(Dpor, RunsNoTraceTwiceOnRandomProgramsThatCancelATask) {
    // A step reversed with the request that cancelled it is inserted unknown; once run it may
    // turn out to be a task asleep there, whose branch would run a trace again.
    std::size_t compared = 0;
    for_programs_that_cancel(150, [&](const Scenario& scenario) {
        const auto brute = brute_force(scenario, {}, TimeModel::strict, 2000);
        if (!brute.complete) return;
        Observed<DporStrategy> observed;
        std::size_t executions = 0;
        std::set<std::vector<std::uint64_t>> traces;
        for (bool more = true; more;) {
            observed.begin_execution();
            execute(scenario, {}, observed, run_options(TimeModel::strict));
            const bool cut_short = observed.search.pruned();  // (blocked by its sleep set)
            more = observed.end_execution();
            if (cut_short) continue;
            ++executions;
            traces.insert(canonical(observed.steps));
        }
        EXPECT_EQ(traces.size(), executions);  // none twice
        EXPECT_LE(executions, brute.traces);
        ++compared;
    });
    EXPECT_GE(compared, 60u);
}

TEST(Dpor, BoundedFindsWhatBoundedDfsFinds) {
    for (const auto& s : small_scenarios(brute_force_cap)) {
        for (int bound = 0; bound <= 2; ++bound) {
            SCOPED_TRACE(s.scenario->name + " " + to_string(s.model) + " bound " + std::to_string(bound));
            auto dfs = explore_with(*s.scenario, s.params, "dfs", s.model, bound);
            auto dpor = explore_with(*s.scenario, s.params, "dpor", s.model, bound);
            ASSERT_TRUE(dpor.exhausted);
            EXPECT_LE(dpor.executions, dfs.executions);
            EXPECT_EQ(outcome_set(dpor), outcome_set(dfs));
        }
    }
}

}  // namespace
}  // namespace interleave
