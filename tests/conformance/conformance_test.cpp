// Differential tests against CPython 3.11: every NAME.py in this folder has a C++ twin whose
// output under asyncio-default must equal NAME.out byte for byte, and equal a live python3
// run when python3 >= 3.11 is present.
#include <filesystem>

#include <gtest/gtest.h>

#include <interleave/scheduler/asyncio_default.hpp>

#include "conformance/conformance.hpp"
#include "support/python.hpp"

namespace interleave::conformance {

std::map<std::string, Program>& programs() {
    static std::map<std::string, Program> all;
    return all;
}

namespace {
namespace fs = std::filesystem;
const fs::path folder = INTERLEAVE_CONFORMANCE_DIR;

ExecutionResult run_program(Program program) {
    AsyncioDefaultStrategy strategy;
    Runtime runtime(strategy);
    return runtime.run(program());
}

std::vector<std::string> python_programs() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().extension() == ".py") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, OutputMatchesCheckedInCPythonOutput) {
    auto it = programs().find(GetParam());
    ASSERT_NE(it, programs().end()) << GetParam() << ".py has no C++ twin (CONFORMANCE_PROGRAM)";
    auto result = run_program(it->second);
    EXPECT_EQ(result.verdict, Verdict::completed) << result.error;
    EXPECT_EQ(testing::joined_lines(result.output), testing::read_file(folder / (GetParam() + ".out")));
}

TEST_P(Conformance, OutputMatchesLivePython) {
    if (!testing::have_python311()) GTEST_SKIP() << "python3 >= 3.11 not on PATH";
    auto it = programs().find(GetParam());
    ASSERT_NE(it, programs().end());
    auto live = testing::run_command("python3 '" + (folder / (GetParam() + ".py")).string() + "'");
    ASSERT_EQ(live.status, 0);
    EXPECT_EQ(testing::joined_lines(run_program(it->second).output), live.out);
}

INSTANTIATE_TEST_SUITE_P(CPython311, Conformance, ::testing::ValuesIn(python_programs()),
                         [](const auto& info) { return info.param; });

TEST(ConformanceSuite, HasAtLeastTwentyFivePrograms) { EXPECT_GE(python_programs().size(), 25u); }

TEST(ConformanceSuite, EveryCppTwinHasItsPythonProgram) {
    for (const auto& [name, program] : programs())
        EXPECT_TRUE(fs::exists(folder / (name + ".py"))) << name;
}

}  // namespace
}  // namespace interleave::conformance
