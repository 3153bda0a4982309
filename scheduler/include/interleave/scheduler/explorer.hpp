#pragma once
// The explorer runs a scenario again and again under one strategy, each execution on a fresh
// runtime, and aggregates: executions, distinct outcomes (count and a witness each), reports
// (deduplicated and counted, each with a witness), and whether the space was exhausted.
// Before a report is given, its witness is replayed twice with recording on: the replay must
// reproduce the verdict, outcome and output, and both replays the same trace bytes — or the
// scenario is not deterministic and that is what gets reported.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <interleave/scenario.hpp>
#include <interleave/scheduler/report.hpp>
#include <interleave/scheduler/trace.hpp>

namespace interleave {

struct ExploreOptions {
    std::string strategy = "dpor";           // dpor | dfs | random | pct
    std::optional<std::uint64_t> executions;  // default: 100000 (dfs), 1000 (random, pct)
    std::uint64_t seed = 0;
    int depth = 3;                            // pct
    std::optional<int> preemption_bound;      // dpor, dfs
    TimeModel time_model = TimeModel::strict;
    bool outcome_with_output = false;         // --outcome output
    Params params;
    std::uint64_t max_steps = 100000;
    bool stop_on_first = false;
    std::optional<double> time_budget_s;
    /// Set (by a signal handler, say) to end the exploration early, as the time budget does:
    /// each worker stops before its next execution and the result shows what was found so far.
    const std::atomic<bool>* stop_requested = nullptr;
    /// Worker threads. The results are those of one worker: the same executions (random, pct:
    /// the same execution seeds; dfs, dpor: the same paths), outcomes, counts, witnesses and
    /// reports.
    std::size_t jobs = 1;
    std::function<void(std::uint64_t executions)> progress;  // called now and then
};

struct Outcome {
    nlohmann::ordered_json state;
    std::vector<std::string> output;  // filled with --outcome output
    std::uint64_t count = 0;
    std::string schedule;
    std::optional<std::uint64_t> seed;
};

/// A report with its witness execution (replayed with recording on), when it replayed.
struct Finding {
    Report report;
    TraceHeader header;
    std::shared_ptr<const ExecutionResult> witness;  // null for an internal error
    std::vector<Report> carried;                     // the report itself, when it compares executions
    /// The witness's trace; null without a witness.
    nlohmann::ordered_json trace() const;
};

/// What ended an exploration before its end or its limit of executions.
enum class CutShort { no, time_budget, stop_requested };

struct ExploreResult {
    std::string scenario;
    std::string strategy;
    TimeModel time_model = TimeModel::strict;
    std::uint64_t executions = 0;
    bool exhausted = false;
    CutShort cut_short = CutShort::no;
    double elapsed_s = 0;
    std::vector<Outcome> outcomes;  // sorted by state, then output
    std::vector<Finding> findings;  // in the order first found
    std::optional<std::vector<nlohmann::ordered_json>> serial_outcomes;  // for serializable scenarios
};

/// A strategy by name; throws std::invalid_argument for an unknown one.
std::unique_ptr<Strategy> make_strategy(const ExploreOptions& options);

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options);

/// One execution replaying `schedule` with recording on; throws BadSchedule/ScheduleMismatch.
ExecutionResult replay_schedule(const Scenario& scenario, const Params& params, const std::string& schedule,
                                std::uint64_t max_steps = 100000);
/// One execution of a seeded strategy (random or pct) with exactly this execution seed.
ExecutionResult replay_seed(const Scenario& scenario, const Params& params, const std::string& strategy,
                            std::uint64_t seed, int depth, TimeModel time_model, std::uint64_t max_steps = 100000);
/// The schedule token of an execution.
std::string schedule_token(const Scenario& scenario, const Params& params, TimeModel time_model,
                           const ExecutionResult& result);

}  // namespace interleave
