// wait_for (3.11's own implementation), timeout() and shield (SEMANTICS.md §6).
#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

#include "support/run_fifo.hpp"
#include "support/scripted_strategy.hpp"

namespace interleave {
namespace {
using namespace std::chrono_literals;
using testing::run_fifo;
using Log = std::vector<std::string>;

Task<int> value_after(int value, Duration delay) {
    co_await sleep(delay);
    co_return value;
}

/// Sleeps for `delay`; when cancelled it logs, cleans up for `cleanup`, then re-raises.
Task<int> slow_with_cleanup(Log& log, Duration delay, Duration cleanup) {
    log.push_back("started");
    bool cancelled = false;
    try {
        co_await sleep(delay);
    } catch (const CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {
        log.push_back("cancelled at " + format_seconds(now().count()));
        if (cleanup.count() > 0) co_await sleep(cleanup);
        throw CancelledError{};
    }
    co_return 1;
}

TEST(WaitFor, ReturnsTheResultWhenTheTaskFinishesInTime) {
    auto result = run_fifo([]() -> Task<> {
        const int value = co_await wait_for(value_after(5, 10ms), 100ms);
        EXPECT_EQ(value, 5);
        EXPECT_EQ(now(), 10ms);
        co_await sleep(200ms);  // the cancelled timeout timer does nothing
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(WaitFor, RaisesTimeoutErrorAfterCancellingTheTaskAndWaitingForItToFinish) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        bool timed_out = false;
        try {
            co_await wait_for(slow_with_cleanup(log, 1s, 50ms), 100ms);
        } catch (const TimeoutError&) {
            timed_out = true;
        }
        EXPECT_TRUE(timed_out);
        EXPECT_EQ(log, (Log{"started", "cancelled at 0.1s"}));
        EXPECT_EQ(now(), 150ms) << "wait_for waits for the cancelled task's cleanup";
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(WaitFor, AtAnExactTieTheTimeoutWins) {
    auto result = run_fifo([]() -> Task<> {
        bool timed_out = false;
        try {
            co_await wait_for(value_after(1, 100ms), 100ms);
        } catch (const TimeoutError&) {
            timed_out = true;
        }
        EXPECT_TRUE(timed_out) << "the timeout timer was registered before the inner task's sleep";
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(WaitFor, AZeroTimeoutNeverRunsTheBody) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        bool timed_out = false;
        try {
            co_await wait_for(slow_with_cleanup(log, 1s, 0ms), 0ms);
        } catch (const TimeoutError&) {
            timed_out = true;
        }
        EXPECT_TRUE(timed_out);
        EXPECT_TRUE(log.empty());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(WaitFor, ATaskThatSwallowsTheCancellationHasItsValueReturned) {
    auto result = run_fifo([]() -> Task<> {
        auto stubborn = []() -> Task<int> {
            try {
                co_await sleep(1s);
            } catch (const CancelledError&) {
            }
            co_return -1;
        };
        const int value = co_await wait_for(stubborn(), 10ms);
        EXPECT_EQ(value, -1);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(WaitFor, ACallerCancelledAfterTheTaskFinishedStillGetsTheResult) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto wrapper = [](Log& l) -> Task<> {
            const int value = co_await wait_for(value_after(5, 10ms), 1s);
            l.push_back("wrapper got " + std::to_string(value));
            l.push_back("cancelling " + std::to_string(current_task().cancelling()));
        };
        auto w = spawn(wrapper(log), "wrapper");
        co_await sleep(10ms);
        co_await yield_now();  // the inner task has finished; the wrapper has not resumed yet
        EXPECT_TRUE(w.cancel());
        co_await w;
        EXPECT_FALSE(w.cancelled()) << "3.11 swallows the cancellation";
        EXPECT_EQ(log, (Log{"wrapper got 5", "cancelling 1"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Timeout, RaisesTimeoutErrorAtTheDeadlineAndUncancelsTheTask) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        bool timed_out = false;
        try {
            co_await timeout(100ms, slow_with_cleanup(log, 1s, 0ms));
        } catch (const TimeoutError&) {
            timed_out = true;
        }
        EXPECT_TRUE(timed_out);
        EXPECT_EQ(log, (Log{"started", "cancelled at 0.1s"}));
        EXPECT_EQ(current_task().cancelling(), 0);
        co_await sleep(10ms);  // no cancellation is left pending
        EXPECT_EQ(now(), 110ms);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Timeout, DoesNothingWhenTheBodyFinishesFirst) {
    auto result = run_fifo([]() -> Task<> {
        const int value = co_await timeout(100ms, value_after(3, 10ms));
        EXPECT_EQ(value, 3);
        co_await sleep(1s);  // past the deadline: the cancelled timer must not fire
        EXPECT_EQ(current_task().cancelling(), 0);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.end_time, 1010ms);
}

TEST(Timeout, AnOutsideCancellationStaysACancelledError) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto guarded = [](Log& l) -> Task<> {
            try {
                co_await timeout(1s, slow_with_cleanup(l, 10s, 0ms));
            } catch (const TimeoutError&) {
                l.push_back("timed out");
            }
        };
        auto g = spawn(guarded(log), "guarded");
        co_await sleep(10ms);
        g.cancel();
        co_await sleep(10ms);
        EXPECT_TRUE(g.cancelled());
        EXPECT_EQ(log, (Log{"started", "cancelled at 0.01s"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

Task<int> protected_work(Log& log) {
    co_await sleep(50ms);
    log.push_back("inner finished");
    co_return 1;
}

TEST(Shield, TheInnerTaskKeepsRunningWhenTheAwaiterIsCancelled) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto caller = [](Log& l) -> Task<> {
            co_await shield(protected_work(l));
            l.push_back("caller resumed");
        };
        auto c = spawn(caller(log), "caller");
        co_await sleep(10ms);
        c.cancel();
        co_await sleep(10ms);
        EXPECT_TRUE(c.cancelled());
        EXPECT_TRUE(log.empty());
        co_await sleep(100ms);
        EXPECT_EQ(log, Log{"inner finished"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Shield, PassesTheResultAndTheExceptionThrough) {
    auto result = run_fifo([]() -> Task<> {
        const int value = co_await shield(value_after(4, 10ms));
        EXPECT_EQ(value, 4);
        auto failing = []() -> Task<int> {
            co_await yield_now();
            throw ValueError("inner failed");
        };
        bool caught = false;
        try {
            co_await shield(failing());
        } catch (const ValueError&) {
            caught = true;
        }
        EXPECT_TRUE(caught);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_TRUE(result.violations.empty()) << "shield retrieved the inner task's exception";
}

TEST(Shield, AnErrorOfAShieldedTaskWhoseAwaiterWasCancelledIsNeverRetrieved) {
    auto result = run_fifo([]() -> Task<> {
        auto failing = []() -> Task<int> {
            co_await sleep(10ms);
            throw ValueError("nobody listens");
        };
        auto caller = [](Task<int> work) -> Task<> { (void)co_await shield(std::move(work)); };
        auto c = spawn(caller(failing()), "caller");
        co_await yield_now();
        c.cancel();  // the outer future stops listening to the inner task
        co_await sleep(50ms);
        EXPECT_TRUE(c.cancelled());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    ASSERT_EQ(result.violations.size(), 1u) << "asyncio logs 'Task exception was never retrieved'";
    EXPECT_EQ(result.violations[0].message, "Task exception was never retrieved: ValueError");
}

}  // namespace
}  // namespace interleave
