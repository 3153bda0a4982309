// Condition: wait() releases the lock and re-acquires it through an ordinary acquire, so a
// notified task queues behind tasks already waiting for the lock; notify(n) wakes the first n
// waiters; both need the lock held (SEMANTICS.md §10).
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

Task<> wait_once(Condition& condition, Log& log, std::string name) {
    auto held = co_await condition.scoped();
    co_await condition.wait();
    log.push_back(name + " woke" + (condition.locked() ? " holding the lock" : " without the lock"));
}

Task<> notify_under_lock(Condition& condition, std::size_t n) {
    auto held = co_await condition.scoped();
    condition.notify(n);
}

TEST(Condition, WaitWithoutTheLockRaisesRuntimeError) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        bool raised = false;
        try {
            co_await condition.wait();
        } catch (const RuntimeError& e) {
            raised = true;
            EXPECT_STREQ(e.what(), "cannot wait on un-acquired lock");
        }
        EXPECT_TRUE(raised);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Condition, NotifyWithoutTheLockRaisesRuntimeError) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        try {
            condition.notify();
            ADD_FAILURE() << "notify() without the lock did not throw";
        } catch (const RuntimeError& e) {
            EXPECT_STREQ(e.what(), "cannot notify on un-acquired lock");
        }
        EXPECT_THROW(condition.notify_all(), RuntimeError);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Condition, WaitReleasesTheLockWhileWaiting) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Condition condition{"cond"};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(wait_once(condition, log, "a"), "a");
        co_await yield_now();
        co_await notify_under_lock(condition, 1);
        co_await a;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 2));  // main, a takes the lock and waits
    EXPECT_FALSE(condition.locked());
    EXPECT_EQ(condition.describe(), "1 waiting, lock free");
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, Log{"a woke holding the lock"});
}

TEST(Condition, NotifyOneWakesOnlyTheFirstWaiter) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Condition condition{"cond"};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(wait_once(condition, log, "a"), "a");
        auto b = spawn(wait_once(condition, log, "b"), "b");
        co_await yield_now();
        co_await notify_under_lock(condition, 1);
        co_await a;
        co_await notify_under_lock(condition, 1);
        co_await b;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 4));  // main, a waits, b waits, main notifies one
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"}) << "b was not notified";
    EXPECT_EQ(log, Log{"a woke holding the lock"});
    EXPECT_EQ(condition.describe(), "1 waiting, lock free");
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"a woke holding the lock", "b woke holding the lock"}));
}

TEST(Condition, NotifyAllWakesEveryWaiterInWaitOrder) {
    ScriptedStrategy strategy({"b", "c", "a"});
    Runtime runtime(strategy);
    Condition condition{"cond"};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(wait_once(condition, log, "a"), "a");
        auto b = spawn(wait_once(condition, log, "b"), "b");
        auto c = spawn(wait_once(condition, log, "c"), "c");
        co_await yield_now();
        {
            auto held = co_await condition.scoped();
            condition.notify_all();
        }
        co_await gather(a, b, c);
    };
    auto result = runtime.run(body());
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"b woke holding the lock", "c woke holding the lock", "a woke holding the lock"}));
}

TEST(Condition, ANotifiedWaiterQueuesBehindTasksAlreadyWaitingForTheLock) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        Log log;
        auto a = spawn(wait_once(condition, log, "a"), "a");
        co_await yield_now();  // a waits on the condition
        co_await condition.acquire();
        auto take_lock = [](Condition& c, Log& l) -> Task<> {
            auto held = co_await c.scoped();
            l.push_back("x took the lock");
        };
        auto x = spawn(take_lock(condition, log), "x");
        co_await yield_now();  // x queues for the lock
        condition.notify();
        condition.release();  // wakes x, the first lock waiter
        co_await gather(a, x);
        EXPECT_EQ(log, (Log{"x took the lock", "a woke holding the lock"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Condition, WaitForReturnsAtOnceWhenThePredicateAlreadyHolds) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        auto held = co_await condition.scoped();
        int calls = 0;
        std::function<bool()> predicate = [&calls] { return ++calls > 0; };
        const bool returned = co_await condition.wait_for(predicate);
        EXPECT_TRUE(returned);
        EXPECT_EQ(calls, 1);
        EXPECT_TRUE(condition.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Condition, WaitForRechecksThePredicateAfterEveryWakeUp) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        int value = 0;
        int checks = 0;
        auto waiter = [](Condition& c, int& v, int& n) -> Task<> {
            auto held = co_await c.scoped();
            std::function<bool()> reached_two = [&v, &n] {
                ++n;
                return v >= 2;
            };
            co_await c.wait_for(reached_two);
            EXPECT_EQ(v, 2);
        };
        auto w = spawn(waiter(condition, value, checks), "waiter");
        for (int i = 0; i < 2; ++i) {
            co_await yield_now();
            auto held = co_await condition.scoped();
            ++value;
            condition.notify();
        }
        co_await w;
        EXPECT_EQ(checks, 3) << "once before waiting, once after each notify";
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Condition, ACancelledWaiterHoldsTheLockAgainWhenTheCancellationArrives) {
    auto result = run_fifo([]() -> Task<> {
        Condition condition{"cond"};
        Log log;
        auto waiter = [](Condition& c, Log& l) -> Task<> {
            auto held = co_await c.scoped();
            try {
                co_await c.wait();
            } catch (const CancelledError&) {
                l.push_back(c.locked() ? "cancelled holding the lock" : "cancelled without the lock");
                throw;
            }
        };
        auto w = spawn(waiter(condition, log), "waiter");
        co_await yield_now();
        co_await condition.acquire();  // the waiter must wait for this lock before it can raise
        w.cancel();
        co_await sleep(1s);
        EXPECT_TRUE(log.empty());
        EXPECT_FALSE(w.done());
        condition.release();
        co_await yield_now();
        co_await yield_now();
        EXPECT_TRUE(w.cancelled());
        EXPECT_EQ(log, Log{"cancelled holding the lock"});
        EXPECT_FALSE(condition.locked()) << "released by the guard while unwinding";
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Condition, AConditionOverAGivenLockSharesItsState) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        Condition condition{"cond", lock};
        co_await lock.acquire();
        EXPECT_TRUE(condition.locked());
        condition.notify();  // allowed: the shared lock is held
        condition.release();
        EXPECT_FALSE(lock.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
