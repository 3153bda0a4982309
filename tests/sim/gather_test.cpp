// gather: children start in argument order, results come in argument order, the first failure
// fails the gather without cancelling the others, cancelling the awaiter cancels every child,
// and the awaiter resumes two hops after the last child (SEMANTICS.md §3, §6).
#include <functional>

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

Task<int> fail_after(Duration delay) {
    co_await sleep(delay);
    throw ValueError("child failed");
}

Task<> log_after(Log& log, std::string name, Duration delay) {
    co_await sleep(delay);
    log.push_back(name + " finished");
}

TEST(Gather, ResultsComeInArgumentOrderNotCompletionOrder) {
    auto result = run_fifo([]() -> Task<> {
        auto values = co_await gather(value_after(1, 30ms), value_after(2, 10ms), value_after(3, 20ms));
        EXPECT_EQ(values, (std::vector<int>{1, 2, 3}));
        EXPECT_EQ(now(), 30ms);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Gather, MixedResultTypesComeAsATupleWithVoidAsMonostate) {
    auto result = run_fifo([]() -> Task<> {
        auto name = []() -> Task<std::string> { co_return "ada"; };
        auto nothing = []() -> Task<> { co_return; };
        auto [number, text, none] = co_await gather(value_after(7, 1ms), name(), nothing());
        EXPECT_EQ(number, 7);
        EXPECT_EQ(text, "ada");
        EXPECT_EQ(none, std::monostate{});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Gather, ChildrenStartInArgumentOrderOnlyAfterTheCallerSuspends) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto child = [](Log& l, std::string name) -> Task<> {
            l.push_back(name + " started");
            co_return;
        };
        auto pending = gather(child(log, "first"), child(log, "second"), child(log, "third"));
        log.push_back("main still running");
        co_await pending;
        EXPECT_EQ(log, (Log{"main still running", "first started", "second started", "third started"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Gather, TheAwaiterResumesTwoHopsAfterTheLastChildWhereADirectAwaitTakesOne) {
    auto body = [](bool through_gather) -> Task<> {
        Log log;
        auto ticker = [](Log& l) -> Task<> {
            for (int i = 0; i < 5; ++i) {
                l.push_back("tick " + std::to_string(i));
                co_await yield_now();
            }
        };
        auto work = [](Log& l) -> Task<int> {
            l.push_back("work done");
            co_return 1;
        };
        auto t = spawn(ticker(log), "ticker");
        auto w = spawn(work(log), "work");
        if (through_gather) {
            co_await gather(w);
            log.push_back("resumed");
            co_await t;
            EXPECT_EQ(log, (Log{"tick 0", "work done", "tick 1", "tick 2", "resumed", "tick 3", "tick 4"}));
        } else {
            co_await w;
            log.push_back("resumed");
            co_await t;
            EXPECT_EQ(log, (Log{"tick 0", "work done", "tick 1", "resumed", "tick 2", "tick 3", "tick 4"}));
        }
    };
    EXPECT_EQ(run_fifo(body(true)).verdict, Verdict::completed);
    EXPECT_EQ(run_fifo(body(false)).verdict, Verdict::completed);
}

TEST(Gather, TheFirstFailureFailsTheGatherWhileTheOtherChildrenKeepRunning) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        auto slow = spawn(log_after(log, "slow", 50ms), "slow");
        bool caught = false;
        try {
            co_await gather(slow, fail_after(10ms));
        } catch (const ValueError& e) {
            caught = true;
            EXPECT_STREQ(e.what(), "child failed");
        }
        EXPECT_TRUE(caught);
        EXPECT_EQ(now(), 10ms) << "the gather fails as soon as one child fails";
        EXPECT_FALSE(slow.done()) << "and does not cancel the others";
        co_await slow;
        EXPECT_EQ(log, Log{"slow finished"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_TRUE(result.violations.empty()) << "the gather retrieved the child's exception";
}

TEST(Gather, ReturnExceptionsPutsEachChildsErrorInItsPlace) {
    auto result = run_fifo([]() -> Task<> {
        auto cancelled = spawn(value_after(3, 1s), "cancelled");
        auto pending = gather(return_exceptions, value_after(1, 10ms), fail_after(5ms), cancelled);
        cancelled.cancel();
        auto results = co_await std::move(pending);
        EXPECT_EQ(results.size(), 3u);
        if (results.size() != 3u) co_return;
        EXPECT_TRUE(results[0].has_value());
        EXPECT_EQ(results[0].value(), 1);
        EXPECT_TRUE(results[1].holds<ValueError>());
        EXPECT_EQ(results[1].error_name(), "ValueError");
        EXPECT_TRUE(results[2].holds<CancelledError>()) << "a cancelled child is an exception, not a failure";
        EXPECT_EQ(now(), 10ms);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_TRUE(result.violations.empty());
}

TEST(Gather, WithoutReturnExceptionsACancelledChildFailsTheGatherWithCancelledError) {
    auto result = run_fifo([]() -> Task<> {
        auto victim = spawn(value_after(1, 1s), "victim");
        auto other = spawn(value_after(2, 10ms), "other");
        auto pending = gather(victim, other);
        victim.cancel();
        bool cancelled = false;
        try {
            co_await std::move(pending);
        } catch (const CancelledError&) {
            cancelled = true;
        }
        EXPECT_TRUE(cancelled);
        EXPECT_FALSE(current_task().cancelled()) << "the awaiting task itself was not cancelled";
        EXPECT_FALSE(other.done());
        co_await other;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Gather, CancellingTheAwaitingTaskCancelsEveryChild) {
    auto result = run_fifo([]() -> Task<> {
        Log log;
        TaskHandle<> a, b;
        auto parent = [](Log& l, TaskHandle<>& x, TaskHandle<>& y) -> Task<> {
            x = spawn(log_after(l, "a", 1s), "a");
            y = spawn(log_after(l, "b", 2s), "b");
            co_await gather(x, y);
            l.push_back("parent resumed normally");
        };
        auto p = spawn(parent(log, a, b), "parent");
        co_await sleep(10ms);
        p.cancel();
        co_await sleep(10ms);
        EXPECT_TRUE(p.cancelled());
        EXPECT_TRUE(a.cancelled());
        EXPECT_TRUE(b.cancelled());
        EXPECT_TRUE(log.empty());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.end_time, 20ms);
}

TEST(Gather, AnEmptyGatherDoesNotSuspend) {
    auto result = run_fifo([]() -> Task<> {
        std::vector<Task<int>> none;
        auto values = co_await gather(std::move(none));
        EXPECT_TRUE(values.empty());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

// A finished task's done callbacks are queued in registration order, and the gather's count is
// one of them (CPython: a callback added before the gather still sees it pending, one added after
// sees it done). Checked in both loops: the gather's count has a queue entry of its own.
Task<> done_callbacks_around_a_gather(Log& log) {
    auto child = spawn([]() -> Task<> { co_return; }(), "child");
    std::function<bool()> gather_done = [] { return false; };
    auto log_seen = [&log, &gather_done](const char* when) {
        log.push_back(std::string(when) + (gather_done() ? "counted" : "pending"));
    };
    child.state()->add_done_callback([log_seen] { log_seen("before: "); });
    auto pending = gather(child);
    gather_done = [&pending] { return pending.done(); };
    child.state()->add_done_callback([log_seen] { log_seen("after: "); });
    co_await pending;
    log.push_back("resumed");
}

/// Runs `body` in both loops (asyncio-default's and the exploring one's): each logs `expected`.
void expect_log_in_both_loops(Task<> (*body)(Log&), const Log& expected) {
    Log fifo_log;
    EXPECT_EQ(run_fifo(body(fifo_log)).verdict, Verdict::completed);
    EXPECT_EQ(fifo_log, expected);

    Log exploring_log;
    testing::ScriptedStrategy strategy;
    Runtime runtime(strategy);
    EXPECT_EQ(runtime.run(body(exploring_log)).verdict, Verdict::completed);
    EXPECT_EQ(exploring_log, expected);
}

TEST(Gather, CountsAFinishedChildInTurnAmongItsOtherDoneCallbacks) {
    expect_log_in_both_loops(done_callbacks_around_a_gather, {"before: pending", "after: counted", "resumed"});
}

// A callback the child queues in its last step runs before the gather counts the child, which
// is queued at the child's end: the exploring loop counts a child at once only when nothing is
// queued before the count.
Task<> callback_queued_by_a_child_before_its_end(Log& log) {
    std::function<bool()> gather_done = [] { return false; };
    auto child = spawn(
        [](Log& l, std::function<bool()>& counted) -> Task<> {
            call_soon([&l, &counted] { l.push_back(counted() ? "queued: counted" : "queued: pending"); });
            co_return;
        }(log, gather_done),
        "child");
    auto pending = gather(child);
    gather_done = [&pending] { return pending.done(); };
    co_await pending;
    log.push_back("resumed");
}

TEST(Gather, CountsAChildAfterTheCallbacksItQueuedBeforeItsEnd) {
    expect_log_in_both_loops(callback_queued_by_a_child_before_its_end, {"queued: pending", "resumed"});
}

TEST(Gather, ADuplicatedTaskIsAwaitedOnceAndReportedTwice) {
    auto result = run_fifo([]() -> Task<> {
        int runs = 0;
        auto counted = [](int& n) -> Task<int> {
            ++n;
            co_return n * 10;
        };
        auto once = spawn(counted(runs), "once");
        auto values = co_await gather(once, once);
        EXPECT_EQ(values, (std::vector<int>{10, 10}));
        EXPECT_EQ(runs, 1);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
