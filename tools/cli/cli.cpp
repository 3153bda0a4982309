#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/cli.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

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

int list_command() {
    for (const auto& [name, scenario] : scenarios()) {
        std::string line = name;
        line.resize(std::max<std::size_t>(line.size() + 1, 24), ' ');
        std::string section = scenario.section.empty() ? "-" : scenario.section;
        section.resize(8, ' ');
        line += section + scenario.description;
        for (const auto& p : scenario.params)
            line += " [--param " + p.name + "=N, default " + std::to_string(p.default_value) + ": " + p.help + "]";
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
        std::string task = violation.task ? result.tasks.at(*violation.task).name : "the loop";
        spdlog::error("invariant violated in {} at step {}: {}", task, violation.step, violation.message);
    }
}

int run_command(const std::string& name, const std::vector<std::string>& assignments) {
    const auto& scenario = scenario_named(name);
    auto params = parse_params(scenario, assignments);
    AsyncioDefaultStrategy strategy;
    RuntimeOptions options;
    options.record_events = false;
    auto result = execute(scenario, params, strategy, options);
    for (const auto& line : result.output) std::cout << line << '\n';
    std::cout.flush();
    report_verdict(result);
    return result.verdict == Verdict::completed && result.violations.empty() ? 0 : 1;
}

}  // namespace

int cli_main(int argc, char** argv) {
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
        if (*run) return run_command(run_name, run_params);
    } catch (const UsageError& e) {
        spdlog::error("{}", e.what());
        return 2;
    } catch (const std::exception& e) {
        spdlog::error("internal error: {}", e.what());
        return 3;
    }
    return 2;
}

}  // namespace interleave
