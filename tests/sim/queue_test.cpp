// Queue, LifoQueue, PriorityQueue: non-blocking fast paths, one waiter woken per item, no
// reservation of the item for the woken getter, task_done()/join() (SEMANTICS.md §11).
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

Task<> get_and_log(Queue<int>& queue, Log& log, std::string name) {
    const int item = co_await queue.get();
    log.push_back(name + " got " + std::to_string(item));
}

TEST(Queue, ItemsComeOutInTheOrderOfTheQueueKind) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> fifo{"fifo"};
        LifoQueue<int> lifo{"lifo"};
        PriorityQueue<int> priority{"priority"};
        for (int item : {2, 3, 1}) {
            fifo.put_nowait(item);
            lifo.put_nowait(item);
            priority.put_nowait(item);
        }
        std::vector<int> from_fifo, from_lifo, from_priority;
        for (int i = 0; i < 3; ++i) {
            from_fifo.push_back(co_await fifo.get());
            from_lifo.push_back(co_await lifo.get());
            from_priority.push_back(co_await priority.get());
        }
        EXPECT_EQ(from_fifo, (std::vector<int>{2, 3, 1}));
        EXPECT_EQ(from_lifo, (std::vector<int>{1, 3, 2}));
        EXPECT_EQ(from_priority, (std::vector<int>{1, 2, 3}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u) << "get() on a non-empty queue never suspends";
}

TEST(Queue, PutNowaitOnAFullQueueRaisesQueueFull) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue", 2};
        queue.put_nowait(1);
        co_await queue.put(2);
        EXPECT_TRUE(queue.full());
        EXPECT_THROW(queue.put_nowait(3), QueueFull);
        EXPECT_EQ(queue.qsize(), 2u);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Queue, GetNowaitOnAnEmptyQueueRaisesQueueEmpty) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        EXPECT_TRUE(queue.empty());
        EXPECT_THROW(queue.get_nowait(), QueueEmpty);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, AMaxsizeOfZeroOrLessMeansUnbounded) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> unbounded{"unbounded"};
        Queue<int> negative{"negative", -1};
        for (int i = 0; i < 1000; ++i) {
            unbounded.put_nowait(i);
            negative.put_nowait(i);
        }
        EXPECT_FALSE(unbounded.full());
        EXPECT_FALSE(negative.full());
        EXPECT_EQ(unbounded.qsize(), 1000u);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, EachPutWakesOneGetterInFifoOrder) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Queue<int> queue{"queue"};
    Log log;
    auto body = [&]() -> Task<> {
        auto a = spawn(get_and_log(queue, log, "a"), "a");
        auto b = spawn(get_and_log(queue, log, "b"), "b");
        co_await yield_now();
        queue.put_nowait(1);
        co_await a;
        queue.put_nowait(2);
        co_await b;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, a and b park
    EXPECT_EQ(queue.describe(), "empty, 2 getters waiting");
    EXPECT_TRUE(runtime.step());  // main puts one item
    EXPECT_EQ(queue.qsize(), 1u);
    EXPECT_EQ(queue.describe(), "1 item, 1 getters waiting") << "the woken getter left the waiter list";
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"a"});
    EXPECT_EQ(queue.qsize(), 0u);
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"a got 1", "b got 2"}));
}

TEST(Queue, TheWokenGetterIsNotReservedTheItemAndParksAgainAtTheTail) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Queue<int> queue{"queue"};
    Log log;
    auto body = [&]() -> Task<> {
        auto w1 = spawn(get_and_log(queue, log, "w1"), "w1");
        auto w2 = spawn(get_and_log(queue, log, "w2"), "w2");
        co_await yield_now();
        queue.put_nowait(1);  // wakes w1 ...
        log.push_back("main got " + std::to_string(queue.get_nowait()));  // ... but main takes the item
        co_await yield_now();  // w1 finds the queue empty and parks behind w2
        queue.put_nowait(2);
        co_await yield_now();
        queue.put_nowait(3);
        co_await gather(w1, w2);
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 4));  // main, w1 and w2 park, main puts and takes
    EXPECT_EQ(queue.describe(), "empty, 1 getters waiting");
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), (Log{"w1", "main"}));
    EXPECT_EQ(queue.describe(), "empty, 2 getters waiting") << "w1 parked again";
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"main got 1", "w2 got 2", "w1 got 3"}));
}

TEST(Queue, PutWaitsWhileFullAndEachGetWakesOnePutter) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue", 1};
        Log log;
        auto producer = [](Queue<int>& q, Log& l, int item) -> Task<> {
            co_await q.put(item);
            l.push_back("put " + std::to_string(item));
        };
        queue.put_nowait(0);
        auto p1 = spawn(producer(queue, log, 1), "p1");
        auto p2 = spawn(producer(queue, log, 2), "p2");
        co_await yield_now();
        EXPECT_TRUE(log.empty()) << "both producers wait while the queue is full";
        EXPECT_EQ(queue.get_nowait(), 0);
        co_await yield_now();
        EXPECT_EQ(log, Log{"put 1"}) << "one get wakes one putter";
        EXPECT_EQ(queue.get_nowait(), 1);
        co_await gather(p1, p2);
        EXPECT_EQ(log, (Log{"put 1", "put 2"}));
        EXPECT_EQ(queue.get_nowait(), 2);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, JoinWaitsUntilEveryItemIsMarkedDone) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    Queue<int> queue{"queue"};
    TaskHandle<> joiner;
    auto body = [&]() -> Task<> {
        auto join = [](Queue<int>& q) -> Task<> { co_await q.join(); };
        queue.put_nowait(1);
        queue.put_nowait(2);
        joiner = spawn(join(queue), "joiner");
        co_await yield_now();
        (void)queue.get_nowait();
        (void)queue.get_nowait();
        queue.task_done();
        co_await yield_now();
        queue.task_done();
        co_await joiner;
    };
    runtime.start(body());
    EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, joiner waits, main: one task_done
    EXPECT_TRUE(queue.empty());
    EXPECT_FALSE(joiner.done()) << "get() alone does not finish an item";
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"main"}) << "one item is still unfinished";
    EXPECT_TRUE(runtime.step());
    EXPECT_EQ(strategy.offered(), Log{"joiner"});
    EXPECT_TRUE(joiner.done());
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Queue, JoinOnAQueueWithNothingUnfinishedDoesNotSuspend) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        co_await queue.join();
        queue.put_nowait(1);
        (void)queue.get_nowait();
        queue.task_done();
        co_await queue.join();
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 1u);
}

TEST(Queue, TaskDoneCalledTooManyTimesRaisesValueError) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        queue.put_nowait(1);
        (void)queue.get_nowait();
        queue.task_done();
        try {
            queue.task_done();
            ADD_FAILURE() << "a second task_done() for one item did not throw";
        } catch (const ValueError& e) {
            EXPECT_STREQ(e.what(), "task_done() called too many times");
        }
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, ACancelledGetterLeavesAndTheNextGetterGetsTheItem) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        Log log;
        auto a = spawn(get_and_log(queue, log, "a"), "a");
        auto b = spawn(get_and_log(queue, log, "b"), "b");
        co_await yield_now();
        a.cancel();
        co_await yield_now();
        EXPECT_TRUE(a.cancelled());
        queue.put_nowait(7);
        co_await b;
        EXPECT_EQ(log, Log{"b got 7"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, APutSkipsAGetterThatWasCancelledBeforeItCouldLeave) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        Log log;
        auto a = spawn(get_and_log(queue, log, "a"), "a");
        auto b = spawn(get_and_log(queue, log, "b"), "b");
        co_await yield_now();
        a.cancel();           // a's waiter is cancelled but still first in line
        queue.put_nowait(7);  // so the put wakes b
        co_await b;
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(log, Log{"b got 7"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(Queue, AWokenGetterCancelledBeforeItRunsPassesTheWakeUpOn) {
    auto result = run_fifo([]() -> Task<> {
        Queue<int> queue{"queue"};
        Log log;
        auto a = spawn(get_and_log(queue, log, "a"), "a");
        auto b = spawn(get_and_log(queue, log, "b"), "b");
        co_await yield_now();
        queue.put_nowait(7);  // wakes a
        a.cancel();           // before a runs
        co_await b;
        EXPECT_TRUE(a.cancelled());
        EXPECT_EQ(log, Log{"b got 7"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
