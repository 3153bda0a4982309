#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>

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

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options) {
    const auto started = Clock::now();
    auto strategy = make_strategy(options);
    auto* seeded = dynamic_cast<SeededStrategy*>(strategy.get());
    const std::uint64_t limit = options.executions.value_or(seeded ? 1000 : 100000);

    ExploreResult out;
    out.scenario = scenario.name;
    out.strategy = strategy->name();
    out.time_model = options.time_model;

    std::map<std::string, Outcome> outcomes;
    std::map<std::string, std::size_t> finding_index;  // kind + message -> findings position

    auto header_for = [&](const std::string& token, std::optional<std::uint64_t> seed) {
        return TraceHeader{scenario.name, options.params, out.strategy, seed, token, options.time_model};
    };
    // Replays a witness twice: the same verdict, outcome and output as the original, and the
    // same events both times (the trace is a function of them). Once per witness schedule.
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
    auto add_finding = [&](Report report, const ExecutionResult& witness, bool carried) {
        const std::string key = to_string(report.kind) + "\n" + (report.key.empty() ? report.message : report.key);
        if (auto it = finding_index.find(key); it != finding_index.end()) {
            ++out.findings[it->second].report.count;
            return;
        }
        std::vector<Report> carry;
        if (carried) carry.push_back(report);
        std::shared_ptr<const ExecutionResult> replayed;
        try {
            replayed = confirm(witness, report.schedule);
            if (!replayed) {
                report = Report{ReportKind::internal_error,
                                "replaying the witness of a " + to_string(report.kind) +
                                    " report did not reproduce it: the scenario is not deterministic. " +
                                    nondeterminism_advice,
                                report.schedule, report.seed, 1};
            }
        } catch (const std::exception& e) {
            report = Report{ReportKind::internal_error,
                            std::string("replaying a witness failed (") + e.what() + "): the scenario is not deterministic. " +
                                nondeterminism_advice,
                            report.schedule, report.seed, 1};
        }
        finding_index.emplace(key, out.findings.size());
        auto header = header_for(report.schedule, report.seed);
        out.findings.push_back(Finding{std::move(report), std::move(header), std::move(replayed), std::move(carry)});
    };

    std::map<std::string, ExecutionResult> outcome_witness;  // key -> the first execution with it
    for (std::uint64_t i = 0; i < limit; ++i) {
        if (options.time_budget_s &&
            std::chrono::duration<double>(Clock::now() - started).count() >= *options.time_budget_s)
            break;
        std::optional<std::uint64_t> seed;
        if (seeded) {
            seed = execution_seed(options.seed, i);
            seeded->set_seed(*seed);
        }
        strategy->begin_execution();
        ExecutionResult result;
        try {
            result = execute(scenario, options.params, *strategy,
                             runtime_options(options.time_model, options.max_steps, false, options.outcome_with_output));
        } catch (const NondeterministicScenario& e) {
            out.findings.push_back(Finding{Report{ReportKind::internal_error,
                                                  std::string("the scenario is not deterministic: ") + e.what() + ". " +
                                                      nondeterminism_advice,
                                                  {}, seed, 1},
                                           {}, nullptr, {}});
            break;
        }
        const bool more = strategy->end_execution();
        ++out.executions;
        if (options.progress && out.executions % 1000 == 0) options.progress(out.executions);
        const auto token = schedule_token(scenario, options.params, options.time_model, result);

        auto key = outcome_key(result.outcome, options.outcome_with_output ? result.output : std::vector<std::string>{});
        auto [it, fresh] = outcomes.try_emplace(key);
        if (fresh) {
            it->second.state = result.outcome;
            if (options.outcome_with_output) it->second.output = result.output;
            it->second.schedule = token;
            it->second.seed = seed;
            outcome_witness.emplace(key, result);
        }
        ++it->second.count;

        auto reports = execution_reports(result);
        for (auto& report : reports) {
            report.schedule = token;
            report.seed = seed;
            add_finding(std::move(report), result, false);
        }
        if (options.stop_on_first && !out.findings.empty()) break;
        if (!more) {
            out.exhausted = true;
            break;
        }
    }

    for (auto& [key, outcome] : outcomes) out.outcomes.push_back(outcome);
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
        const auto second = std::next(outcomes.begin());
        add_finding(Report{ReportKind::divergence, message, second->second.schedule, second->second.seed, 1},
                    outcome_witness.at(second->first), true);
        out.findings.back().report.count = out.executions;
    }
    if (scenario.serializable && !outcome_witness.empty()) {
        out.serial_outcomes =
            serial_outcomes(scenario, options.params, options.max_steps, outcome_witness.begin()->second);
        std::string serial_text;
        for (const auto& state : *out.serial_outcomes) serial_text += (serial_text.empty() ? "" : " or ") + state_text(state);
        for (const auto& [key, outcome] : outcomes) {
            if (std::find(out.serial_outcomes->begin(), out.serial_outcomes->end(), outcome.state) !=
                out.serial_outcomes->end())
                continue;
            Report report{ReportKind::not_serializable,
                          fmt::format("outcome {} is produced by no serial order of the gathered tasks; serial "
                                      "orders give {}",
                                      state_text(outcome.state), serial_text),
                          outcome.schedule, outcome.seed, outcome.count};
            add_finding(report, outcome_witness.at(key), true);
            out.findings.back().report.count = outcome.count;
        }
    }
    out.elapsed_s = std::chrono::duration<double>(Clock::now() - started).count();
    return out;
}

}  // namespace interleave
