// Lock: free-lock fast path, FIFO by acquire() call, no barging, one waiter per release,
// cancelled waiters pass the lock on (SEMANTICS.md §7).
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

Task<> take_and_release(Lock& lock, Log& log, std::string name) {
    co_await lock.acquire();
    log.push_back(name + " acquired");
    lock.release();
}

TEST(Lock, AcquiringAFreeLockDoesNotSuspend) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        EXPECT_FALSE(lock.locked());
        co_await lock.acquire();
        EXPECT_TRUE(lock.locked());
        lock.release();
        EXPECT_FALSE(lock.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Lock, ReleasingAnUnlockedLockRaisesRuntimeError) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        try {
            lock.release();
            ADD_FAILURE() << "release() of a free lock did not throw";
        } catch (const RuntimeError& e) {
            EXPECT_STREQ(e.what(), "Lock is not acquired.");
        }
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Lock, ReleaseWakesTheFirstWaiterOnly) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Lock lock{"lock"};
    Log log;
    TaskHandle<> a, b;
    auto body = [&]() -> Task<> {
        co_await lock.acquire();
        a = spawn(take_and_release(lock, log, "a"), "a");
        b = spawn(take_and_release(lock, log, "b"), "b");
        co_await yield_now();
        lock.release();
        co_await gather(a, b);
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 4));  // main, a blocks, b blocks, main releases
    EXPECT_FALSE(lock.locked()) << "released, and the woken waiter has not run yet";
    EXPECT_EQ(lock.describe(), "free, 2 waiting");
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"}) << "b must not be woken by the first release";
    EXPECT_EQ(log, Log{"a acquired"});
    EXPECT_TRUE(a.done());
    EXPECT_FALSE(b.done());
    while (runtime.step()) {
    }
    auto result = runtime.finish();
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"a acquired", "b acquired"}));
}

TEST(Lock, WaitersAreServedInTheOrderTheyCalledAcquireNotTheOrderTheyWereCreated) {
    ScriptedStrategy strategy({"b", "a"});
    Runtime runtime(strategy);
    Lock lock{"lock"};
    Log log;
    auto body = [&]() -> Task<> {
        co_await lock.acquire();
        auto a = spawn(take_and_release(lock, log, "a"), "a");
        auto b = spawn(take_and_release(lock, log, "b"), "b");
        co_await yield_now();
        lock.release();
        co_await gather(a, b);
    };
    auto result = runtime.run(body());
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"b acquired", "a acquired"}));
}

TEST(Lock, TheReleaserQueuesBehindTheWokenWaiterInsteadOfBarging) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Lock lock{"lock"};
    Log log;
    auto body = [&]() -> Task<> {
        co_await lock.acquire();
        auto a = spawn(take_and_release(lock, log, "a"), "a");
        co_await yield_now();
        lock.release();
        co_await lock.acquire();  // the lock is free, but a was woken first
        log.push_back("main acquired");
        lock.release();
        co_await a;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, a blocks, main releases and re-queues
    EXPECT_FALSE(lock.locked());
    EXPECT_TRUE(log.empty()) << "main must not have taken the free lock";
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"});
    EXPECT_EQ(log, Log{"a acquired"});
    EXPECT_FALSE(lock.locked()) << "a released it; main was woken but takes it only when it runs";
    while (runtime.step()) {
    }
    auto result = runtime.finish();
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"a acquired", "main acquired"}));
}

TEST(Lock, ACancelledWaiterAtTheHeadPassesTheLockOnWhenItRuns) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Lock lock{"lock"};
    Log log;
    TaskHandle<> a, b;
    auto body = [&]() -> Task<> {
        co_await lock.acquire();
        a = spawn(take_and_release(lock, log, "a"), "a");
        b = spawn(take_and_release(lock, log, "b"), "b");
        co_await yield_now();
        a.cancel();
        lock.release();  // a's future is cancelled: nobody is woken by the release itself
        co_await b;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 4));
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"}) << "only the cancelled waiter is runnable";
    EXPECT_TRUE(a.cancelled());
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"b"}) << "a woke b on its way out";
    EXPECT_EQ(log, Log{"b acquired"});
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Lock, AWokenWaiterCancelledBeforeItRunsHandsTheLockToTheNext) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        Log log;
        co_await lock.acquire();
        auto a = spawn(take_and_release(lock, log, "a"), "a");
        auto b = spawn(take_and_release(lock, log, "b"), "b");
        co_await yield_now();
        lock.release();  // wakes a ...
        EXPECT_TRUE(a.cancel());  // ... which is cancelled before it resumes
        co_await b;
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(log, Log{"b acquired"});
        EXPECT_FALSE(lock.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Lock, ScopedReleasesAtTheEndOfTheBlockEvenWhileUnwinding) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        try {
            auto held = co_await lock.scoped();
            EXPECT_TRUE(lock.locked());
            throw ValueError("inside the block");
        } catch (const ValueError&) {
        }
        EXPECT_FALSE(lock.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Lock, AnyTaskMayReleaseALockAnotherTaskHolds) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        auto holder = [](Lock& l) -> Task<> { co_await l.acquire(); };
        auto h = spawn(holder(lock), "holder");
        co_await h;
        EXPECT_TRUE(lock.locked());
        lock.release();
        EXPECT_FALSE(lock.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Lock, DescribeNamesTheHolderAndCountsTheWaiters) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Lock lock{"lock"};
    Log log;
    auto body = [&]() -> Task<> {
        auto holder = [](Lock& l) -> Task<> {
            co_await l.acquire();
            co_await sleep(1s);
            l.release();
        };
        auto h = spawn(holder(lock), "holder");
        co_await yield_now();
        co_await take_and_release(lock, log, "main");
        co_await h;
    };
    runtime.start(body());
    EXPECT_EQ(lock.describe(), "free");
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, holder takes it and sleeps, main waits
    EXPECT_EQ(lock.describe(), "held by holder, 1 waiting");
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, Log{"main acquired"});
}

}  // namespace
}  // namespace interleave
