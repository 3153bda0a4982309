// The classic-bug table: under `explore --time relaxed` each bug scenario reports what it
// must, and its fixed twin reports nothing. And no false positives on the correctly
// synchronized seed scenarios, in either time model.
#include <algorithm>

#include <gtest/gtest.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/explorer.hpp>

namespace interleave {
namespace {

struct Row {
    std::string scenario;
    std::vector<ReportKind> must_report;
    std::string fixed_twin;  // empty: none
    friend void PrintTo(const Row& row, std::ostream* out) { *out << row.scenario; }
};

ExploreResult explore_named(const std::string& name, TimeModel model) {
    register_builtin_scenarios();
    const auto* scenario = find_scenario(name);
    if (!scenario) throw std::runtime_error("no scenario " + name);
    ExploreOptions options;
    options.time_model = model;
    options.params = resolve_params(*scenario, {});
    if (name == "livelock") {  // every schedule livelocks: the first one is enough
        options.stop_on_first = true;
        options.max_steps = 5000;
    }
    return explore(*scenario, options);
}

bool reports(const ExploreResult& result, ReportKind kind) {
    return std::any_of(result.findings.begin(), result.findings.end(),
                       [&](const Finding& f) { return f.report.kind == kind; });
}

class ClassicBug : public ::testing::TestWithParam<Row> {};

TEST_P(ClassicBug, ReportsWhatItMust) {
    auto result = explore_named(GetParam().scenario, TimeModel::relaxed);
    for (auto kind : GetParam().must_report) EXPECT_TRUE(reports(result, kind)) << to_string(kind);
    EXPECT_FALSE(reports(result, ReportKind::internal_error));
}

TEST_P(ClassicBug, FixedTwinIsClean) {
    if (GetParam().fixed_twin.empty()) GTEST_SKIP() << "no fixed twin";
    for (auto model : {TimeModel::relaxed, TimeModel::strict}) {
        auto result = explore_named(GetParam().fixed_twin, model);
        EXPECT_TRUE(result.exhausted);
        for (const auto& finding : result.findings)
            ADD_FAILURE() << GetParam().fixed_twin << ": " << to_string(finding.report.kind) << ": "
                          << finding.report.message;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ClassicBug,
    ::testing::Values(Row{"abba_deadlock", {ReportKind::deadlock, ReportKind::lock_order}, "abba_fixed"},
                      Row{"dining_philosophers", {ReportKind::deadlock}, "dining_philosophers_ordered"},
                      Row{"lost_wakeup", {ReportKind::deadlock}, "lost_wakeup_fixed"},
                      Row{"check_then_act", {ReportKind::not_serializable}, "check_then_act_fixed"},
                      Row{"bank_overdraft", {ReportKind::invariant}, "bank_fixed"},
                      Row{"task_leak", {ReportKind::task_leak}, ""},
                      Row{"livelock", {ReportKind::step_limit}, ""}),
    [](const auto& info) { return info.param.scenario; });

class CorrectSeedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(CorrectSeedScenario, HasNoReportInEitherTimeModel) {
    for (auto model : {TimeModel::strict, TimeModel::relaxed}) {
        auto result = explore_named(GetParam(), model);
        EXPECT_TRUE(result.exhausted) << to_string(model);
        for (const auto& finding : result.findings)
            ADD_FAILURE() << to_string(model) << ": " << to_string(finding.report.kind) << ": " << finding.report.message;
    }
}

INSTANTIATE_TEST_SUITE_P(NoFalsePositives, CorrectSeedScenario,
                         ::testing::Values("counter_lock", "lock_resource", "safe_counter", "async_cache",
                                           "queue_pipeline", "event_waiters", "immutable_tuple", "context_user",
                                           "semaphore_tasks", "semaphore_resource"));

TEST(StateCorruption, HasADataRaceButNoLostUpdate) {
    for (auto model : {TimeModel::strict, TimeModel::relaxed}) {
        auto result = explore_named("state_corruption", model);
        EXPECT_TRUE(reports(result, ReportKind::data_race));
        EXPECT_FALSE(reports(result, ReportKind::lost_update));  // its read-modify-writes do not span an await
    }
}

TEST(CounterRace, NamesTheLostUpdates) {
    auto result = explore_named("counter_race", TimeModel::strict);
    bool named = false;
    for (const auto& finding : result.findings)
        if (finding.report.kind == ReportKind::lost_update)
            named |= finding.report.message.find("wrote counter=1 from its read at step") != std::string::npos &&
                     finding.report.message.find("(value 0), overwriting increment#") != std::string::npos;
    EXPECT_TRUE(named);
}

}  // namespace
}  // namespace interleave
