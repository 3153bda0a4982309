// Task<T>: lazy, inline when awaited, exceptions to the awaiter; spawned tasks named after
// their coroutine function.
#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

#include "support/run_fifo.hpp"

namespace interleave {
namespace {
using namespace std::chrono_literals;
using testing::run_fifo;

Task<int> answer() { co_return 42; }
Task<int> failing() {
    co_await yield_now();
    throw ValueError("bad");
}

TEST(Task, CreatingATaskRunsNothing) {
    auto result = run_fifo([]() -> Task<> {
        bool ran = false;
        auto lazy = [&]() -> Task<> {
            ran = true;
            co_return;
        }();
        EXPECT_FALSE(ran);
        co_await std::move(lazy);
        EXPECT_TRUE(ran);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Task, AwaitingInlineDoesNotTakeAStep) {
    auto result = run_fifo([]() -> Task<> {
        int value = co_await answer();
        print("{}", value);
    }());
    EXPECT_EQ(result.output, std::vector<std::string>{"42"});
    EXPECT_EQ(result.steps, 1u);
}

TEST(Task, ExceptionsReachTheAwaiter) {
    auto result = run_fifo([]() -> Task<> {
        try {
            co_await failing();
        } catch (const ValueError& e) {
            print("caught {}", e.what());
        }
    }());
    EXPECT_EQ(result.output, std::vector<std::string>{"caught bad"});
}

TEST(Task, SpawnedTasksAreNamedAfterTheirFunction) {
    auto result = run_fifo([]() -> Task<> {
        auto a = spawn(answer());
        auto b = spawn(answer());
        auto c = spawn(answer(), "custom");
        print("{} {} {}", a.name(), b.name(), c.name());
        co_await gather(a, b, c);
    }());
    EXPECT_EQ(result.output, std::vector<std::string>{"answer#1 answer#2 custom"});
}

TEST(Task, UncaughtExceptionInTheBodyIsAVerdict) {
    auto result = run_fifo([]() -> Task<> {
        co_await failing();
    }());
    EXPECT_EQ(result.verdict, Verdict::uncaught_exception);
    EXPECT_EQ(result.error, "ValueError: bad");
}

TEST(Task, AnExceptionNobodyRetrievesIsAViolation) {
    auto result = run_fifo([]() -> Task<> {
        spawn(failing());
        co_await sleep(1s);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    ASSERT_EQ(result.violations.size(), 1u);
    EXPECT_NE(result.violations[0].message.find("never retrieved"), std::string::npos);
}

}  // namespace
}  // namespace interleave
