#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/cli.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/asyncio_default.hpp>
#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/replay.hpp>
#include <interleave/scheduler/schedule_token.hpp>
#include <interleave/scheduler/trace.hpp>

namespace interleave {
namespace {

/// A user mistake: reported in one line, exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const Scenario& scenario_named(const std::string& name) {
    if (const auto* scenario = find_scenario(name)) return *scenario;
    throw UsageError("unknown scenario '" + name + "' (see `interleave list`)");
}

Params parse_params(const Scenario& scenario, const std::vector<std::string>& assignments) {
    std::map<std::string, std::int64_t, std::less<>> given;
    for (const auto& assignment : assignments) {
        auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError("--param expects NAME=VALUE, got '" + assignment + "'");
        auto name = assignment.substr(0, eq);
        auto text = assignment.substr(eq + 1);
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc{} || end != text.data() + text.size())
            throw UsageError("--param " + name + ": '" + text + "' is not an integer");
        given[name] = value;
    }
    try {
        return resolve_params(scenario, given);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
}

/// ", 1 to 1000": a parameter's range, when it declares one.
std::string range_text(const ScenarioParam& param) {
    const bool from_any = param.minimum == std::numeric_limits<std::int64_t>::min();
    const bool to_any = param.maximum == std::numeric_limits<std::int64_t>::max();
    if (from_any && to_any) return "";
    if (to_any) return ", at least " + std::to_string(param.minimum);
    if (from_any) return ", at most " + std::to_string(param.maximum);
    return ", " + std::to_string(param.minimum) + " to " + std::to_string(param.maximum);
}

int list_command() {
    std::size_t width = 0;
    for (const auto& [name, scenario] : scenarios()) width = std::max(width, name.size() + 2);
    for (const auto& [name, scenario] : scenarios()) {
        std::string line = name;
        line.resize(width, ' ');
        std::string section = scenario.section.empty() ? "-" : scenario.section;
        section.resize(8, ' ');
        line += section + scenario.description;
        for (const auto& p : scenario.params)
            line += " [--param " + p.name + "=N, default " + std::to_string(p.default_value) + range_text(p) + ": " +
                    p.help + "]";
        std::cout << line << '\n';
    }
    return 0;
}

void report_verdict(const ExecutionResult& result) {
    switch (result.verdict) {
        case Verdict::completed: break;
        case Verdict::deadlock:
            spdlog::error("deadlock: no task can run and no timer is pending, at virtual time {}s, step {}",
                          static_cast<double>(result.end_time.count()) / 1e9, result.steps);
            for (const auto& blocked : result.blocked)
                spdlog::error("  {} waits on {}", blocked.name, blocked.waits_on);
            break;
        case Verdict::step_limit: spdlog::error("step limit: more than {} task steps (livelock?)", result.steps - 1); break;
        case Verdict::uncaught_exception: spdlog::error("the scenario raised {}", result.error); break;
    }
    for (const auto& violation : result.violations) {
        const std::string_view task = violation.task ? result.tasks.at(*violation.task).name : "the loop";
        spdlog::error("invariant violated in {} at step {}: {}", task, violation.step, violation.message);
    }
}

int run_command(const std::string& name, const std::vector<std::string>& assignments, std::uint64_t max_steps) {
    const auto& scenario = scenario_named(name);
    auto params = parse_params(scenario, assignments);
    AsyncioDefaultStrategy strategy;
    RuntimeOptions options;
    options.record_events = false;
    options.max_steps = max_steps;
    auto result = execute(scenario, params, strategy, options);
    for (const auto& line : result.output) std::cout << line << '\n';
    std::cout.flush();
    report_verdict(result);
    return result.verdict == Verdict::completed && result.violations.empty() ? 0 : 1;
}

using json = nlohmann::ordered_json;

std::string param_flags(const Params& params, const Scenario& scenario) {
    std::string flags;
    for (const auto& declared : scenario.params) {
        auto value = params.at(declared.name);
        if (value != declared.default_value) flags += " --param " + declared.name + "=" + std::to_string(value);
    }
    return flags;
}

/// The command line's name in the replay commands it prints: "interleave", or the name of a
/// user's executable built with interleave::main (its own scenarios are not interleave's).
std::string program_name = "interleave";

std::string replay_command(const Scenario& scenario, const Params& params, const Report& report,
                           const ExploreOptions& options) {
    // (The step limit too, when not the default: an execution it stopped stops there again.)
    const std::string step_limit =
        options.max_steps == ExploreOptions{}.max_steps ? "" : " --max-steps " + std::to_string(options.max_steps);
    if (report.seed) {
        std::string command = program_name + " replay " + scenario.name + " --strategy " + options.strategy +
                              " --seed " + std::to_string(*report.seed);
        if (options.strategy == "pct") command += " --depth " + std::to_string(options.depth);
        if (options.time_model == TimeModel::relaxed) command += " --time relaxed";
        return command + param_flags(params, scenario) + step_limit;
    }
    return program_name + " replay " + scenario.name + " --schedule " + report.schedule +
           param_flags(params, scenario) + step_limit;
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw UsageError("cannot write '" + path + "'");
    out << bytes;
    if (!out) throw UsageError("cannot write '" + path + "'");
}

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ExploreArgs {
    std::string scenario;
    std::vector<std::string> params;
    std::string strategy = "dpor";
    std::optional<std::uint64_t> executions;
    std::uint64_t seed = 0;
    int depth = 3;
    std::optional<int> preemption_bound;
    std::string time = "strict";
    std::string outcome = "state";
    bool json_output = false;
    std::string trace_dir;
    bool stop_on_first = false;
    std::optional<double> time_budget;
    std::uint64_t max_steps = 100000;
    std::size_t jobs = 1;
    // Given on the command line (they apply to some strategies only):
    bool seed_given = false;
    bool depth_given = false;
};

TimeModel time_model_named(const std::string& name) { return name == "relaxed" ? TimeModel::relaxed : TimeModel::strict; }

// Ctrl-C while exploring ends the exploration early with what it found so far (an exploration
// of long executions can run for hours); a second Ctrl-C ends the program as usual.
std::atomic<bool> interrupt_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);  // (what a signal handler may touch)

void request_interrupt(int) { interrupt_requested.store(true); }

/// SIGINT requests the stop while it lives, once (SA_RESETHAND), unless it was ignored (a
/// background job's): then it stays ignored.
class InterruptStopsExploring {
public:
    InterruptStopsExploring() {
        interrupt_requested.store(false);
        if (sigaction(SIGINT, nullptr, &previous_) != 0 || previous_.sa_handler == SIG_IGN) return;
        struct sigaction action {};
        action.sa_handler = request_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        installed_ = sigaction(SIGINT, &action, nullptr) == 0;
    }
    ~InterruptStopsExploring() {
        if (installed_) sigaction(SIGINT, &previous_, nullptr);
    }
    InterruptStopsExploring(const InterruptStopsExploring&) = delete;
    InterruptStopsExploring& operator=(const InterruptStopsExploring&) = delete;

private:
    struct sigaction previous_ {};
    bool installed_ = false;
};

/// What ended an exploration early, as the JSON result names it (null: nothing did).
json cut_short_name(CutShort why) {
    switch (why) {
        case CutShort::time_budget:
            return "time_budget";
        case CutShort::stop_requested:
            return "interrupted";  // (the command line's stop request is Ctrl-C)
        case CutShort::no:
            break;
    }
    return nullptr;
}

int explore_command(const ExploreArgs& args) {
    const auto& scenario = scenario_named(args.scenario);
    ExploreOptions options;
    options.strategy = args.strategy;
    options.executions = args.executions;
    options.seed = args.seed;
    options.depth = args.depth;
    options.preemption_bound = args.preemption_bound;
    options.time_model = time_model_named(args.time);
    options.outcome_with_output = args.outcome == "output";
    options.params = parse_params(scenario, args.params);
    options.stop_on_first = args.stop_on_first;
    options.time_budget_s = args.time_budget;
    options.max_steps = args.max_steps;
    options.jobs = args.jobs;
    if (args.preemption_bound && args.strategy != "dfs" && args.strategy != "dpor")
        throw UsageError("--preemption-bound applies to --strategy dpor and dfs");
    if (args.seed_given && args.strategy != "random" && args.strategy != "pct")
        throw UsageError("--seed applies to --strategy random and pct");
    if (args.depth_given && args.strategy != "pct") throw UsageError("--depth applies to --strategy pct");
    if (args.executions && *args.executions == 0) throw UsageError("--executions must be at least 1");
    if (isatty(STDERR_FILENO)) {
        auto started = std::chrono::steady_clock::now();
        options.progress = [started](std::uint64_t executions) {
            if (std::chrono::steady_clock::now() - started > std::chrono::seconds(1))
                std::fprintf(stderr, "\r%llu executions... (Ctrl-C: stop and report)",
                             static_cast<unsigned long long>(executions));
        };
    }
    options.stop_requested = &interrupt_requested;
    const auto result = [&] {
        const InterruptStopsExploring interrupt_stops;
        return explore(scenario, options);
    }();
    if (options.progress) std::fprintf(stderr, "\r\033[K");

    if (!args.trace_dir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(args.trace_dir, error);
        if (error) throw UsageError("cannot create --trace-dir '" + args.trace_dir + "': " + error.message());
        int n = 0;
        for (const auto& finding : result.findings) {
            ++n;
            if (!finding.witness) continue;
            char name[64];
            std::snprintf(name, sizeof name, "%02d-%s.json", n, to_string(finding.report.kind).c_str());
            write_file((std::filesystem::path(args.trace_dir) / name).string(), trace_bytes(finding.trace()));
        }
    }

    bool internal = false;
    for (const auto& finding : result.findings) internal |= finding.report.kind == ReportKind::internal_error;

    if (args.json_output) {
        json out;
        out["scenario"] = result.scenario;
        json params = json::object();
        for (const auto& [name, value] : options.params) params[name] = value;
        out["params"] = params;
        out["strategy"] = result.strategy;
        out["time_model"] = to_string(result.time_model);
        out["seed"] = (args.strategy == "dfs" || args.strategy == "dpor") ? json(nullptr) : json(args.seed);
        out["executions"] = result.executions;
        out["exhausted"] = result.exhausted;
        out["cut_short"] = cut_short_name(result.cut_short);
        out["elapsed_s"] = result.elapsed_s;
        json outcomes = json::array();
        for (const auto& outcome : result.outcomes) {
            json o;
            o["state"] = outcome.state;
            if (options.outcome_with_output) o["output"] = outcome.output;
            o["count"] = outcome.count;
            o["schedule"] = outcome.schedule;
            if (outcome.seed) o["seed"] = *outcome.seed;
            outcomes.push_back(o);
        }
        out["outcomes"] = outcomes;
        if (result.serial_outcomes) out["serial_outcomes"] = *result.serial_outcomes;
        json reports = json::array();
        for (const auto& finding : result.findings) {
            json r;
            r["kind"] = to_string(finding.report.kind);
            r["message"] = finding.report.message;
            r["schedule"] = finding.report.schedule;
            if (finding.report.seed) r["seed"] = *finding.report.seed;
            r["count"] = finding.report.count;
            r["replay"] = replay_command(scenario, options.params, finding.report, options);
            reports.push_back(r);
        }
        out["reports"] = reports;
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << "explore " << result.scenario << ": " << result.executions << " executions, " << result.strategy
                  << ", " << to_string(result.time_model) << " time, "
                  << (result.exhausted ? "exhausted" : "not exhausted")
                  << (result.cut_short == CutShort::time_budget      ? " (stopped by --time-budget)"
                      : result.cut_short == CutShort::stop_requested ? " (interrupted)"
                                                                     : "")
                  << '\n';
        std::cout << "outcomes (" << result.outcomes.size() << "):\n";
        for (const auto& outcome : result.outcomes) {
            std::cout << "  " << outcome.state.dump() << "  " << outcome.count << " executions  schedule "
                      << outcome.schedule << '\n';
            for (const auto& line : outcome.output) std::cout << "      | " << line << '\n';
        }
        if (result.serial_outcomes) {
            std::string serial;
            for (const auto& state : *result.serial_outcomes) serial += (serial.empty() ? "" : ", ") + state.dump();
            std::cout << "serial orders give: " << serial << '\n';
        }
        if (result.findings.empty()) {
            std::cout << "no reports\n";
        } else {
            std::cout << "reports (" << result.findings.size() << "):\n";
            for (const auto& finding : result.findings) {
                std::cout << "  " << to_string(finding.report.kind) << " (" << finding.report.count
                          << (finding.report.count == 1 ? " execution" : " executions") << "): " << finding.report.message
                          << '\n';
                if (!finding.report.schedule.empty() || finding.report.seed)
                    std::cout << "    replay: " << replay_command(scenario, options.params, finding.report, options) << '\n';
            }
        }
    }
    if (internal) return 3;
    return result.findings.empty() ? 0 : 1;
}

struct ReplayArgs {
    std::string target;
    std::vector<std::string> params;
    std::string schedule;
    std::string strategy;
    std::optional<std::uint64_t> seed;
    int depth = 3;
    std::string time = "strict";
    std::string trace_file;
    std::uint64_t max_steps = 100000;
    bool max_steps_given = false;
    // Given on the command line (they apply to a --seed replay only):
    bool strategy_given = false;
    bool depth_given = false;
    bool time_given = false;
};

/// The step limit a trace file replays under when --max-steps is not given: the one it was
/// recorded with where its verdict shows it (an execution past the limit stops at the limit's
/// next step), else the default unless the execution was longer.
std::uint64_t recorded_step_limit(const json& trace, const std::string& path, std::uint64_t default_limit) {
    try {
        const auto steps = trace.at("steps").get<std::uint64_t>();
        if (trace.at("verdict").get<std::string>() == "step_limit") {
            if (steps == 0) throw UsageError("'" + path + "': a step_limit trace of no steps");
            return steps - 1;
        }
        return std::max(default_limit, steps);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError("'" + path + "': malformed trace: " + e.what());
    }
}

bool is_trace_file(const std::string& target) {
    return target.size() > 5 && target.substr(target.size() - 5) == ".json";
}

json parse_trace_file(const std::string& path) {
    auto text = read_whole_file(path);
    try {
        return json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw UsageError("'" + path + "' is not valid JSON: not an interleave trace");
    }
}

int finish_replay(const TraceHeader& header, const ExecutionResult& result, const std::vector<Report>& carried,
                  const std::string& trace_file) {
    for (const auto& line : result.output) std::cout << line << '\n';
    std::cout.flush();
    auto trace = trace_json(header, result, carried);
    if (!trace_file.empty()) write_file(trace_file, trace_bytes(trace));
    auto reports = execution_reports(result);
    for (const auto& report : reports) spdlog::error("{}: {}", to_string(report.kind), report.message);
    return reports.empty() ? 0 : 1;
}

int replay_command(const ReplayArgs& args) {
    if (is_trace_file(args.target)) {
        if (!args.schedule.empty() || args.seed || !args.params.empty() || args.strategy_given || args.depth_given ||
            args.time_given)
            throw UsageError(
                "replaying a trace file takes no --schedule, --seed, --strategy, --depth, --time or --param: the trace "
                "has them");
        auto original = parse_trace_file(args.target);
        TraceHeader header;
        std::vector<Report> carried;
        try {
            header = read_trace_header(original);
            carried = read_carried_reports(original);
        } catch (const BadTrace& e) {
            throw UsageError("'" + args.target + "': " + e.what());
        }
        const auto& scenario = scenario_named(header.scenario);
        try {
            header.params = resolve_params(scenario, {header.params.begin(), header.params.end()});
        } catch (const std::invalid_argument& e) {
            throw UsageError("'" + args.target + "': " + e.what());
        }
        const auto max_steps =
            args.max_steps_given ? args.max_steps : recorded_step_limit(original, args.target, args.max_steps);
        auto result = replay_schedule(scenario, header.params, header.schedule, max_steps);
        auto bytes = trace_bytes(trace_json(header, result, carried));
        const int code = finish_replay(header, result, carried, args.trace_file);
        if (bytes != read_whole_file(args.target)) {
            spdlog::error("the replay does not reproduce '{}' byte for byte: the scenario or interleave changed since "
                          "it was recorded, or the file was edited",
                          args.target);
            return 1;
        }
        spdlog::info("reproduced '{}' byte for byte", args.target);
        return code;
    }
    const auto& scenario = scenario_named(args.target);
    auto params = parse_params(scenario, args.params);
    if (!args.schedule.empty()) {
        if (args.seed) throw UsageError("give --schedule or --seed, not both");
        if (args.strategy_given || args.depth_given || args.time_given)
            throw UsageError(
                "--strategy, --depth and --time apply to a --seed replay (a schedule token holds its time model)");
        auto result = replay_schedule(scenario, params, args.schedule, args.max_steps);
        auto schedule = decode_schedule(args.schedule);
        return finish_replay(TraceHeader{scenario.name, params, "replay", std::nullopt, args.schedule, schedule.time_model},
                             result, {}, args.trace_file);
    }
    if (!args.seed) throw UsageError("replay needs --schedule TOKEN, --strategy random|pct --seed S, or a trace file");
    if (args.strategy != "random" && args.strategy != "pct")
        throw UsageError("--seed replays --strategy random or --strategy pct");
    if (args.depth_given && args.strategy != "pct") throw UsageError("--depth applies to --strategy pct");
    const auto model = time_model_named(args.time);
    auto result = replay_seed(scenario, params, args.strategy, *args.seed, args.depth, model, args.max_steps);
    auto token = schedule_token(scenario, params, model, result);
    return finish_replay(TraceHeader{scenario.name, params, args.strategy, args.seed, token, model}, result, {},
                         args.trace_file);
}

struct TraceArgs {
    std::string target;
    std::vector<std::string> params;
    std::string schedule;
    std::string format = "json";
    std::string output;
    std::uint64_t max_steps = 100000;
};

int trace_command(const TraceArgs& args) {
    json trace;
    if (is_trace_file(args.target)) {
        trace = parse_trace_file(args.target);
        try {
            read_trace_header(trace);
        } catch (const BadTrace& e) {
            throw UsageError("'" + args.target + "': " + e.what());
        }
    } else {
        if (args.schedule.empty()) throw UsageError("trace needs --schedule TOKEN (from explore) or a trace file");
        const auto& scenario = scenario_named(args.target);
        auto params = parse_params(scenario, args.params);
        auto result = replay_schedule(scenario, params, args.schedule, args.max_steps);
        trace = trace_json(TraceHeader{scenario.name, params, "replay", std::nullopt, args.schedule,
                                       decode_schedule(args.schedule).time_model},
                           result);
    }
    std::string bytes;
    try {
        if (args.format == "json")
            bytes = trace_bytes(trace);
        else if (args.format == "chrome")
            bytes = chrome_trace(trace).dump(1) + "\n";
        else
            bytes = text_timeline(trace);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError("'" + args.target + "' is a corrupt trace: " + e.what());
    }
    if (args.output.empty())
        std::cout << bytes;
    else
        write_file(args.output, bytes);
    return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
    if (argc > 0 && argv[0] && *argv[0]) {
        const auto name = std::filesystem::path(argv[0]).filename().string();
        if (!name.empty()) program_name = name;
    }
    auto logger = spdlog::stderr_logger_st("interleave");
    logger->set_pattern("%l: %v");
    spdlog::set_default_logger(logger);
    register_builtin_scenarios();

    CLI::App app{"interleave: a deterministic concurrency simulator and race detector for coroutine programs"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Show the help of every command");

    auto* list = app.add_subcommand("list", "List the scenarios: name, chapter section, description, parameters");

    std::string run_name;
    std::vector<std::string> run_params;
    auto* run = app.add_subcommand("run", "Run a scenario once, under CPython asyncio's own schedule");
    run->add_option("scenario", run_name, "Scenario name")->required();
    run->add_option("--param", run_params, "Set a scenario parameter, NAME=VALUE")->type_name("NAME=VALUE");
    std::uint64_t run_max_steps = 100000;

    // Digits only: CLI11 would read "-3" into an unsigned as a huge number.
    const CLI::Validator whole_number(
        [](std::string& text) {
            const bool digits = !text.empty() && text.size() <= 20 &&
                                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            return digits ? std::string() : "'" + text + "' is not a whole number";
        },
        "N");

    run->add_option("--max-steps", run_max_steps, "Task steps before the execution is a livelock")
        ->check(whole_number & CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));

    // A number of seconds above zero (CLI11's PositiveNumber names the whole range of a double).
    const CLI::Validator positive_seconds(
        [](std::string& text) {
            char* end = nullptr;
            const double seconds = std::strtod(text.c_str(), &end);
            const bool positive = !text.empty() && end == text.c_str() + text.size() && seconds > 0 &&
                                  seconds <= 1e9;  // (also refuses nan and inf)
            return positive ? std::string() : "'" + text + "' is not a number of seconds above 0";
        },
        "S");

    ExploreArgs explore_args;
    auto* explore_cmd = app.add_subcommand("explore", "Run a scenario under many interleavings and report what differs");
    explore_cmd->add_option("scenario", explore_args.scenario, "Scenario name")->required();
    explore_cmd->add_option("--strategy", explore_args.strategy, "dpor (exhaustive, one execution per Mazurkiewicz trace; the default), dfs (every interleaving), random or pct")
        ->check(CLI::IsMember({"dpor", "dfs", "random", "pct"}));
    explore_cmd->add_option("--executions", explore_args.executions, "Stop after N executions")
        ->check(whole_number);
    auto* explore_seed =
        explore_cmd->add_option("--seed", explore_args.seed, "Seed of random and pct runs")->check(whole_number);
    auto* explore_depth =
        explore_cmd->add_option("--depth", explore_args.depth, "pct bug depth d (d-1 priority change points)")
            ->check(CLI::Range(1, 64));
    explore_cmd
        ->add_option("--jobs", explore_args.jobs,
                     "Worker threads (results are those of one worker; --stop-on-first uses one)")
        ->check(CLI::Range(1, 256));
    explore_cmd->add_option("--preemption-bound", explore_args.preemption_bound, "dpor, dfs: at most K preemptions a path")
        ->check(CLI::Range(0, 1000));
    explore_cmd->add_option("--time", explore_args.time, "strict: timers fire in deadline order; relaxed: any order")
        ->check(CLI::IsMember({"strict", "relaxed"}));
    explore_cmd->add_option("--outcome", explore_args.outcome, "state (Shared values) or output (also printed lines)")
        ->check(CLI::IsMember({"state", "output"}));
    explore_cmd->add_option("--param", explore_args.params, "Set a scenario parameter")->type_name("NAME=VALUE");
    explore_cmd->add_flag("--json", explore_args.json_output, "Print one JSON object");
    explore_cmd->add_option("--trace-dir", explore_args.trace_dir, "Write the trace of each report's witness here");
    explore_cmd->add_flag("--stop-on-first", explore_args.stop_on_first, "Stop at the first report");
    explore_cmd->add_option("--time-budget", explore_args.time_budget, "Stop after S seconds of wall time")
        ->check(positive_seconds);
    explore_cmd->add_option("--max-steps", explore_args.max_steps, "Task steps before an execution is a livelock")
        ->check(whole_number & CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));

    ReplayArgs replay_args;
    auto* replay_cmd = app.add_subcommand("replay", "Replay one execution: a schedule token, a seed, or a trace file");
    replay_cmd->add_option("target", replay_args.target, "Scenario name, or a FILE.json trace")->required();
    replay_cmd->add_option("--schedule", replay_args.schedule, "Schedule token printed by explore");
    auto* replay_strategy = replay_cmd->add_option("--strategy", replay_args.strategy, "random or pct, with --seed")
                                ->check(CLI::IsMember({"random", "pct"}));
    replay_cmd->add_option("--seed", replay_args.seed, "Execution seed printed by explore")
        ->check(whole_number);
    auto* replay_depth = replay_cmd->add_option("--depth", replay_args.depth, "pct depth")->check(CLI::Range(1, 64));
    auto* replay_time = replay_cmd->add_option("--time", replay_args.time, "Time model of a --seed replay")
                            ->check(CLI::IsMember({"strict", "relaxed"}));
    replay_cmd->add_option("--param", replay_args.params, "Set a scenario parameter")->type_name("NAME=VALUE");
    replay_cmd->add_option("--trace", replay_args.trace_file, "Write the execution's trace (JSON) here");
    auto* replay_max_steps =
        replay_cmd
            ->add_option("--max-steps", replay_args.max_steps,
                         "Task steps before an execution is a livelock (a trace file: the one it was recorded with)")
            ->check(whole_number & CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));

    TraceArgs trace_args;
    auto* trace_cmd = app.add_subcommand("trace", "Write an execution's trace as JSON, Chrome trace events or text");
    trace_cmd->add_option("target", trace_args.target, "Scenario name, or a FILE.json trace to convert")->required();
    trace_cmd->add_option("--schedule", trace_args.schedule, "Schedule token printed by explore");
    trace_cmd->add_option("--param", trace_args.params, "Set a scenario parameter")->type_name("NAME=VALUE");
    trace_cmd->add_option("--format", trace_args.format, "json, chrome (Perfetto) or text")
        ->check(CLI::IsMember({"json", "chrome", "text"}));
    trace_cmd->add_option("-o,--output", trace_args.output, "Write to FILE instead of stdout");
    trace_cmd->add_option("--max-steps", trace_args.max_steps, "Task steps before an execution is a livelock")
        ->check(whole_number & CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        spdlog::error("{} (see `interleave --help`)", message);
        return 2;
    }

    try {
        if (*list) return list_command();
        if (*run) return run_command(run_name, run_params, run_max_steps);
        if (*explore_cmd) {
            explore_args.seed_given = explore_seed->count() > 0;
            explore_args.depth_given = explore_depth->count() > 0;
            return explore_command(explore_args);
        }
        if (*replay_cmd) {
            replay_args.max_steps_given = replay_max_steps->count() > 0;
            replay_args.strategy_given = replay_strategy->count() > 0;
            replay_args.depth_given = replay_depth->count() > 0;
            replay_args.time_given = replay_time->count() > 0;
            return replay_command(replay_args);
        }
        if (*trace_cmd) return trace_command(trace_args);
    } catch (const UsageError& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const BadSchedule& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const ScheduleMismatch& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const BadTrace& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::error("internal error: {}", e.what());
        return 3;
    }
    return 2;
}

}  // namespace interleave
