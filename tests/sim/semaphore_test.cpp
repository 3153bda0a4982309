// Semaphore / BoundedSemaphore: 3.11.7's direct hand-off of units to waiters, FIFO, no barging,
// and a woken waiter that is cancelled gives its unit to the next (SEMANTICS.md §8).
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

Task<> take_one(Semaphore& semaphore, Log& log, std::string name) {
    co_await semaphore.acquire();
    log.push_back(name + " acquired");
}

Task<> take_and_release(Semaphore& semaphore, Log& log, std::string name) {
    co_await semaphore.acquire();
    log.push_back(name + " acquired");
    semaphore.release();
}

TEST(Semaphore, AcquireDecrementsWithoutSuspendingWhileUnitsAreLeft) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 2};
        co_await semaphore.acquire();
        EXPECT_EQ(semaphore.value(), 1);
        EXPECT_FALSE(semaphore.locked());
        co_await semaphore.acquire();
        EXPECT_EQ(semaphore.value(), 0);
        EXPECT_TRUE(semaphore.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Semaphore, AcquireAtZeroSuspendsUntilARelease) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Semaphore semaphore{"sem", 0};
    Log log;
    TaskHandle<> a;
    auto body = [&]() -> Task<> {
        a = spawn(take_one(semaphore, log, "a"), "a");
        co_await yield_now();
        semaphore.release();
        co_await a;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 2));  // main spawns, a blocks
    EXPECT_FALSE(a.done());
    EXPECT_EQ(semaphore.describe(), "value 0, 1 waiting");
    EXPECT_TRUE(runtime.step());  // main releases
    EXPECT_EQ(semaphore.value(), 0) << "the unit was handed to a on its behalf";
    EXPECT_TRUE(semaphore.locked());
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"});
    EXPECT_EQ(log, Log{"a acquired"});
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Semaphore, ReleasesInOneStepWakeDistinctWaitersInFifoOrder) {
    ScriptedStrategy strategy({"c", "a", "b"});
    Runtime runtime(strategy);
    Semaphore semaphore{"sem", 0};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(take_one(semaphore, log, "a"), "a");
        auto b = spawn(take_one(semaphore, log, "b"), "b");
        auto c = spawn(take_one(semaphore, log, "c"), "c");
        co_await yield_now();  // they queue c, a, b
        semaphore.release();
        semaphore.release();
        co_await gather(c, a);
        EXPECT_FALSE(b.done());
        b.cancel();
        co_await yield_now();
    };
    auto result = runtime.run(body());
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"c acquired", "a acquired"}));
}

TEST(Semaphore, TheReleaserQueuesBehindExistingWaiters) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 1};
        Log log;
        co_await semaphore.acquire();
        auto a = spawn(take_and_release(semaphore, log, "a"), "a");
        co_await yield_now();
        semaphore.release();           // hands the unit to a
        co_await semaphore.acquire();  // so main waits for a's release
        log.push_back("main acquired");
        EXPECT_EQ(log, (Log{"a acquired", "main acquired"}));
        EXPECT_EQ(semaphore.value(), 0);
        co_await a;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, AWokenWaiterCancelledBeforeItRunsGivesItsUnitToTheNext) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 0};
        Log log;
        auto a = spawn(take_one(semaphore, log, "a"), "a");
        auto b = spawn(take_one(semaphore, log, "b"), "b");
        co_await yield_now();
        semaphore.release();  // hands the unit to a
        a.cancel();           // a has not run yet
        co_await b;
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(log, Log{"b acquired"});
        EXPECT_EQ(semaphore.value(), 0);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, AWokenWaiterPassesASpareUnitToAWaiterThatQueuedBehindIt) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 0};
        Log log;
        auto a = spawn(take_one(semaphore, log, "a"), "a");
        co_await yield_now();
        auto c = spawn(take_one(semaphore, log, "c"), "c");  // c's first step runs before a resumes
        semaphore.release();  // hands a unit to a
        semaphore.release();  // nobody else waits yet: the unit stays
        EXPECT_EQ(semaphore.value(), 1);
        EXPECT_TRUE(semaphore.locked()) << "a's pending wake-up keeps newcomers out";
        co_await gather(a, c);
        EXPECT_EQ(log, (Log{"a acquired", "c acquired"})) << "a woke c when it took its unit";
        EXPECT_EQ(semaphore.value(), 0);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, ACancelledWaiterLeavesTheQueueWithoutTakingAUnit) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 0};
        Log log;
        auto a = spawn(take_one(semaphore, log, "a"), "a");
        co_await yield_now();
        a.cancel();
        co_await yield_now();
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(semaphore.describe(), "value 0, 0 waiting");
        semaphore.release();
        EXPECT_EQ(semaphore.value(), 1) << "nobody is left to hand the unit to";
        EXPECT_FALSE(semaphore.locked());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, ReleaseWithoutWaitersMayRaiseTheValueAboveTheInitialOne) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 1};
        semaphore.release();
        EXPECT_EQ(semaphore.value(), 2);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, BoundedSemaphoreOverReleaseRaisesValueError) {
    auto result = run_fifo([]() -> Task<> {
        BoundedSemaphore semaphore{"sem", 1};
        co_await semaphore.acquire();
        semaphore.release();
        EXPECT_THROW(semaphore.release(), ValueError);
        EXPECT_EQ(semaphore.value(), 1);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Semaphore, ANegativeInitialValueRaisesValueError) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    EXPECT_THROW(Semaphore("sem", -1), ValueError);
    EXPECT_THROW(BoundedSemaphore("sem", -1), ValueError);
}

TEST(Semaphore, ScopedReleasesTheUnitAtTheEndOfTheBlock) {
    auto result = run_fifo([]() -> Task<> {
        Semaphore semaphore{"sem", 1};
        {
            auto held = co_await semaphore.scoped();
            EXPECT_EQ(semaphore.value(), 0);
        }
        EXPECT_EQ(semaphore.value(), 1);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
