// The command line as a user runs it: stdout, stderr and exit codes of the built binary.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/python.hpp"

namespace interleave {
namespace {

struct Run {
    std::string out;
    std::string err;
    int status;
};

/// `program` (a command line built with interleave::main) run with `args`.
Run run_program(const std::string& program, const std::string& args) {
    static int counter = 0;
    // ctest runs tests as parallel processes: the pid keeps their files apart.
    std::string err_path = ::testing::TempDir() + "cli_err_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto result = testing::run_command(program + " " + args + " 2>" + err_path);
    Run run{result.out, testing::read_file(err_path), result.status};
    std::filesystem::remove(err_path);
    return run;
}

Run cli(const std::string& args) { return run_program(INTERLEAVE_CLI, args); }

TEST(Cli, ListShowsEveryChapterScenarioWithSection) {
    auto r = cli("list");
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("counter_race"), std::string::npos);
    EXPECT_NE(r.out.find("11.2.1"), std::string::npos);
    EXPECT_NE(r.out.find("--param tasks=N, default 3"), std::string::npos);
    EXPECT_NE(r.out.find("async_cache"), std::string::npos);
}

TEST(Cli, RunPrintsOnlyTheScenarioLines) {
    auto r = cli("run counter_race");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "Valor final del contador: 1\n");
    EXPECT_EQ(r.err, "");
}

TEST(Cli, RunTakesParameters) {
    auto r = cli("run counter_race --param tasks=5");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "Valor final del contador: 1\n");
}

TEST(Cli, RunStopsALivelockAtItsStepLimit) {
    auto r = cli("run livelock --max-steps 50");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "error: step limit: more than 50 task steps (livelock?)\n");
    EXPECT_EQ(cli("run livelock --max-steps 0").status, 2);
}

TEST(Cli, RunOfTheHangingExampleReportsTheDeadlockAndExitsOne) {
    auto r = cli("run producer_two_consumers");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 20);
    EXPECT_NE(r.err.find("deadlock"), std::string::npos);
    EXPECT_NE(r.err.find("named_consumer#2 waits on Queue.get (empty) 'queue'"), std::string::npos) << r.err;
}

TEST(Cli, AUsersExecutableOfTheirOwnScenariosIsTheCommandLineForThem) {
    // README's example (tests/tools/user_checks.cpp), linked with interleave::main.
    const auto run = [](const std::string& args) { return run_program(INTERLEAVE_USER_CLI, args); };
    auto listed = run("list");
    EXPECT_EQ(listed.status, 0);
    EXPECT_NE(listed.out.find("my_race"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("three unsynchronized increments"), std::string::npos) << listed.out;
    EXPECT_EQ(run("run my_race").out, "Valor final del contador: 1\n");
    auto explored = run("explore my_race");
    EXPECT_EQ(explored.status, 1);
    EXPECT_NE(explored.out.find("explore my_race: 6 executions, dpor, strict time, exhausted"), std::string::npos)
        << explored.out;
    EXPECT_NE(explored.out.find("lost_update"), std::string::npos) << explored.out;
    // Its replay commands name it, not interleave (which has no my_race).
    EXPECT_NE(explored.out.find("replay: user_checks replay my_race --schedule v1."), std::string::npos)
        << explored.out;
    // INTERLEAVE_SCENARIO_WITH: a parameter with its range, and the serializability check.
    EXPECT_NE(listed.out.find("[--param tasks=N, default 3, 1 to 100: number of increments]"), std::string::npos)
        << listed.out;
    auto counted = run("explore my_counted_race --param tasks=2");
    EXPECT_EQ(counted.status, 1);
    EXPECT_NE(counted.out.find("not_serializable (2 executions): outcome {\"counter\":1} is produced by no serial "
                               "order of the gathered tasks; serial orders give {\"counter\":2}"),
              std::string::npos)
        << counted.out;
    EXPECT_EQ(run("explore my_counted_race --param tasks=101").status, 2);
}

TEST(Cli, ReadmesScenarioExampleIsTheOneTheTestsBuild) {
    const std::string root = INTERLEAVE_SOURCE_DIR;
    const auto readme = testing::read_file(root + "/README.md");
    const auto section = readme.find("## Writing scenarios");
    ASSERT_NE(section, std::string::npos);
    const auto begin = readme.find("```cpp\n", section);
    ASSERT_NE(begin, std::string::npos);
    const auto end = readme.find("```", begin + 7);
    const auto example = readme.substr(begin + 7, end - (begin + 7));
    auto source = testing::read_file(root + "/tests/tools/user_checks.cpp");
    source.erase(0, source.find("#include"));  // (after its two lines of comment)
    EXPECT_EQ(example, source);
}

TEST(Cli, BadUsageIsOneLineAndExitTwo) {
    for (const char* args :
         {"run no_such_scenario", "run counter_race --param tasks=x", "run counter_race --param bogus=1",
          "run counter_race --param tasks", "frobnicate", "run", "explore lastzero --param n=-1",  // (it crashed)
          "explore counter_race --param tasks=0", "run readers --param n=1001"}) {
        auto r = cli(args);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
        EXPECT_EQ(r.out, "") << args;
    }
}


// A file or directory of this test process, removed when the test is done with it (and before, in case a
// killed run left it behind), so that repeated runs of the suite leave nothing in the temporary directory.
struct ScratchPath {
    explicit ScratchPath(const std::string& name)
        : path(::testing::TempDir() + "interleave_cli_" + std::to_string(getpid()) + "_" + name) {
        std::filesystem::remove_all(path);
    }
    ~ScratchPath() { std::filesystem::remove_all(path); }
    ScratchPath(const ScratchPath&) = delete;
    ScratchPath& operator=(const ScratchPath&) = delete;

    const std::string path;
};

/// The trace --trace-dir wrote into `dir` for a report of `kind` (its file name holds the kind),
/// or "" when there is none.
std::string trace_of(const std::string& dir, const std::string& kind) {
    std::string path;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().string().find(kind) != std::string::npos) path = entry.path().string();
    return path;
}

TEST(CliExplore, DfsRunsEveryInterleaving) {
    auto r = cli("explore counter_race --strategy dfs");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("36 executions, dfs, strict time, exhausted"), std::string::npos) << r.out;
}

TEST(CliExplore, DporTakesAPreemptionBound) {
    auto r = cli("explore lost_update --preemption-bound 0");
    EXPECT_NE(r.out.find("dpor, strict time, exhausted"), std::string::npos) << r.out;
    auto bad = cli("explore lost_update --strategy random --preemption-bound 1");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("--preemption-bound applies to --strategy dpor and dfs"), std::string::npos) << bad.err;
}

TEST(CliExplore, CounterRaceReportsNotSerializableWithAReplayCommand) {
    auto r = cli("explore counter_race");
    EXPECT_EQ(r.status, 1);
    // dpor by default: one execution per trace, 3! orders of the writes at t=0.1
    EXPECT_NE(r.out.find("6 executions, dpor, strict time, exhausted"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not_serializable"), std::string::npos);
    EXPECT_NE(r.out.find("replay: interleave replay counter_race --schedule v1."), std::string::npos);
}

TEST(CliExplore, JsonHasTheAgreedFields) {
    auto r = cli("explore counter_race --time relaxed --json");
    EXPECT_EQ(r.status, 1);
    auto out = nlohmann::json::parse(r.out);
    for (const char* key : {"scenario", "strategy", "time_model", "executions", "exhausted", "cut_short", "elapsed_s",
                            "outcomes", "reports"})
        EXPECT_TRUE(out.contains(key)) << key;
    EXPECT_TRUE(out["cut_short"].is_null());  // (exhausted)
    EXPECT_EQ(out["time_model"], "relaxed");
    EXPECT_EQ(out["outcomes"].size(), 3u);
    for (const auto& outcome : out["outcomes"]) {
        EXPECT_TRUE(outcome.contains("state"));
        EXPECT_TRUE(outcome.contains("count"));
        EXPECT_TRUE(outcome.contains("schedule"));
    }
    for (const auto& report : out["reports"])
        for (const char* key : {"kind", "message", "schedule", "count"}) EXPECT_TRUE(report.contains(key)) << key;
}

/// Whether process `pid` catches `signal` (its /proc status's SigCgt mask).
bool catches(pid_t pid, int signal) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (signal - 1)) & 1;
    return false;
}

TEST(CliExplore, CtrlCEndsTheExplorationWithWhatItFound) {
    // livelock's dpor search goes on for hours: Ctrl-C once it runs, and it prints its result.
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::signal(SIGINT, SIG_DFL);  // (a background job's ignored SIGINT would stay ignored)
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execl(INTERLEAVE_CLI, INTERLEAVE_CLI, "explore", "livelock", "--max-steps", "2000", "--json", nullptr);
        _exit(127);
    }
    close(out[1]);
    // Once it catches SIGINT (it is exploring), and a moment later (it has run executions).
    for (int waited = 0; waited < 600 && !catches(child, SIGINT); ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    kill(child, SIGINT);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 1);  // it found the livelock
    const auto result = nlohmann::json::parse(text);
    EXPECT_EQ(result["cut_short"], "interrupted");
    EXPECT_EQ(result["exhausted"], false);
    const auto executions = result["executions"].get<std::uint64_t>();
    EXPECT_GT(executions, 0u);
    EXPECT_LT(executions, 100000u);
    bool livelock = false;
    for (const auto& report : result["reports"])
        if (report["kind"] == "step_limit") livelock = report["count"] == executions;
    EXPECT_TRUE(livelock) << text;
}

TEST(CliExplore, TheHeaderSaysWhatCutTheSearchShort) {
    auto r = cli("explore livelock --max-steps 2000 --time-budget 0.2");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find(" dpor, strict time, not exhausted (stopped by --time-budget)\n"), std::string::npos) << r.out;
    auto json = nlohmann::json::parse(cli("explore livelock --max-steps 2000 --time-budget 0.2 --json").out);
    EXPECT_EQ(json["cut_short"], "time_budget");
}

TEST(CliExplore, CorrectlyLockedScenarioExitsZero) {
    auto r = cli("explore safe_counter --time relaxed");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("no reports"), std::string::npos);
}

TEST(CliExplore, SameSeedSameBytes) {
    auto a = cli("explore counter_race --strategy random --seed 5 --executions 50 --time relaxed");
    auto b = cli("explore counter_race --strategy random --seed 5 --executions 50 --time relaxed");
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(a.out.find("--strategy random --seed "), std::string::npos) << a.out;
}

TEST(CliExplore, NonsenseFlagsAreRefused) {
    for (const char* args :
         {"explore counter_race --strategy bogus", "explore counter_race --time sometimes",
          "explore counter_race --executions -3", "explore counter_race --executions 0",
          "explore counter_race --depth 0", "explore counter_race --strategy random --preemption-bound 2",
          // flags of other strategies, which were taken and ignored
          "explore counter_race --seed 5", "explore counter_race --strategy dfs --seed 5",
          "explore counter_race --depth 2", "explore counter_race --strategy random --depth 2",
          "explore counter_race --time-budget 0", "explore counter_race --time-budget -1",
          "explore counter_race --time-budget soon"}) {
        auto r = cli(args);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
        EXPECT_LT(r.err.size(), 160u) << args << ": " << r.err;  // (CLI11's range of a double was 300 digits)
    }
    EXPECT_EQ(cli("explore counter_race --strategy pct --seed 5 --depth 2 --executions 20").status, 1);
}

TEST(CliReplay, TraceFileReplaysByteForByte) {
    const ScratchPath dir("traces");
    auto r = cli("explore counter_race --time relaxed --trace-dir " + dir.path);
    EXPECT_EQ(r.status, 1);
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path)) {
        ++files;
        const ScratchPath copy("replayed.json");
        auto replay = cli("replay " + entry.path().string() + " --trace " + copy.path);
        EXPECT_EQ(replay.status, 1) << replay.err;  // the execution has reports
        EXPECT_NE(replay.err.find("byte for byte"), std::string::npos) << replay.err;
        EXPECT_EQ(testing::read_file(copy.path), testing::read_file(entry.path().string()));
    }
    EXPECT_GE(files, 3);
}

TEST(CliReplay, ATraceFileReplaysUnderTheStepLimitItWasRecordedWith) {
    // A livelock stopped at --max-steps 500 (not the default): its trace alone reproduces it.
    const ScratchPath dir("livelock");
    auto r = cli("explore livelock --strategy random --executions 3 --max-steps 500 --trace-dir " + dir.path);
    EXPECT_EQ(r.status, 1);
    const auto path = trace_of(dir.path, "step_limit");
    ASSERT_FALSE(path.empty()) << r.out;
    auto replay = cli("replay " + path);
    EXPECT_EQ(replay.status, 1);  // the step_limit report
    EXPECT_NE(replay.err.find("more than 500 task steps"), std::string::npos) << replay.err;
    EXPECT_NE(replay.err.find("byte for byte"), std::string::npos) << replay.err;
    // An explicit --max-steps still decides (and this one does not fit the schedule).
    EXPECT_EQ(cli("replay " + path + " --max-steps 100").status, 2);
    auto trace = nlohmann::ordered_json::parse(testing::read_file(path));
    trace["steps"] = "many";
    std::ofstream(path) << trace.dump(2) << "\n";
    auto malformed = cli("replay " + path);
    EXPECT_EQ(malformed.status, 2);
    EXPECT_EQ(std::count(malformed.err.begin(), malformed.err.end(), '\n'), 1) << malformed.err;
    EXPECT_NE(malformed.err.find("malformed trace"), std::string::npos) << malformed.err;
}

TEST(CliReplay, TheReplayCommandsExplorePrintsReproduceItsReportsUnderItsStepLimit) {
    // Explored with --max-steps 500, a livelock stops at step 501: its replay commands say so.
    for (const std::string strategy : {"random", "dpor"}) {
        auto r = cli("explore livelock --strategy " + strategy + " --executions 3 --max-steps 500 --json");
        EXPECT_EQ(r.status, 1);
        const auto out = nlohmann::json::parse(r.out);
        int replayed = 0;
        for (const auto& report : out["reports"]) {
            if (report["kind"] != "step_limit") continue;
            auto command = report["replay"].get<std::string>();
            ASSERT_EQ(command.rfind("interleave replay ", 0), 0u) << command;
            auto replay = cli(command.substr(std::string("interleave ").size()));
            EXPECT_EQ(replay.status, 1) << command << ": " << replay.err;
            EXPECT_NE(replay.err.find("more than 500 task steps"), std::string::npos) << command << ": " << replay.err;
            if (strategy == "dpor") {  // and trace writes it under that limit
                auto trace = cli("trace livelock --max-steps 500 --schedule " + report["schedule"].get<std::string>());
                ASSERT_EQ(trace.status, 0) << trace.err;
                const auto written = nlohmann::json::parse(trace.out);
                EXPECT_EQ(written["verdict"], "step_limit");
                EXPECT_EQ(written["steps"], 501);
            }
            ++replayed;
        }
        EXPECT_GE(replayed, 1) << strategy;
    }
}

TEST(CliReplay, EditedTraceDoesNotReproduce) {
    const ScratchPath dir("edited");
    cli("explore counter_race --trace-dir " + dir.path);
    const auto path = trace_of(dir.path, "not_serializable");
    ASSERT_FALSE(path.empty());
    auto trace = nlohmann::ordered_json::parse(testing::read_file(path));
    trace["output"][0] = "edited";
    std::ofstream(path) << trace.dump(2) << "\n";
    auto r = cli("replay " + path);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("does not reproduce"), std::string::npos) << r.err;
}

TEST(CliReplay, BadInputIsOneLineAndExitTwo) {
    const ScratchPath corrupt("corrupt.json");
    std::ofstream(corrupt.path) << "{\"format\": \"interleave-trace\", \"version\": 1";
    const ScratchPath foreign("foreign.json");
    std::ofstream(foreign.path) << "{\"hello\": 1}";
    auto race = cli("explore counter_race --json");
    auto token = nlohmann::json::parse(race.out)["outcomes"][0]["schedule"].get<std::string>();
    for (const std::string& args : std::vector<std::string>{
             "replay " + corrupt.path, "replay " + foreign.path, "replay /no/such/file.json",
             "replay counter_race --schedule v1.AAAA", "replay counter_race --schedule nonsense",
             "replay state_corruption --schedule " + token,
             "replay counter_race --schedule " + token + " --param tasks=4", "replay counter_race",
             "replay counter_race --seed 3", "replay no_such --schedule " + token,
             // a token holds its time model, and a seed replay's depth is pct's: these were ignored
             "replay counter_race --schedule " + token + " --time relaxed",
             "replay counter_race --schedule " + token + " --depth 2",
             "replay counter_race --schedule " + token + " --strategy pct",
             "replay counter_race --strategy random --seed 3 --depth 2",
             "replay " + corrupt.path + " --time relaxed"}) {
        auto r = cli(args);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
    }
    // (The last is refused for its flag, before the file is read: any file would be.)
    EXPECT_NE(cli("replay " + corrupt.path + " --time relaxed").err.find("takes no --schedule"), std::string::npos);
}

TEST(CliReplay, ASeedReplaysTheSameExecution) {
    auto r = cli("explore counter_race --strategy random --seed 3 --executions 30 --time relaxed --json");
    auto out = nlohmann::json::parse(r.out);
    for (const auto& outcome : out["outcomes"]) {
        auto replay = cli("replay counter_race --strategy random --time relaxed --seed " +
                          std::to_string(outcome["seed"].get<std::uint64_t>()));
        EXPECT_EQ(replay.out, "Valor final del contador: " + outcome["state"]["counter"].dump() + "\n");
    }
}

TEST(CliReplay, ALivelocksScheduleIsShortAndReplaysTheLivelock) {
    // 100,000 steps of two tasks taking turns: the token packs them (v1 spelled 133 KB).
    auto r = cli("explore livelock --stop-on-first --json");
    EXPECT_EQ(r.status, 1);
    const auto out = nlohmann::json::parse(r.out);
    const auto token = out["outcomes"][0]["schedule"].get<std::string>();
    EXPECT_EQ(token.rfind("v2.", 0), 0u);
    EXPECT_LT(token.size(), 40u) << token;
    auto replay = cli("replay livelock --schedule " + token);
    EXPECT_EQ(replay.status, 1);
    EXPECT_NE(replay.err.find("step_limit: more than 100000 task steps"), std::string::npos) << replay.err;
    auto corrupt = token;
    corrupt[4] = corrupt[4] == 'A' ? 'B' : 'A';
    auto refused = cli("replay livelock --schedule " + corrupt);
    EXPECT_EQ(refused.status, 2);
    EXPECT_EQ(refused.err, "error: schedule token is corrupt or truncated (checksum mismatch)\n");
}

TEST(CliTrace, FormatsJsonChromeAndText) {
    auto race = cli("explore counter_race --json");
    auto token = nlohmann::json::parse(race.out)["outcomes"][0]["schedule"].get<std::string>();
    auto json_trace = cli("trace counter_race --schedule " + token);
    EXPECT_EQ(json_trace.status, 0);
    auto trace = nlohmann::json::parse(json_trace.out);
    EXPECT_EQ(trace["format"], "interleave-trace");
    EXPECT_EQ(trace["schedule"], token);
    auto chrome = nlohmann::json::parse(cli("trace counter_race --format chrome --schedule " + token).out);
    EXPECT_TRUE(chrome.contains("traceEvents"));
    auto text = cli("trace counter_race --format text --schedule " + token);
    EXPECT_NE(text.out.find("write counter 1"), std::string::npos) << text.out;
    const ScratchPath file("trace.txt");
    EXPECT_EQ(cli("trace counter_race --format text -o " + file.path + " --schedule " + token).status, 0);
    EXPECT_EQ(testing::read_file(file.path), text.out);
}

TEST(CliTrace, ProducedTracesValidateAgainstTheSchema) {
    if (testing::run_command("python3 -c 'import jsonschema' 2>/dev/null").status != 0)
        GTEST_SKIP() << "python3 with jsonschema is not available";
    const ScratchPath dir("schema");
    cli("explore counter_race --time relaxed --trace-dir " + dir.path);
    cli("explore producer_two_consumers --stop-on-first --trace-dir " + dir.path + "/deadlock");
    const std::string schema = std::string(INTERLEAVE_SOURCE_DIR) + "/scheduler/schema/trace.schema.json";
    int checked = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path)) {
        if (entry.path().extension() != ".json") continue;
        ++checked;
        auto r = testing::run_command("python3 -c 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), "
                                      "json.load(open(sys.argv[2])))' '" + entry.path().string() + "' '" + schema + "' 2>&1");
        EXPECT_EQ(r.status, 0) << entry.path() << ": " << r.out;
    }
    EXPECT_GE(checked, 4);
}

}  // namespace
}  // namespace interleave
