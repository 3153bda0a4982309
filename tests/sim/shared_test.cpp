// Shared<T>: recorded reads and writes that never suspend (get/set/update), thread-like accesses
// that are scheduling points (load/store/compare_exchange), and the final values as outcome.
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

/// "op value" for every recorded access to the object named `name`.
Log accesses(const ExecutionResult& result, const std::string& name) {
    Log out;
    for (const auto& event : result.events)
        if (event.object != no_object && result.objects.at(event.object).name == name)
            out.push_back(event.op + " " + event.value);
    return out;
}

Task<> load_then_store_increment(Shared<int>& counter) {
    const int seen = co_await counter.load();
    co_await counter.store(seen + 1);
}

Task<> two_thread_like_increments(Shared<int>*& out) {
    Shared<int> counter{"counter", 0};
    out = &counter;
    auto a = spawn(load_then_store_increment(counter), "a");
    auto b = spawn(load_then_store_increment(counter), "b");
    co_await gather(a, b);
}

TEST(Shared, GetSetAndUpdateAreRecordedAsReadsAndWrites) {
    auto result = run_fifo([]() -> Task<> {
        Shared<int> x{"x", 1};
        x.set(x.get() + 1);
        x.update([](int v) { return v * 10; });
        co_return;
    }());
    EXPECT_EQ(accesses(result, "x"), (Log{"init 1", "read 1", "write 2", "read 2", "write 20"}));
    EXPECT_EQ(result.steps, 1u) << "plain accesses are not scheduling points";
}

TEST(Shared, PeekReadsWithoutRecordingAnAccess) {
    auto result = run_fifo([]() -> Task<> {
        Shared<std::string> name{"name", "ada"};
        EXPECT_EQ(name.peek(), "ada");
        EXPECT_EQ(name.describe(), "= 'ada'");
        co_return;
    }());
    EXPECT_EQ(accesses(result, "name"), Log{"init 'ada'"});
}

TEST(Shared, TheFinalValuesOfEverySharedFormTheOutcome) {
    auto result = run_fifo([]() -> Task<> {
        Shared<int> count{"count", 0};
        Shared<std::string> name{"name", ""};
        Shared<int> again{"count", 7};
        count.set(3);
        name.set("done");
        co_return;
    }());
    EXPECT_EQ(result.outcome.dump(), R"({"count":3,"name":"done","count#2":7})");
}

TEST(Shared, ASharedThatDiesBeforeTheBodyEndsKeepsItsFinalValueInTheOutcome) {
    auto result = run_fifo([]() -> Task<> {
        auto scoped = []() -> Task<> {
            Shared<int> temporary{"temporary", 0};
            temporary.set(5);
            co_await yield_now();
        };
        co_await scoped();
        co_await yield_now();
    }());
    EXPECT_EQ(result.outcome.dump(), R"({"temporary":5})");
}

TEST(Shared, UpdateHasNoSchedulingPointSoNoUpdateIsLost) {
    ScriptedStrategy strategy({"c", "b", "a"});
    Runtime runtime(strategy);
    auto body = []() -> Task<> {
        Shared<int> counter{"counter", 0};
        auto increment = [](Shared<int>& x) -> Task<> {
            co_await yield_now();
            x.update([](int v) { return v + 1; });
        };
        auto a = spawn(increment(counter), "a");
        auto b = spawn(increment(counter), "b");
        auto c = spawn(increment(counter), "c");
        co_await gather(a, b, c);
    };
    auto result = runtime.run(body());
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.outcome["counter"], 3);
}

TEST(Shared, EveryLoadAndStoreWaitsAtASchedulingPointFirst) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Shared<int>* counter = nullptr;
    runtime.start(two_thread_like_increments(counter));
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main; a and b stop before their loads
    ASSERT_NE(counter, nullptr);
    EXPECT_EQ(counter->peek(), 0);
    EXPECT_TRUE(runtime.step());
    ASSERT_EQ(strategy.last_candidates().size(), 2u) << "both wait to load";
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), (Log{"b", "a"}));
    EXPECT_EQ(counter->peek(), 0) << "a loaded and now waits to store";
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Shared, InterleavedLoadsAndStoresLoseAnUpdate) {
    ScriptedStrategy strategy({"a", "b", "a", "b", "a", "b"});
    Runtime runtime(strategy);
    Shared<int>* counter = nullptr;
    auto result = runtime.run(two_thread_like_increments(counter));
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.outcome["counter"], 1);
    EXPECT_EQ(accesses(result, "counter"), (Log{"init 0", "read 0", "read 0", "write 1", "write 1"}));
}

TEST(Shared, RunningTheIncrementsOneAfterTheOtherKeepsBoth) {
    ScriptedStrategy strategy({"a", "a", "a", "b", "b", "b"});
    Runtime runtime(strategy);
    Shared<int>* counter = nullptr;
    auto result = runtime.run(two_thread_like_increments(counter));
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.outcome["counter"], 2);
}

TEST(Shared, CompareExchangeWritesOnlyWhenTheValueMatches) {
    auto result = run_fifo([]() -> Task<> {
        Shared<int> x{"x", 1};
        const bool missed = co_await x.compare_exchange(0, 5);
        const bool hit = co_await x.compare_exchange(1, 5);
        EXPECT_FALSE(missed);
        EXPECT_TRUE(hit);
        EXPECT_EQ(x.peek(), 5);
    }());
    EXPECT_EQ(accesses(result, "x"), (Log{"init 1", "read 1", "read 1", "write 5"}));
    EXPECT_EQ(result.steps, 3u) << "each thread-like access is a scheduling point";
}

}  // namespace
}  // namespace interleave
