// The explorer on the seed scenarios: outcome sets, divergence, serializability, reports
// with witnesses that replay, and the determinism self-check.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/interleave.hpp>
#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/schedule_token.hpp>

namespace interleave {
namespace {
using namespace std::chrono_literals;

const Scenario& builtin(const std::string& name) {
    register_builtin_scenarios();
    const auto* scenario = find_scenario(name);
    if (!scenario) throw std::runtime_error("no scenario " + name);
    return *scenario;
}

ExploreResult run(const std::string& name, ExploreOptions options = {}) {
    const auto& scenario = builtin(name);
    options.params = resolve_params(scenario, {options.params.begin(), options.params.end()});
    return explore(scenario, options);
}

ExploreOptions with_time(TimeModel model, std::string strategy = "dfs") {
    ExploreOptions options;
    options.time_model = model;
    options.strategy = std::move(strategy);
    return options;
}

std::vector<int> values(const ExploreResult& result, const std::string& key) {
    std::vector<int> out;
    for (const auto& outcome : result.outcomes) out.push_back(outcome.state.at(key).get<int>());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<ReportKind> kinds(const ExploreResult& result) {
    std::vector<ReportKind> out;
    for (const auto& finding : result.findings) out.push_back(finding.report.kind);
    return out;
}

bool has(const ExploreResult& result, ReportKind kind) {
    auto k = kinds(result);
    return std::find(k.begin(), k.end(), kind) != k.end();
}

TEST(Explorer, CounterRaceStrictAlwaysLosesTwoUpdatesAndIsNotSerializable) {
    auto result = run("counter_race", with_time(TimeModel::strict));
    EXPECT_TRUE(result.exhausted);
    EXPECT_EQ(result.executions, 36u);  // 3! orders of the reads at t=0, 3! of the writes at t=0.1
    EXPECT_EQ(values(result, "counter"), std::vector<int>{1});
    ASSERT_TRUE(result.serial_outcomes);
    EXPECT_EQ(result.serial_outcomes->size(), 1u);
    EXPECT_EQ(result.serial_outcomes->front().at("counter"), 3);
    EXPECT_TRUE(has(result, ReportKind::not_serializable));
    EXPECT_TRUE(has(result, ReportKind::lost_update));
    EXPECT_TRUE(has(result, ReportKind::data_race));
    EXPECT_FALSE(has(result, ReportKind::divergence));
    for (const auto& finding : result.findings) {
        if (finding.report.kind == ReportKind::not_serializable) {
            EXPECT_EQ(finding.report.count, 36u);
        }
    }
}

TEST(Explorer, CounterRaceRelaxedReachesOneTwoAndThree) {
    auto result = run("counter_race", with_time(TimeModel::relaxed));
    EXPECT_TRUE(result.exhausted);
    EXPECT_EQ(values(result, "counter"), (std::vector<int>{1, 2, 3}));
    EXPECT_TRUE(has(result, ReportKind::divergence));
    EXPECT_TRUE(has(result, ReportKind::not_serializable));
}

TEST(Explorer, StateCorruptionStrictGivesEightSerialSix) {
    auto result = run("state_corruption", with_time(TimeModel::strict));
    EXPECT_EQ(values(result, "value"), std::vector<int>{8});
    ASSERT_TRUE(result.serial_outcomes);
    EXPECT_EQ(result.serial_outcomes->front().at("value"), 6);
    EXPECT_TRUE(has(result, ReportKind::not_serializable));
}

TEST(Explorer, StateCorruptionRelaxedGivesSixAndEight) {
    auto result = run("state_corruption", with_time(TimeModel::relaxed));
    EXPECT_EQ(values(result, "value"), (std::vector<int>{6, 8}));
}

TEST(Explorer, LockedCountersAlwaysReachThreeWithNoReport) {
    for (const char* name : {"safe_counter", "counter_lock", "lock_resource"}) {
        for (auto model : {TimeModel::strict, TimeModel::relaxed}) {
            auto result = run(name, with_time(model));
            EXPECT_TRUE(result.exhausted) << name;
            const std::string key = std::string(name) == "lock_resource" ? "shared_resource" : "counter";
            EXPECT_EQ(values(result, key), std::vector<int>{3}) << name;
            EXPECT_TRUE(result.findings.empty()) << name << ": " << result.findings[0].report.message;
        }
    }
}

TEST(Explorer, SemaphoreTasksOutputsIncludeTheChaptersOrderAndCPythons) {
    auto options = with_time(TimeModel::strict);
    options.outcome_with_output = true;
    auto result = run("semaphore_tasks", options);
    const std::vector<std::string> chapter{"Tarea A iniciada",   "Tarea B iniciada",   "Tarea A completada",
                                           "Tarea C iniciada",   "Tarea B completada", "Tarea D iniciada",
                                           "Tarea C completada", "Tarea D completada"};
    const std::vector<std::string> cpython{"Tarea A iniciada",   "Tarea B iniciada",   "Tarea A completada",
                                           "Tarea B completada", "Tarea C iniciada",   "Tarea D iniciada",
                                           "Tarea C completada", "Tarea D completada"};
    auto found = [&](const std::vector<std::string>& lines) {
        return std::any_of(result.outcomes.begin(), result.outcomes.end(),
                           [&](const Outcome& o) { return o.output == lines; });
    };
    EXPECT_TRUE(found(chapter));
    EXPECT_TRUE(found(cpython));
}

TEST(Explorer, TheHangingChapterExampleReportsADeadlockForEachConsumer) {
    auto result = run("producer_two_consumers", with_time(TimeModel::strict));
    ASSERT_EQ(kinds(result), (std::vector<ReportKind>{ReportKind::deadlock, ReportKind::deadlock}));  // A or B hangs
    EXPECT_NE(result.findings[0].report.message.find("waits on Queue.get"), std::string::npos);
}

TEST(Explorer, EveryOutcomeWitnessReplaysToThatOutcome) {
    const auto& scenario = builtin("counter_race");
    auto result = run("counter_race", with_time(TimeModel::relaxed));
    for (const auto& outcome : result.outcomes) {
        auto replayed = replay_schedule(scenario, {{"tasks", 3}}, outcome.schedule);
        EXPECT_EQ(replayed.outcome, outcome.state);
    }
}

TEST(Explorer, FindingsCarryAWitnessTrace) {
    auto result = run("counter_race", with_time(TimeModel::relaxed));
    for (const auto& finding : result.findings) {
        const auto trace = finding.trace();
        ASSERT_FALSE(trace.is_null());
        EXPECT_EQ(trace.at("schedule"), finding.report.schedule);
        const bool compares_executions =
            finding.report.kind == ReportKind::divergence || finding.report.kind == ReportKind::not_serializable;
        if (compares_executions) {
            EXPECT_EQ(trace.at("found_by_explore").at(0).at("kind"), to_string(finding.report.kind));
        } else {
            bool in_reports = false;
            for (const auto& report : trace.at("reports")) in_reports |= report.at("message") == finding.report.message;
            EXPECT_TRUE(in_reports) << finding.report.message;
        }
    }
}

TEST(Explorer, RandomIsReproducibleFromItsSeedAndEachExecutionFromItsOwn) {
    auto options = with_time(TimeModel::relaxed, "random");
    options.executions = 200;
    options.seed = 7;
    auto a = run("counter_race", options);
    auto b = run("counter_race", options);
    ASSERT_EQ(a.outcomes.size(), b.outcomes.size());
    for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
        EXPECT_EQ(a.outcomes[i].count, b.outcomes[i].count);
        EXPECT_EQ(a.outcomes[i].schedule, b.outcomes[i].schedule);
        ASSERT_TRUE(a.outcomes[i].seed);
        auto replayed = replay_seed(builtin("counter_race"), {{"tasks", 3}}, "random", *a.outcomes[i].seed, 3,
                                    TimeModel::relaxed);
        EXPECT_EQ(replayed.outcome, a.outcomes[i].state);
    }
    EXPECT_EQ(values(a, "counter"), (std::vector<int>{1, 2, 3}));
}

TEST(Explorer, PctFindsTheRelaxedCounterRaceOutcomes) {
    auto options = with_time(TimeModel::relaxed, "pct");
    options.executions = 300;
    options.depth = 2;
    auto result = run("counter_race", options);
    EXPECT_GE(result.outcomes.size(), 2u);
    EXPECT_TRUE(has(result, ReportKind::not_serializable));
}

TEST(Explorer, StopOnFirstStopsAtTheFirstReport) {
    auto options = with_time(TimeModel::strict);
    options.stop_on_first = true;
    auto result = run("producer_two_consumers", options);
    EXPECT_EQ(result.executions, 1u);
    EXPECT_EQ(result.findings.size(), 1u);
}

TEST(Explorer, ExecutionLimitIsHonoured) {
    auto options = with_time(TimeModel::strict);
    options.executions = 5;
    auto result = run("counter_race", options);
    EXPECT_EQ(result.executions, 5u);
    EXPECT_FALSE(result.exhausted);
}

TEST(Explorer, PreemptionBoundShrinksTheSearch) {
    auto bounded = with_time(TimeModel::relaxed);
    bounded.preemption_bound = 0;
    auto full = run("counter_race", with_time(TimeModel::relaxed));
    auto small = run("counter_race", bounded);
    EXPECT_TRUE(small.exhausted);
    EXPECT_LT(small.executions, full.executions);
}

TEST(Explorer, DfsCountsPreemptionsAgainstItsBound) {
    // lost_update's three tasks take three steps each, yielding between them: with no
    // preemption each runs its steps in a row, in one of 3! orders; each preemption allowed adds
    // schedules, and a bound no schedule reaches leaves all 1680.
    auto options = with_time(TimeModel::strict, "dfs");
    std::vector<std::uint64_t> executions;
    for (int bound : {0, 1, 2, 20}) {
        options.preemption_bound = bound;
        const auto result = run("lost_update", options);
        EXPECT_TRUE(result.exhausted) << "bound " << bound;
        executions.push_back(result.executions);
    }
    EXPECT_EQ(executions.front(), 6u);
    EXPECT_LT(executions[0], executions[1]);
    EXPECT_LT(executions[1], executions[2]);
    EXPECT_LT(executions[2], executions[3]);
    EXPECT_EQ(executions.back(), 1680u);
}

// A scenario whose behaviour leaks between executions through a static: the self-check
// must call it nondeterministic instead of reporting an unreproducible failure.
int leaking_runs = 0;
Task<> leaky_body() {
    Shared<int> value{"value", 0};
    co_await yield_now();
    value.set(++leaking_runs % 2);
    expect(value.get() == 0, "value stays 0");
}

TEST(Explorer, ANondeterministicScenarioIsReportedAsSuch) {
    Scenario scenario{"leaky", "state leaks through a static", "", {}, false, leaky_body};
    ExploreOptions options;
    options.strategy = "random";
    options.executions = 4;
    auto result = explore(scenario, options);
    EXPECT_TRUE(has(result, ReportKind::internal_error));
    for (const auto& finding : result.findings) {
        if (finding.report.kind == ReportKind::internal_error) {
            EXPECT_NE(finding.report.message.find("not deterministic"), std::string::npos);
        }
    }
}

Task<> store_value(Shared<double>& x, double value) { co_await x.store(value); }

// The last of four writers decides x: NaN (two writers), -0.0 or 0.0.
Task<> last_writer_decides() {
    Shared<double> x{"x", 1.0};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // (NaN last: the first execution, which witnesses the races, ends in NaN)
    co_await gather(store_value(x, -0.0), store_value(x, 0.0), store_value(x, nan), store_value(x, nan));
}

TEST(Explorer, OutcomesAreToldApartByTheirJsonText) {
    // As JSON values NaN != NaN and -0.0 == 0.0; as outcomes, what counts is the text they dump
    // as: every NaN is one outcome ("null"), and -0.0 is not 0.0.
    Scenario scenario{"last_writer", "four writers", "", {}, false, last_writer_decides};
    ExploreOptions options;
    options.strategy = "dfs";
    auto result = explore(scenario, options);
    ASSERT_TRUE(result.exhausted);
    ASSERT_EQ(result.outcomes.size(), 3u);
    std::uint64_t nan = 0, negative_zero = 0, zero = 0, total = 0;
    for (const auto& outcome : result.outcomes) {
        const double x = outcome.state.at("x").get<double>();
        (std::isnan(x) ? nan : std::signbit(x) ? negative_zero : zero) += outcome.count;
        total += outcome.count;
    }
    EXPECT_EQ(total, result.executions);
    EXPECT_GT(zero, 0u);
    EXPECT_EQ(negative_zero, zero);  // the writers are symmetric: each is last as often
    EXPECT_EQ(nan, 2 * zero);
    // The races' witnesses end in NaN too: replayed, they show the same text.
    EXPECT_TRUE(has(result, ReportKind::data_race));
    EXPECT_FALSE(has(result, ReportKind::internal_error));
}

TEST(Explorer, ReplayingAStaleScheduleSaysWhereItDiverged) {
    const auto& race = builtin("counter_race");
    const auto& corruption = builtin("state_corruption");
    auto result = run("counter_race", with_time(TimeModel::strict));
    EXPECT_THROW(replay_schedule(corruption, {}, result.outcomes[0].schedule), BadSchedule);
    auto schedule = decode_schedule(result.outcomes[0].schedule);
    schedule.choices[0] = 99;
    EXPECT_THROW(replay_schedule(race, {{"tasks", 3}}, encode_schedule(schedule)), std::runtime_error);
}

}  // namespace
}  // namespace interleave

namespace interleave {
namespace {

/// Everything a user sees of an exploration but the time it took: witnesses' schedules, and
/// report messages (which name the witness's steps), included.
std::string seen(const ExploreResult& result) {
    std::string text = std::to_string(result.executions) + (result.exhausted ? " exhausted\n" : "\n");
    for (const auto& outcome : result.outcomes)
        text += outcome.state.dump() + " " + std::to_string(outcome.count) + " " + outcome.schedule + "\n";
    for (const auto& finding : result.findings)
        text += to_string(finding.report.kind) + " " + std::to_string(finding.report.count) + " " +
                finding.report.schedule + " " + finding.report.message + "\n";
    return text;
}

TEST(ExplorerJobs, EachPrefixIsClaimedByExactlyOneWorker) {
    // Workers meet the prefixes in the same order, each at its own pace; whoever comes first
    // takes a prefix, and nobody else does.
    constexpr std::uint64_t prefixes = 20000;
    PrefixClaims claims;
    std::vector<std::vector<std::uint64_t>> taken(3);
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < taken.size(); ++w)
        workers.emplace_back([&, w] {
            for (std::uint64_t i = 0; i < prefixes; ++i)
                if (claims.claim(i)) taken[w].push_back(i);
        });
    for (auto& worker : workers) worker.join();
    std::vector<std::uint64_t> all;
    for (const auto& mine : taken) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all.size(), prefixes);
    for (std::uint64_t i = 0; i < prefixes; ++i) ASSERT_EQ(all[i], i);
}

TEST(ExplorerJobs, SeveralWorkersGiveWhatOneWorkerGives) {
    struct Case {
        const char* scenario;
        const char* strategy;
        TimeModel model;
        std::optional<std::uint64_t> executions;
    };
    const Case cases[] = {
        {"lost_update", "random", TimeModel::strict, 3000},
        {"lost_update", "pct", TimeModel::strict, 3000},
        {"lost_update", "dfs", TimeModel::strict, {}},
        {"lost_update", "dpor", TimeModel::strict, {}},
        {"counter_race", "dfs", TimeModel::relaxed, {}},
        {"counter_race", "dpor", TimeModel::relaxed, {}},
        {"abba_deadlock", "dfs", TimeModel::relaxed, {}},
        {"abba_deadlock", "dpor", TimeModel::relaxed, {}},
        {"bank_overdraft", "random", TimeModel::relaxed, 2000},
        {"dining_philosophers", "dpor", TimeModel::relaxed, {}},
        // dfs cut short by the limit: the first executions in its order, whichever worker ran them
        {"lost_update", "dfs", TimeModel::strict, 700},
        {"dining_philosophers", "dfs", TimeModel::relaxed, 999},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.scenario) + " " + c.strategy);
        auto options = with_time(c.model, c.strategy);
        options.executions = c.executions;
        const auto one = run(c.scenario, options);
        for (std::size_t jobs : {2, 3}) {
            options.jobs = jobs;
            EXPECT_EQ(seen(run(c.scenario, options)), seen(one)) << jobs << " jobs";
        }
    }
    auto bounded = with_time(TimeModel::relaxed, "dpor");  // (one worker: conservative backtracking)
    bounded.preemption_bound = 1;
    const auto one = run("counter_race", bounded);
    bounded.jobs = 2;
    EXPECT_EQ(seen(run("counter_race", bounded)), seen(one));
}

TEST(ExplorerJobs, SeveralDporWorkersFindEveryTraceOneWorkerFinds) {
    // Several dpor workers share out one search, which one worker also runs, claiming every
    // prefix: they find every trace (lastzero lost 3 of its 144 when a top node's sleep set
    // could drop a reversal), and the same witnesses (when one worker ran the unshared search,
    // some of lastzero's were other executions of their traces).
    auto options = with_time(TimeModel::strict, "dpor");
    options.params = {{"n", 6}};
    const auto one = run("lastzero", options);
    EXPECT_EQ(one.executions, 144u);  // (n+3) * 2^(n-2)
    for (std::size_t jobs : {2, 3}) {
        options.jobs = jobs;
        EXPECT_EQ(seen(run("lastzero", options)), seen(one)) << jobs << " jobs";
    }
}

TEST(ExplorerJobs, ASearchCutShortByTheLimitShowsTheSameExecutionsEveryRun) {
    // The first executions in prefix order, one worker's: the same ones every run, however
    // the workers' pace varies, and exactly as many as asked for.
    for (const char* strategy : {"dpor", "dfs"}) {
        SCOPED_TRACE(strategy);
        auto options = with_time(TimeModel::strict, strategy);
        options.params = {{"tasks", 4}};
        options.executions = 150;
        const auto one = run("lost_update", options);
        EXPECT_EQ(one.executions, 150u);
        EXPECT_FALSE(one.exhausted);
        for (std::size_t jobs : {2, 3}) {
            options.jobs = jobs;
            for (int again = 0; again < 4; ++again) EXPECT_EQ(seen(run("lost_update", options)), seen(one)) << jobs;
        }
    }
}

TEST(ExplorerJobs, ACutSearchCountsPrefixesWhoseExecutionsAreAllCutShort) {
    // Under dpor some prefixes of these searches hold only executions blocked by their sleep
    // sets: the count still goes past them (it stopped at the first one, 1 execution).
    struct Case {
        const char* scenario;
        const char* param;
        std::int64_t value;
        std::uint64_t executions;
    };
    for (const auto& c : {Case{"lastzero", "n", 5, 19}, Case{"lastzero", "n", 5, 44}, Case{"readers", "n", 8, 76}}) {
        SCOPED_TRACE(std::string(c.scenario) + " " + std::to_string(c.executions));
        auto options = with_time(TimeModel::strict, "dpor");
        options.params = {{c.param, c.value}};
        options.executions = c.executions;
        const auto one = run(c.scenario, options);
        EXPECT_EQ(one.executions, c.executions);
        for (std::size_t jobs : {2, 3}) {
            options.jobs = jobs;
            EXPECT_EQ(seen(run(c.scenario, options)), seen(one)) << jobs;
        }
    }
}

TEST(ExplorerJobs, ACutSearchShowsTheFirstCountedExecutionsEvenWhenAWorkerFoundEarlierOnesPastTheCut) {
    // A worker keeps one tally across its prefixes, and runs on past the cut before it sees it.
    // In these searches a smaller schedule of some outcome or report turns up in a prefix past
    // the cut: what is shown must still be the first among the counted executions, with a
    // witness that is that execution (run again from its schedule).
    struct Case {
        const char* strategy;
        std::int64_t tasks;
        std::uint64_t executions;
    };
    for (const auto& c :
         {Case{"dfs", 3, 61}, Case{"dfs", 3, 67}, Case{"dfs", 3, 91}, Case{"dpor", 4, 25}, Case{"dpor", 4, 115}}) {
        SCOPED_TRACE(std::string(c.strategy) + " " + std::to_string(c.executions));
        auto options = with_time(TimeModel::strict, c.strategy);
        options.params = {{"tasks", c.tasks}};
        options.executions = c.executions;
        const auto one = run("lost_update", options);
        for (std::size_t jobs : {2, 3}) {
            options.jobs = jobs;
            const auto several = run("lost_update", options);
            EXPECT_EQ(several.executions, c.executions) << jobs;
            EXPECT_EQ(seen(several), seen(one)) << jobs;
            const auto& scenario = builtin("lost_update");
            for (const auto& outcome : several.outcomes)
                EXPECT_EQ(replay_schedule(scenario, options.params, outcome.schedule).outcome, outcome.state) << jobs;
            for (const auto& finding : several.findings) EXPECT_NE(finding.witness, nullptr) << jobs;
        }
    }
}

TEST(ExplorerJobs, ASearchThatEndsAtTheLimitIsExhausted) {
    // lastzero's and readers' last prefixes hold executions cut short by sleep sets only, after
    // the last that counts: the search must still be seen to end there, whatever the workers
    // (with two, whether it was depended on which worker reached the limit first).
    struct Case {
        const char* scenario;
        const char* param;
        std::int64_t value;
        std::uint64_t traces;
    };
    for (const auto& c :
         {Case{"lost_update", "tasks", 3, 36}, Case{"lastzero", "n", 5, 64}, Case{"readers", "n", 8, 256}}) {
        auto options = with_time(TimeModel::strict, "dpor");
        options.params = {{c.param, c.value}};
        for (std::size_t jobs : {1, 2, 3}) {
            options.jobs = jobs;
            for (const auto limit : {c.traces - 1, c.traces}) {
                options.executions = limit;
                for (int again = 0; again < 3; ++again) {
                    const auto result = run(c.scenario, options);
                    EXPECT_EQ(result.executions, limit) << c.scenario << " " << jobs;
                    EXPECT_EQ(result.exhausted, limit == c.traces) << c.scenario << " " << jobs << " " << limit;
                }
            }
        }
    }
}

TEST(ExplorerJobs, ProgressCountsEveryThousandExecutionsWhateverTheWorkers) {
    for (std::size_t jobs : {1, 2}) {
        auto options = with_time(TimeModel::strict, "random");
        options.executions = 5000;
        options.jobs = jobs;
        std::vector<std::uint64_t> seen;  // (only worker 0 reports: no lock needed)
        options.progress = [&](std::uint64_t executions) { seen.push_back(executions); };
        EXPECT_EQ(run("lost_update", options).executions, 5000u);
        ASSERT_FALSE(seen.empty()) << jobs;
        for (std::size_t i = 0; i < seen.size(); ++i) {
            EXPECT_EQ(seen[i] % 1000, 0u) << jobs;
            EXPECT_LE(seen[i], 5000u) << jobs;
            if (i > 0) {
                EXPECT_GT(seen[i], seen[i - 1]) << jobs;
            }
        }
        if (jobs == 1) {
            EXPECT_EQ(seen, (std::vector<std::uint64_t>{1000, 2000, 3000, 4000, 5000}));
        }
    }
}

TEST(ExplorerStop, ARequestToStopEndsTheExplorationBeforeItsNextExecution) {
    // Requested from the progress report after the 2,000th execution: one worker stops there.
    std::atomic<bool> stop{false};
    auto options = with_time(TimeModel::strict, "random");
    options.executions = 5000;
    options.stop_requested = &stop;
    options.progress = [&](std::uint64_t executions) {
        if (executions == 2000) stop = true;
    };
    auto result = run("lost_update", options);
    EXPECT_EQ(result.executions, 2000u);
    EXPECT_EQ(result.cut_short, CutShort::stop_requested);
    std::uint64_t counted = 0;
    for (const auto& outcome : result.outcomes) counted += outcome.count;
    EXPECT_EQ(counted, 2000u);
    EXPECT_FALSE(result.findings.empty());  // what the 2,000 found, witnesses replayed

    // Requested before it starts: every strategy and number of workers runs nothing, and says so.
    for (const char* strategy : {"dpor", "dfs", "random", "pct"}) {
        for (std::size_t jobs : {1, 2}) {
            auto before = with_time(TimeModel::strict, strategy);
            before.jobs = jobs;
            before.stop_requested = &stop;
            const auto nothing = run("lost_update", before);
            EXPECT_EQ(nothing.executions, 0u) << strategy << " " << jobs;
            EXPECT_FALSE(nothing.exhausted) << strategy << " " << jobs;
            EXPECT_EQ(nothing.cut_short, CutShort::stop_requested) << strategy << " " << jobs;
            EXPECT_TRUE(nothing.outcomes.empty()) << strategy << " " << jobs;
        }
    }

    // Never requested: a search that ends is exhausted, not cut short.
    stop = false;
    auto whole = with_time(TimeModel::strict, "dpor");
    whole.stop_requested = &stop;
    const auto exhausted = run("lost_update", whole);
    EXPECT_TRUE(exhausted.exhausted);
    EXPECT_EQ(exhausted.executions, 36u);
    EXPECT_EQ(exhausted.cut_short, CutShort::no);
}

TEST(ExplorerStop, TheTimeBudgetSaysItCutTheSearchShort) {
    auto options = with_time(TimeModel::strict, "dpor");
    options.params = {{"n", 14}};  // (about two seconds' search, Release)
    options.time_budget_s = 0.01;
    const auto result = run("lastzero", options);
    EXPECT_FALSE(result.exhausted);
    EXPECT_EQ(result.cut_short, CutShort::time_budget);
    options.time_budget_s = 1000;
    options.params = {{"n", 3}};
    const auto whole = run("lastzero", options);
    EXPECT_TRUE(whole.exhausted);
    EXPECT_EQ(whole.cut_short, CutShort::no);
}

TEST(ExplorerJobs, ClaimsForOnePrefixGiveThatPrefixAlone) {
    PrefixClaims only(3);
    for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(only.claim(i), i == 3) << i;
}

}  // namespace
}  // namespace interleave
