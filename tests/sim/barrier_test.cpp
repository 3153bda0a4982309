// Barrier (3.11): the tripping task returns first with index parties-1, the others follow in
// wait order; abort() breaks it; a cancelled party just leaves (SEMANTICS.md §12).
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

Task<> party(Barrier& barrier, Log& log, std::string name) {
    try {
        const int index = co_await barrier.wait();
        log.push_back(name + " passed with index " + std::to_string(index));
    } catch (const BrokenBarrierError&) {
        log.push_back(name + " saw the barrier broken");
    }
}

TEST(Barrier, ZeroPartiesRaisesValueError) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    EXPECT_THROW(Barrier("barrier", 0), ValueError);
}

TEST(Barrier, ASinglePartyBarrierTripsAtOnceWithoutSuspending) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 1};
        const int first = co_await barrier.wait();
        const int second = co_await barrier.wait();
        EXPECT_EQ(first, 0);
        EXPECT_EQ(second, 0);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Barrier, NWaitingCountsTheArrivalsUntilTheTrip) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Barrier barrier{"barrier", 3};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(party(barrier, log, "a"), "a");
        auto b = spawn(party(barrier, log, "b"), "b");
        auto c = spawn(party(barrier, log, "c"), "c");
        co_await gather(a, b, c);
    };
    runtime.start(body());
    EXPECT_EQ(barrier.n_waiting(), 0);
    EXPECT_TRUE(testing::take_steps(runtime, 2));  // main, a arrives
    EXPECT_EQ(barrier.n_waiting(), 1);
    EXPECT_EQ(barrier.describe(), "1 of 3 parties arrived");
    EXPECT_TRUE(runtime.step());  // b arrives
    EXPECT_EQ(barrier.n_waiting(), 2);
    EXPECT_TRUE(runtime.step());  // c trips it and leaves
    EXPECT_EQ(log, Log{"c passed with index 2"}) << "the tripping task does not suspend";
    EXPECT_EQ(barrier.n_waiting(), 0) << "draining";
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"c passed with index 2", "a passed with index 0", "b passed with index 1"}));
}

TEST(Barrier, TheOtherPartiesFollowTheTripperInWaitOrder) {
    ScriptedStrategy strategy({"c", "a", "b"});
    Runtime runtime(strategy);
    Barrier barrier{"barrier", 3};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(party(barrier, log, "a"), "a");
        auto b = spawn(party(barrier, log, "b"), "b");
        auto c = spawn(party(barrier, log, "c"), "c");
        co_await gather(a, b, c);
    };
    auto result = runtime.run(body());
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"b passed with index 2", "c passed with index 0", "a passed with index 1"}));
}

TEST(Barrier, TheBarrierCanBeUsedForASecondCycle) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 2};
        Log log;
        auto twice = [](Barrier& b, Log& l, std::string name) -> Task<> {
            co_await party(b, l, name);
            co_await party(b, l, name);
        };
        auto a = spawn(twice(barrier, log, "a"), "a");
        auto b = spawn(twice(barrier, log, "b"), "b");
        co_await gather(a, b);
        // a leaves the first cycle last, so it arrives first in the second one.
        EXPECT_EQ(log, (Log{"b passed with index 1", "a passed with index 0", "b passed with index 1",
                            "a passed with index 0"}));
        EXPECT_EQ(barrier.n_waiting(), 0);
        EXPECT_FALSE(barrier.broken());
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Barrier, AbortWakesTheWaitersWithBrokenBarrierError) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 3};
        Log log;
        auto a = spawn(party(barrier, log, "a"), "a");
        auto b = spawn(party(barrier, log, "b"), "b");
        co_await yield_now();
        EXPECT_EQ(barrier.n_waiting(), 2);
        co_await barrier.abort();
        EXPECT_TRUE(barrier.broken());
        EXPECT_EQ(barrier.describe(), "broken");
        co_await gather(a, b);
        EXPECT_EQ(log, (Log{"a saw the barrier broken", "b saw the barrier broken"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Barrier, WaitOnABrokenBarrierRaisesBrokenBarrierErrorAtOnce) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 2};
        co_await barrier.abort();
        bool raised = false;
        try {
            co_await barrier.wait();
        } catch (const BrokenBarrierError&) {
            raised = true;
        }
        EXPECT_TRUE(raised);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Barrier, ResetBreaksTheCurrentWaitersAndRefillsTheBarrier) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 2};
        Log log;
        auto a = spawn(party(barrier, log, "a"), "a");
        co_await yield_now();
        co_await barrier.reset();
        co_await a;
        EXPECT_EQ(log, Log{"a saw the barrier broken"});
        EXPECT_FALSE(barrier.broken()) << "reset is not abort: the barrier is usable again";
        auto b = spawn(party(barrier, log, "b"), "b");
        auto c = spawn(party(barrier, log, "c"), "c");
        co_await gather(b, c);
        EXPECT_EQ(log, (Log{"a saw the barrier broken", "c passed with index 1", "b passed with index 0"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Barrier, ACancelledPartyLeavesWithoutBreakingTheBarrier) {
    auto result = run_fifo([]() -> Task<> {
        Barrier barrier{"barrier", 2};
        Log log;
        auto a = spawn(party(barrier, log, "a"), "a");
        co_await yield_now();
        EXPECT_EQ(barrier.n_waiting(), 1);
        a.cancel();
        co_await yield_now();
        co_await yield_now();
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(barrier.n_waiting(), 0);
        EXPECT_FALSE(barrier.broken());
        auto b = spawn(party(barrier, log, "b"), "b");
        auto c = spawn(party(barrier, log, "c"), "c");
        co_await gather(b, c);
        EXPECT_EQ(log, (Log{"c passed with index 1", "b passed with index 0"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
