// Virtual time: sleep(d) costs no real time, time jumps only when nothing is ready, timers with
// equal deadlines fire in registration order, sleep(0) is a bare yield, and call_soon/call_later
// callbacks run at their queue positions (SEMANTICS.md §4, §5, §17).
#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

#include "support/run_fifo.hpp"
#include "support/scripted_strategy.hpp"

namespace interleave {
namespace {
using namespace std::chrono_literals;
using testing::run_fifo;
using testing::ScriptedStrategy;
using Log = std::vector<std::string>;

std::string stamp() { return format_seconds(now().count()); }

Task<> sleeper(Log& log, std::string name, Duration delay) {
    co_await sleep(delay);
    log.push_back(name + " woke at " + stamp());
}

TEST(Clock, FormatSecondsKeepsOneDecimalAndTrimsTrailingZeros) {
    EXPECT_EQ(format_seconds(0), "0.0s");
    EXPECT_EQ(format_seconds(100'000'000), "0.1s");
    EXPECT_EQ(format_seconds(1'500'000'000), "1.5s");
    EXPECT_EQ(format_seconds(2'000'000'001), "2.000000001s");
}

TEST(Clock, SleepAdvancesVirtualTimeExactly) {
    auto result = run_fifo([]() -> Task<> {
        EXPECT_EQ(now(), 0ns);
        co_await sleep(100ms);
        EXPECT_EQ(now(), 100ms);
        co_await sleep(std::chrono::seconds(2));
        EXPECT_EQ(now(), 2100ms);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.end_time, 2100ms);
}

TEST(Clock, TimeDoesNotMoveWhileAnyTaskIsReady) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Log log;
    auto body = [&]() -> Task<> {
        auto spinner = [](Log& l) -> Task<> {
            for (int i = 0; i < 3; ++i) {
                l.push_back("spin at " + stamp());
                co_await yield_now();
            }
        };
        auto s = spawn(sleeper(log, "sleeper", 1ms), "sleeper");
        auto p = spawn(spinner(log), "spinner");
        co_await gather(s, p);
    };
    runtime.start(body());
    while (runtime.step()) {
        if (log.size() <= 3) {
            EXPECT_EQ(runtime.now_ns(), 0) << "the spinner is still ready";
        }
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"spin at 0.0s", "spin at 0.0s", "spin at 0.0s", "sleeper woke at 0.001s"}));
}

TEST(Clock, TheShorterSleepWakesFirstWhateverTheStartOrder) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto slow = spawn(sleeper(log, "slow", 300ms), "slow");
        auto fast = spawn(sleeper(log, "fast", 100ms), "fast");
        auto middle = spawn(sleeper(log, "middle", 200ms), "middle");
        co_await gather(slow, fast, middle);
        EXPECT_EQ(log, (Log{"fast woke at 0.1s", "middle woke at 0.2s", "slow woke at 0.3s"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, EqualDeadlinesFireInTimerRegistrationOrder) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto late_starter = [](Log& l) -> Task<> {
            co_await yield_now();  // registers its timer one iteration after the others
            co_await sleeper(l, "a", 10ms);
        };
        auto a = spawn(late_starter(log), "a");
        auto b = spawn(sleeper(log, "b", 10ms), "b");
        auto c = spawn(sleeper(log, "c", 10ms), "c");
        co_await gather(a, b, c);
        EXPECT_EQ(log, (Log{"b woke at 0.01s", "c woke at 0.01s", "a woke at 0.01s"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, EqualDeadlinesAreFifoUnderExplicitSteppingToo) {
    ScriptedStrategy strategy({"c", "a", "b"});
    Runtime runtime(strategy);
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(sleeper(log, "a", 10ms), "a");
        auto b = spawn(sleeper(log, "b", 10ms), "b");
        auto c = spawn(sleeper(log, "c", 10ms), "c");
        co_await gather(a, b, c);
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 4));  // main; c, a, b register their timers
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(runtime.now_ns(), 0);
    EXPECT_TRUE(runtime.step());  // nothing ready: time jumps, all three timers fire
    EXPECT_EQ(runtime.now_ns(), 10'000'000);
    EXPECT_EQ(strategy.offered(), (Log{"c", "a", "b"}));
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"c woke at 0.01s", "a woke at 0.01s", "b woke at 0.01s"}));
}

TEST(Clock, SleepZeroYieldsToTheTailOfTheReadyQueue) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto worker = [](Log& l, std::string name) -> Task<> {
            for (int i = 0; i < 2; ++i) {
                l.push_back(name + std::to_string(i));
                co_await sleep(0ms);
            }
        };
        auto a = spawn(worker(log, "a"), "a");
        auto b = spawn(worker(log, "b"), "b");
        co_await gather(a, b);
        EXPECT_EQ(log, (Log{"a0", "b0", "a1", "b1"}));
        EXPECT_EQ(now(), 0ns);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, ANegativeSleepIsABareYield) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto other = [](Log& l) -> Task<> {
            l.push_back("other ran");
            co_return;
        };
        auto o = spawn(other(log), "other");
        co_await sleep(-5ms);
        log.push_back("main resumed");
        EXPECT_EQ(now(), 0ns);
        co_await o;
        EXPECT_EQ(log, (Log{"other ran", "main resumed"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, CallLaterRunsTheCallbackAtItsDeadline) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        call_later(250ms, [&log] { log.push_back("callback at " + stamp()); });
        co_await sleep(1s);
        EXPECT_EQ(log, Log{"callback at 0.25s"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, ACancelledTimerNeverRuns) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto timer = call_later(10ms, [&log] { log.push_back("fired"); });
        EXPECT_EQ(timer.when, 10'000'000);
        timer.cancel();
        co_await sleep(20ms);
        EXPECT_TRUE(log.empty());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, CallLaterZeroRunsAfterHandlesQueuedBeforeTheTimerIsCollected) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        call_later(0ms, [&log] { log.push_back("call_later(0)"); });
        call_soon([&log] { log.push_back("call_soon"); });
        auto t = spawn([](Log& l) -> Task<> {
            l.push_back("new task");
            co_return;
        }(log), "new_task");
        co_await yield_now();
        log.push_back("main after one yield");
        co_await yield_now();
        co_await t;
        EXPECT_EQ(log, (Log{"call_soon", "new task", "main after one yield", "call_later(0)"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Clock, SleepsAreCancellable) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto s = spawn(sleeper(log, "sleeper", 1s), "sleeper");
        co_await sleep(10ms);
        s.cancel();
        co_await yield_now();
        co_await yield_now();
        EXPECT_TRUE(s.cancelled());
        EXPECT_TRUE(log.empty());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.end_time, 10ms);
}

}  // namespace
}  // namespace interleave
