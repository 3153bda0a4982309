#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/dpor.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/pct.hpp>
#include <interleave/scheduler/random_walk.hpp>
#include <interleave/scheduler/replay.hpp>
#include <interleave/scheduler/schedule_token.hpp>
#include <interleave/scheduler/serial.hpp>

namespace interleave {

namespace {
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;  // only for --time-budget and elapsed_s, never for output

constexpr const char* nondeterminism_advice =
    "A scenario must depend on nothing but the schedule: no wall clock, no unseeded randomness, no state that "
    "survives between executions (globals, statics), no iteration over unordered containers or addresses.";

std::string outcome_key(const json& state, const std::vector<std::string>& output) {
    std::string key = state.dump();
    for (const auto& line : output) key += "\n" + line;
    return key;
}

std::string state_text(const json& state) { return state.dump(); }

RuntimeOptions runtime_options(TimeModel model, std::uint64_t max_steps, bool record, bool output_is_shared = false) {
    RuntimeOptions options;
    options.output_is_shared = output_is_shared;
    options.time_model = model;
    options.max_steps = max_steps;
    options.record_events = record;
    return options;
}

/// The outcomes of every serial order of the body's directly spawned tasks.
std::vector<json> serial_outcomes(const Scenario& scenario, const Params& params, std::uint64_t max_steps,
                                  const ExecutionResult& sample) {
    std::vector<TaskId> children;
    for (const auto& task : sample.tasks)
        if (task.parent && *task.parent == 0) children.push_back(task.id);
    std::sort(children.begin(), children.end());
    std::vector<json> outcomes;
    std::size_t orders = 0;
    do {
        SerialStrategy serial(children);
        auto result = execute(scenario, params, serial, runtime_options(TimeModel::relaxed, max_steps, false));
        if (result.verdict == Verdict::completed &&
            std::find(outcomes.begin(), outcomes.end(), result.outcome) == outcomes.end())
            outcomes.push_back(result.outcome);
    } while (++orders < 40320 && std::next_permutation(children.begin(), children.end()));
    std::sort(outcomes.begin(), outcomes.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
    return outcomes;
}
}  // namespace

nlohmann::ordered_json Finding::trace() const {
    return witness ? trace_json(header, *witness, carried) : nlohmann::ordered_json();
}

std::unique_ptr<Strategy> make_strategy(const ExploreOptions& options) {
    if (options.strategy == "dpor") return std::make_unique<DporStrategy>(options.preemption_bound);
    if (options.strategy == "dfs") return std::make_unique<DfsStrategy>(options.preemption_bound);
    if (options.strategy == "random") return std::make_unique<RandomWalkStrategy>();
    if (options.strategy == "pct") return std::make_unique<PctStrategy>(options.depth);
    throw std::invalid_argument("unknown strategy '" + options.strategy + "' (dpor, dfs, random, pct)");
}

std::string schedule_token(const Scenario& scenario, const Params& params, TimeModel time_model,
                           const ExecutionResult& result) {
    return encode_schedule(Schedule{time_model, scenario_fingerprint(scenario.name, params), result.schedule});
}

ExecutionResult replay_schedule(const Scenario& scenario, const Params& params, const std::string& token,
                                std::uint64_t max_steps) {
    auto schedule = decode_schedule(token);
    if (schedule.fingerprint != scenario_fingerprint(scenario.name, params))
        throw BadSchedule("the schedule was recorded for another scenario or other parameters than " + scenario.name);
    ReplayStrategy replay(schedule.choices);
    replay.begin_execution();
    auto result = execute(scenario, params, replay, runtime_options(schedule.time_model, max_steps, true));
    replay.end_execution();
    return result;
}

ExecutionResult replay_seed(const Scenario& scenario, const Params& params, const std::string& strategy,
                            std::uint64_t seed, int depth, TimeModel time_model, std::uint64_t max_steps) {
    ExploreOptions options;
    options.strategy = strategy;
    options.depth = depth;
    auto made = make_strategy(options);
    auto* seeded = dynamic_cast<SeededStrategy*>(made.get());
    if (!seeded) throw std::invalid_argument("--seed replays the random and pct strategies only");
    seeded->set_seed(seed);
    seeded->begin_execution();
    return execute(scenario, params, *seeded, runtime_options(time_model, max_steps, true));
}

namespace {

/// Where an execution falls in the order one worker would have run them, and the report's
/// place among its execution's reports: how "first found" is decided across workers.
struct Position {
    std::uint64_t index = 0;       // random, pct: the execution's number
    std::vector<TaskId> schedule;  // dfs, dpor: its choices, compared lexicographically
    std::size_t report = 0;
    auto operator<=>(const Position&) const = default;
};

/// Where parallel searches share out the work: dfs, the paths to the 6th point with two or
/// more choices; dpor, to the 3rd such point after a conflict (fewer and larger subtrees: each
/// worker also walks every prefix down to the split). Measured on lost_update tasks=6 with 2
/// workers: 2 split points gave 1.98x, 3 gave 1.92x, 4 gave 1.83x, 6 gave 1.39x.
constexpr std::size_t dfs_split_points = 6;
constexpr std::size_t dpor_split_points = 3;

/// What executions produced, aggregated: distinct outcomes and deduplicated reports, each with
/// its count and the execution that came first — bounded, whatever the number of executions.
struct Tally {
    struct OutcomeEntry {
        Outcome outcome;
        Position first;
        std::shared_ptr<const ExecutionResult> witness;
    };
    struct FindingEntry {
        Report report;
        Position first;
        std::shared_ptr<const ExecutionResult> witness;
    };
    std::uint64_t executions = 0;
    std::map<std::string, OutcomeEntry> outcomes;
    std::map<std::string, FindingEntry> findings;
    std::optional<std::pair<Position, Report>> error;  // a nondeterministic scenario

    void add(ExecutionResult&& result, Position at, std::optional<std::uint64_t> seed, bool with_output) {
        ++executions;
        std::shared_ptr<const ExecutionResult> shared;
        auto keep = [&] {
            if (!shared) shared = std::make_shared<const ExecutionResult>(std::move(result));
            return shared;
        };
        auto reports = execution_reports(result);
        const auto key = outcome_key(result.outcome, with_output ? result.output : std::vector<std::string>{});
        auto [it, fresh] = outcomes.try_emplace(key);
        if (fresh || at < it->second.first) {
            it->second.outcome.state = result.outcome;
            if (with_output) it->second.outcome.output = result.output;
            it->second.outcome.seed = seed;
            it->second.first = at;
            it->second.witness = keep();
        }
        ++it->second.outcome.count;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            auto& report = reports[i];
            report.seed = seed;
            at.report = i;
            const auto report_key = to_string(report.kind) + "\n" + (report.key.empty() ? report.message : report.key);
            auto [found, added] = findings.try_emplace(report_key);
            const auto count = added ? 0 : found->second.report.count;
            if (added || at < found->second.first) {
                found->second.report = std::move(report);
                found->second.first = at;
                found->second.witness = keep();
            }
            found->second.report.count = count + 1;
        }
    }

    void merge(Tally&& other) {
        executions += other.executions;
        for (auto& [key, entry] : other.outcomes) {
            auto [it, fresh] = outcomes.try_emplace(key, entry);
            if (fresh) continue;
            const auto count = it->second.outcome.count + entry.outcome.count;
            if (entry.first < it->second.first) it->second = std::move(entry);
            it->second.outcome.count = count;
        }
        for (auto& [key, entry] : other.findings) {
            auto [it, fresh] = findings.try_emplace(key, entry);
            if (fresh) continue;
            const auto count = it->second.report.count + entry.report.count;
            if (entry.first < it->second.first) it->second = std::move(entry);
            it->second.report.count = count;
        }
        if (other.error && (!error || other.error->first < error->first)) error = std::move(other.error);
    }
};

}  // namespace

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options) {
    const auto started = Clock::now();
    auto strategy = make_strategy(options);
    const bool seeded = dynamic_cast<SeededStrategy*>(strategy.get()) != nullptr;
    const std::uint64_t limit = options.executions.value_or(seeded ? 1000 : 100000);
    // --stop-on-first asks for the first execution in order with a report, and bounded dpor's
    // conservative backtracking reaches above any split: one worker.
    const bool one_worker = options.stop_on_first || (options.strategy == "dpor" && options.preemption_bound);
    const std::size_t jobs = one_worker ? 1 : std::max<std::size_t>(1, options.jobs);

    ExploreResult out;
    out.scenario = scenario.name;
    out.strategy = strategy->name();
    out.time_model = options.time_model;

    const auto runtime_for_explore =
        runtime_options(options.time_model, options.max_steps, false, options.outcome_with_output);
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> done{0};
    std::atomic<bool> exhausted{false};
    std::atomic<std::size_t> workers_exhausted{0};
    auto out_of_time = [&] {
        return options.time_budget_s &&
               std::chrono::duration<double>(Clock::now() - started).count() >= *options.time_budget_s;
    };
    auto progress = [&](bool reporter) {
        const auto total = ++done;
        if (reporter && options.progress && total % 1000 == 0) options.progress(total);
    };
    auto nondeterministic = [&](Tally& tally, Position at, const std::string& what, std::optional<std::uint64_t> seed) {
        tally.error = std::pair{at, Report{ReportKind::internal_error,
                                           "the scenario is not deterministic: " + what + ". " + nondeterminism_advice,
                                           {},
                                           seed,
                                           1}};
        stop = true;
    };

    std::vector<Tally> tallies(jobs);
    std::vector<std::thread> threads;
    if (seeded) {
        // Execution i runs with execution_seed(S, i) on worker i mod jobs: the same executions as one worker.
        auto work = [&](std::size_t worker) {
            auto own = worker == 0 ? std::move(strategy) : make_strategy(options);
            auto* walk = dynamic_cast<SeededStrategy*>(own.get());
            auto& tally = tallies[worker];
            for (std::uint64_t i = worker; i < limit && !stop; i += jobs) {
                if (out_of_time()) break;
                const auto seed = execution_seed(options.seed, i);
                walk->set_seed(seed);
                walk->begin_execution();
                auto result = execute(scenario, options.params, *walk, runtime_for_explore);
                walk->end_execution();
                tally.add(std::move(result), Position{i, {}, 0}, seed, options.outcome_with_output);
                progress(worker == 0);
                if (options.stop_on_first && !tally.findings.empty()) stop = true;
            }
        };
        for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(work, w);
        work(0);
    } else {
        // dfs, dpor: each worker explores the subtrees below its share of the prefixes.
        auto work = [&](std::size_t worker) {
            auto own = worker == 0 ? std::move(strategy) : make_strategy(options);
            auto* search = dynamic_cast<PartitionedSearch*>(own.get());
            if (jobs > 1)
                search->partition(worker, jobs, options.strategy == "dpor" ? dpor_split_points : dfs_split_points);
            auto& tally = tallies[worker];
            for (std::uint64_t i = 0; i < limit && done < limit && !stop;) {
                if (out_of_time()) break;
                own->begin_execution();
                ExecutionResult result;
                bool pruned = false;
                try {
                    result = execute(scenario, options.params, *own, runtime_for_explore);
                } catch (const PruneExecution&) {
                    pruned = true;
                } catch (const NondeterministicScenario& e) {
                    nondeterministic(tally, Position{i, {}, 0}, e.what(), std::nullopt);
                    break;
                }
                const bool more = own->end_execution();
                if (!pruned && search->owns_last()) {
                    // First found = the smallest schedule: the same whichever worker ran it.
                    Position at{0, result.schedule, 0};
                    tally.add(std::move(result), at, std::nullopt, options.outcome_with_output);
                    progress(worker == 0);
                    ++i;
                    if (options.stop_on_first && !tally.findings.empty()) break;
                }
                if (!more) {
                    if (++workers_exhausted == jobs) exhausted = true;
                    break;
                }
            }
        };
        for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(work, w);
        work(0);
    }
    for (auto& thread : threads) thread.join();

    Tally tally;
    for (auto& partial : tallies) tally.merge(std::move(partial));
    out.executions = tally.executions;
    out.exhausted = exhausted && !tally.error;

    // Reports in the order a single worker finds them; each witness replayed before it is shown.
    std::map<std::string, std::shared_ptr<const ExecutionResult>> confirmed;
    auto confirm = [&](const ExecutionResult& original,
                       const std::string& token) -> std::shared_ptr<const ExecutionResult> {
        if (auto it = confirmed.find(token); it != confirmed.end()) return it->second;
        auto first = replay_schedule(scenario, options.params, token, options.max_steps);
        auto second = replay_schedule(scenario, options.params, token, options.max_steps);
        if (first.verdict != original.verdict || first.outcome != original.outcome || first.output != original.output ||
            first.events != second.events)
            return nullptr;
        auto witness = std::make_shared<const ExecutionResult>(std::move(first));
        confirmed.emplace(token, witness);
        return witness;
    };
    auto header_for = [&](const std::string& token, std::optional<std::uint64_t> seed) {
        return TraceHeader{scenario.name, options.params, out.strategy, seed, token, options.time_model};
    };
    auto add_finding = [&](Report report, const ExecutionResult& witness, bool carried) {
        std::vector<Report> carry;
        if (carried) carry.push_back(report);
        std::shared_ptr<const ExecutionResult> replayed;
        try {
            replayed = confirm(witness, report.schedule);
            if (replayed && !carried && !report.key.empty()) {
                // Exploring runs do not describe detections: the recorded replay does.
                for (auto& described : execution_reports(*replayed))
                    if (described.kind == report.kind && described.key == report.key)
                        report.message = described.message;
            }
            if (!replayed) {
                report = Report{ReportKind::internal_error,
                                "replaying the witness of a " + to_string(report.kind) +
                                    " report did not reproduce it: the scenario is not deterministic. " +
                                    nondeterminism_advice,
                                report.schedule, report.seed, 1};
            }
        } catch (const std::exception& e) {
            report = Report{ReportKind::internal_error,
                            std::string("replaying a witness failed (") + e.what() +
                                "): the scenario is not deterministic. " + nondeterminism_advice,
                            report.schedule, report.seed, 1};
        }
        auto header = header_for(report.schedule, report.seed);
        out.findings.push_back(Finding{std::move(report), std::move(header), std::move(replayed), std::move(carry)});
    };

    std::vector<Tally::FindingEntry*> ordered;
    for (auto& [key, entry] : tally.findings) ordered.push_back(&entry);
    std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (auto* entry : ordered) {
        entry->report.schedule = schedule_token(scenario, options.params, options.time_model, *entry->witness);
        add_finding(entry->report, *entry->witness, false);
        out.findings.back().report.count = entry->report.count;
    }
    if (tally.error) out.findings.push_back(Finding{tally.error->second, {}, nullptr, {}});

    for (auto& [key, entry] : tally.outcomes) {
        entry.outcome.schedule = schedule_token(scenario, options.params, options.time_model, *entry.witness);
        out.outcomes.push_back(entry.outcome);
    }
    if (out.outcomes.size() > 1 && !(options.stop_on_first && !out.findings.empty())) {
        // (fmt rather than string operator+: g++ 12 -O3 raises a false -Wrestrict on the latter)
        std::string message = fmt::format("{} distinct outcomes:", out.outcomes.size());
        constexpr std::size_t listed = 8;
        for (std::size_t i = 0; i < std::min(listed, out.outcomes.size()); ++i) {
            const auto& outcome = out.outcomes[i];
            message += fmt::format(" {}", state_text(outcome.state));
            if (options.outcome_with_output) message += fmt::format(" with output [{} lines]", outcome.output.size());
            message += fmt::format(" ({}x, schedule {});", outcome.count, outcome.schedule);
        }
        message.pop_back();
        if (out.outcomes.size() > listed) message += fmt::format("; and {} more", out.outcomes.size() - listed);
        const auto& second = *std::next(tally.outcomes.begin());
        add_finding(
            Report{ReportKind::divergence, message, second.second.outcome.schedule, second.second.outcome.seed, 1},
            *second.second.witness, true);
        out.findings.back().report.count = out.executions;
    }
    if (scenario.serializable && !tally.outcomes.empty()) {
        out.serial_outcomes =
            serial_outcomes(scenario, options.params, options.max_steps, *tally.outcomes.begin()->second.witness);
        std::string serial_text;
        for (const auto& state : *out.serial_outcomes)
            serial_text += (serial_text.empty() ? "" : " or ") + state_text(state);
        for (const auto& [key, entry] : tally.outcomes) {
            const auto& outcome = entry.outcome;
            if (std::find(out.serial_outcomes->begin(), out.serial_outcomes->end(), outcome.state) !=
                out.serial_outcomes->end())
                continue;
            Report report{ReportKind::not_serializable,
                          fmt::format("outcome {} is produced by no serial order of the gathered tasks; serial "
                                      "orders give {}",
                                      state_text(outcome.state), serial_text),
                          outcome.schedule, outcome.seed, outcome.count};
            add_finding(report, *entry.witness, true);
            out.findings.back().report.count = outcome.count;
        }
    }
    out.elapsed_s = std::chrono::duration<double>(Clock::now() - started).count();
    return out;
}

}  // namespace interleave
