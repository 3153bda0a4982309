// The command line as a user runs it: stdout, stderr and exit codes of the built binary.
#include <gtest/gtest.h>

#include "support/python.hpp"

namespace interleave {
namespace {

struct Run {
    std::string out;
    std::string err;
    int status;
};

Run cli(const std::string& args) {
    static int counter = 0;
    std::string err_path = ::testing::TempDir() + "cli_err_" + std::to_string(counter++);
    auto result = testing::run_command(std::string(INTERLEAVE_CLI) + " " + args + " 2>" + err_path);
    return Run{result.out, testing::read_file(err_path), result.status};
}

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

TEST(Cli, RunOfTheHangingExampleReportsTheDeadlockAndExitsOne) {
    auto r = cli("run producer_two_consumers");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 20);
    EXPECT_NE(r.err.find("deadlock"), std::string::npos);
    EXPECT_NE(r.err.find("named_consumer#2 waits on Queue.get (empty) 'queue'"), std::string::npos) << r.err;
}

TEST(Cli, BadUsageIsOneLineAndExitTwo) {
    for (const char* args : {"run no_such_scenario", "run counter_race --param tasks=x",
                             "run counter_race --param bogus=1", "run counter_race --param tasks",
                             "frobnicate", "run"}) {
        auto r = cli(args);
        EXPECT_EQ(r.status, 2) << args;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
        EXPECT_EQ(r.out, "") << args;
    }
}

}  // namespace
}  // namespace interleave
