// Event: wait() on a set event does not suspend; set() wakes every waiter in wait() order, one
// hop later; clear() right after set() does not stop them (SEMANTICS.md §9).
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

Task<> wait_and_log(Event& event, Log& log, std::string name) {
    const bool returned = co_await event.wait();
    log.push_back(name + (returned ? " woke" : " woke with false") + (event.is_set() ? ", set" : ", cleared"));
}

TEST(Event, AnEventStartsClearedAndSetClearToggleIt) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Event event{"event"};
    EXPECT_FALSE(event.is_set());
    event.set();
    EXPECT_TRUE(event.is_set());
    EXPECT_EQ(event.describe(), "set");
    event.clear();
    EXPECT_FALSE(event.is_set());
    EXPECT_EQ(event.describe(), "not set");
}

TEST(Event, WaitingOnASetEventDoesNotSuspend) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"event"};
        event.set();
        const bool first = co_await event.wait();
        const bool second = co_await event.wait();
        EXPECT_TRUE(first);
        EXPECT_TRUE(second);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Event, WaitOnAClearedEventSuspendsUntilSet) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Event event{"event"};
    Log log;
    TaskHandle<> a;
    auto body = [&]() -> Task<> {
        a = spawn(wait_and_log(event, log, "a"), "a");
        co_await yield_now();
        co_await yield_now();
        event.set();
        co_await a;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, a blocks, main yields again
    EXPECT_EQ(strategy.ran().back(), "main");
    EXPECT_FALSE(a.done());
    EXPECT_TRUE(log.empty());
    EXPECT_TRUE(runtime.step());  // main sets
    EXPECT_TRUE(event.is_set());
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"});
    EXPECT_EQ(log, Log{"a woke, set"});
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Event, SetWakesEveryWaiterInTheOrderTheyStartedWaiting) {
    ScriptedStrategy strategy({"c", "a", "b"});
    Runtime runtime(strategy);
    Event event{"event"};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(wait_and_log(event, log, "a"), "a");
        auto b = spawn(wait_and_log(event, log, "b"), "b");
        auto c = spawn(wait_and_log(event, log, "c"), "c");
        co_await yield_now();
        event.set();
        co_await gather(a, b, c);
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 5));  // main, c, a, b wait; main sets
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), (Log{"c", "a", "b"})) << "all woken, queued in wait() order";
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"c woke, set", "a woke, set", "b woke, set"}));
}

TEST(Event, ClearRightAfterSetDoesNotStopTheWokenWaiters) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"event"};
        Log log;
        auto a = spawn(wait_and_log(event, log, "a"), "a");
        auto b = spawn(wait_and_log(event, log, "b"), "b");
        co_await yield_now();
        event.set();
        event.clear();
        co_await gather(a, b);
        EXPECT_EQ(log, (Log{"a woke, cleared", "b woke, cleared"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Event, WaitAfterClearSuspendsAgain) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"event"};
        Log log;
        event.set();
        event.clear();
        auto a = spawn(wait_and_log(event, log, "a"), "a");
        co_await sleep(1s);
        EXPECT_TRUE(log.empty()) << "a must still be waiting";
        event.set();
        co_await a;
        EXPECT_EQ(log, Log{"a woke, set"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Event, SettingAnAlreadySetEventWakesNobodyNew) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"event"};
        Log log;
        auto a = spawn(wait_and_log(event, log, "a"), "a");
        co_await yield_now();
        event.set();
        event.set();
        co_await a;
        EXPECT_EQ(log, Log{"a woke, set"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Event, ACancelledWaiterRaisesCancelledErrorAndLeavesTheEvent) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"event"};
        Log log;
        auto a = spawn(wait_and_log(event, log, "a"), "a");
        auto b = spawn(wait_and_log(event, log, "b"), "b");
        co_await yield_now();
        a.cancel();
        co_await yield_now();
        EXPECT_TRUE(a.cancelled());
        event.set();
        co_await b;
        EXPECT_EQ(log, Log{"b woke, set"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Event, AnUnsetEventWithWaitersIsADeadlockNamingTheEvent) {
    auto result = run_fifo([]() -> Task<> {
        Event event{"never"};
        Log log;
        co_await wait_and_log(event, log, "main");
    }());
    EXPECT_EQ(result.verdict, Verdict::deadlock);
    ASSERT_EQ(result.blocked.size(), 1u);
    EXPECT_EQ(result.blocked[0].name, "main");
    EXPECT_EQ(result.blocked[0].waits_on, "Event.wait 'never' (not set)");
}

}  // namespace
}  // namespace interleave
