// Runtime: verdicts (deadlock with a report of who waits on what, step limit, uncaught
// exceptions), teardown of frames still waiting, explicit stepping, ids in creation order, the
// strict and relaxed time models, and one result refilled by many executions.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

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

/// Counts live frames: one lives in every frame a test wants to see destroyed.
class Alive {
public:
    explicit Alive(int& count) : count_(count) { ++count_; }
    Alive(const Alive&) = delete;
    Alive& operator=(const Alive&) = delete;
    ~Alive() { --count_; }

private:
    int& count_;
};

// ---------------------------------------------------------------- deadlock

Task<> philosopher(Lock& first, Lock& second) {
    auto left = co_await first.scoped();
    co_await yield_now();
    auto right = co_await second.scoped();
}

Task<> dining_philosophers() {
    Lock fork1{"fork1"};
    Lock fork2{"fork2"};
    auto p1 = spawn(philosopher(fork1, fork2), "p1");
    auto p2 = spawn(philosopher(fork2, fork1), "p2");
    co_await gather(p1, p2);
}

void expect_dining_deadlock(const ExecutionResult& result) {
    EXPECT_EQ(result.verdict, Verdict::deadlock);
    ASSERT_EQ(result.objects.size(), 2u);
    const ObjectId fork1 = 0, fork2 = 1;
    EXPECT_EQ(result.objects[fork1].name, "fork1");
    ASSERT_EQ(result.blocked.size(), 3u);
    EXPECT_EQ(result.blocked[0].name, "main");
    EXPECT_EQ(result.blocked[0].waits_on, "gather");
    EXPECT_EQ(result.blocked[0].object, no_object);
    EXPECT_EQ(result.blocked[1].name, "p1");
    EXPECT_EQ(result.blocked[1].object, fork2);
    EXPECT_EQ(result.blocked[1].waits_on, "Lock.acquire 'fork2' (held by p2, 1 waiting)");
    EXPECT_EQ(result.blocked[2].name, "p2");
    EXPECT_EQ(result.blocked[2].object, fork1);
    EXPECT_EQ(result.blocked[2].waits_on, "Lock.acquire 'fork1' (held by p1, 1 waiting)");
}

TEST(Runtime, ADeadlockNamesEveryBlockedTaskAndTheObjectItWaitsOn) {
    expect_dining_deadlock(run_fifo(dining_philosophers()));
}

TEST(Runtime, TheExploringLoopReportsTheSameDeadlock) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    expect_dining_deadlock(runtime.run(dining_philosophers()));
}

// ---------------------------------------------------------------- teardown mid-wait

struct MidWaitCase {
    const char* name;
    Task<> (*body)(int& live);
    const char* waits_on;  // the blocked waiter's report
};

Task<> stuck_on_lock(int& live) {
    Lock lock{"lock"};
    co_await lock.acquire();
    auto waiter = [](Lock& l, int& n) -> Task<> {
        Alive alive(n);
        co_await l.acquire();
    };
    auto w = spawn(waiter(lock, live), "waiter");
    co_await w;
}

Task<> stuck_on_queue_get(int& live) {
    Queue<int> queue{"queue"};
    auto waiter = [](Queue<int>& q, int& n) -> Task<> {
        Alive alive(n);
        (void)co_await q.get();
    };
    auto w = spawn(waiter(queue, live), "waiter");
    co_await w;
}

Task<> stuck_on_queue_put(int& live) {
    Queue<int> queue{"queue", 1};
    queue.put_nowait(0);
    auto waiter = [](Queue<int>& q, int& n) -> Task<> {
        Alive alive(n);
        co_await q.put(1);
    };
    auto w = spawn(waiter(queue, live), "waiter");
    co_await w;
}

Task<> stuck_on_condition(int& live) {
    Condition condition{"cond"};
    auto waiter = [](Condition& c, int& n) -> Task<> {
        Alive alive(n);
        auto held = co_await c.scoped();
        co_await c.wait();
    };
    auto w = spawn(waiter(condition, live), "waiter");
    co_await w;
}

Task<> stuck_on_event(int& live) {
    Event event{"event"};
    auto waiter = [](Event& e, int& n) -> Task<> {
        Alive alive(n);
        co_await e.wait();
    };
    auto w = spawn(waiter(event, live), "waiter");
    co_await w;
}

Task<> stuck_on_semaphore(int& live) {
    Semaphore semaphore{"sem", 0};
    auto waiter = [](Semaphore& s, int& n) -> Task<> {
        Alive alive(n);
        auto held = co_await s.scoped();
    };
    auto w = spawn(waiter(semaphore, live), "waiter");
    co_await w;
}

Task<> stuck_on_barrier(int& live) {
    Barrier barrier{"barrier", 2};
    auto waiter = [](Barrier& b, int& n) -> Task<> {
        Alive alive(n);
        (void)co_await b.wait();
    };
    auto w = spawn(waiter(barrier, live), "waiter");
    co_await w;
}

Task<> stuck_on_a_task_that_waits_on_a_future(int& live) {
    Future<int> never;
    auto waiter = [](Future<int> f, int& n) -> Task<> {
        Alive alive(n);
        (void)co_await f;
    };
    auto w = spawn(waiter(never, live), "waiter");
    co_await w;
}

void PrintTo(const MidWaitCase& c, std::ostream* os) { *os << c.name; }

class MidWait : public ::testing::TestWithParam<MidWaitCase> {};

TEST_P(MidWait, FramesAreDestroyedCleanlyAfterADeadlock) {
    int live = 0;
    for (bool fifo : {true, false}) {
        SCOPED_TRACE(fifo ? "asyncio-default" : "exploring");
        ExecutionResult result;
        if (fifo) {
            result = run_fifo(GetParam().body(live));
        } else {
            ScriptedStrategy strategy;
            Runtime runtime(strategy);
            result = runtime.run(GetParam().body(live));
        }
        EXPECT_EQ(live, 0) << "every frame, waiting ones included, has been destroyed";
        EXPECT_EQ(result.verdict, Verdict::deadlock);
        ASSERT_EQ(result.blocked.size(), 2u);
        EXPECT_EQ(result.blocked[0].waits_on, "await waiter");
        EXPECT_EQ(result.blocked[1].name, "waiter");
        EXPECT_EQ(result.blocked[1].waits_on, GetParam().waits_on);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Runtime, MidWait,
    ::testing::Values(MidWaitCase{"lock", &stuck_on_lock, "Lock.acquire 'lock' (held by main, 1 waiting)"},
                      MidWaitCase{"queue_get", &stuck_on_queue_get,
                                  "Queue.get (empty) 'queue' (empty, 1 getters waiting)"},
                      MidWaitCase{"queue_put", &stuck_on_queue_put,
                                  "Queue.put (full) 'queue' (1 item, 1 putters waiting)"},
                      MidWaitCase{"condition", &stuck_on_condition, "Condition.wait 'cond' (1 waiting, lock free)"},
                      MidWaitCase{"event", &stuck_on_event, "Event.wait 'event' (not set)"},
                      MidWaitCase{"semaphore", &stuck_on_semaphore, "Semaphore.acquire 'sem' (value 0, 1 waiting)"},
                      MidWaitCase{"barrier", &stuck_on_barrier,
                                  "Condition.wait 'barrier.condition' (1 waiting, lock free)"},
                      MidWaitCase{"future", &stuck_on_a_task_that_waits_on_a_future, "await future"}),
    [](const ::testing::TestParamInfo<MidWaitCase>& info) { return std::string(info.param.name); });

TEST(Runtime, ATaskStillSleepingWhenTheBodyReturnsIsReportedLeakedAndDestroyed) {
    int live = 0;
    for (bool fifo : {true, false}) {
        SCOPED_TRACE(fifo ? "asyncio-default" : "exploring");
        auto body = [](int& n) -> Task<> {
            auto sleeper = [](int& m) -> Task<> {
                Alive alive(m);
                co_await sleep(1s);
            };
            spawn(sleeper(n), "sleeper");
            co_await yield_now();
            EXPECT_EQ(n, 1);
        };
        ExecutionResult result;
        if (fifo) {
            result = run_fifo(body(live));
        } else {
            ScriptedStrategy strategy;
            Runtime runtime(strategy);
            result = runtime.run(body(live));
        }
        EXPECT_EQ(live, 0);
        EXPECT_EQ(result.verdict, Verdict::completed);
        EXPECT_EQ(result.leaked, std::vector<TaskId>{1});
        EXPECT_LT(result.end_time, 1s);
    }
}

TEST(Runtime, FinishingEarlyDestroysFramesMidSleepAndMidWait) {
    int live = 0;
    ScriptedStrategy strategy;
    {
        Runtime runtime(strategy);
        auto body = [](int& n) -> Task<> {
            Lock lock{"lock"};
            co_await lock.acquire();
            auto sleeper = [](int& m) -> Task<> {
                Alive alive(m);
                co_await sleep(1s);
            };
            auto waiter = [](Lock& l, int& m) -> Task<> {
                Alive alive(m);
                auto held = co_await l.scoped();
            };
            auto s = spawn(sleeper(n), "sleeper");
            auto w = spawn(waiter(lock, n), "waiter");
            co_await gather(s, w);
        };
        runtime.start(body(live));
        EXPECT_TRUE(testing::take_steps(runtime, 3));  // main, sleeper sleeps, waiter blocks
        EXPECT_EQ(live, 2);
        (void)runtime.finish();
        EXPECT_EQ(live, 0);
    }
    EXPECT_EQ(live, 0);
}

// ---------------------------------------------------------------- other verdicts

TEST(Runtime, ALivelockEndsWithTheStepLimitVerdict) {
    auto body = []() -> Task<> {
        bool flag = false;
        call_later(1ms, [&flag] { flag = true; });
        // Polling with sleep(0): virtual time never advances while this task is ready.
        while (!flag) co_await yield_now();
    };
    RuntimeOptions options;
    options.max_steps = 50;
    auto fifo = run_fifo(body(), options);
    EXPECT_EQ(fifo.verdict, Verdict::step_limit);
    EXPECT_EQ(fifo.steps, 51u);
    EXPECT_EQ(fifo.end_time, 0ns);
    EXPECT_TRUE(fifo.blocked.empty());

    ScriptedStrategy strategy;
    Runtime runtime(strategy, options);
    auto exploring = runtime.run(body());
    EXPECT_EQ(exploring.verdict, Verdict::step_limit);
    EXPECT_EQ(exploring.steps, 51u);
}

TEST(Runtime, AStepLimitNamesTheTasksOfTheLastStepsMostRecentLast) {
    auto spin = []() -> Task<> {
        for (;;) co_await yield_now();
    };
    auto body = [&]() -> Task<> { co_await gather(spin(), spin()); };
    RuntimeOptions options;
    options.max_steps = 4;  // steps 1..5: main, then the two spinners (tasks 1, 2) in turn
    EXPECT_EQ(run_fifo(body(), options).last_running, (std::vector<TaskId>{0, 1, 2, 1, 2}));
    options.max_steps = 50;  // steps 1..51: the last 32 are 20..51, the spinners from task 1's turn
    std::vector<TaskId> expected;
    for (int turn = 0; turn < 16; ++turn) expected.insert(expected.end(), {1, 2});
    EXPECT_EQ(run_fifo(body(), options).last_running, expected);
}

TEST(Runtime, ACancelledBodyIsAnUncaughtCancelledError) {
    auto result = run_fifo([]() -> Task<> {
        current_task().cancel();
        co_await yield_now();
        ADD_FAILURE() << "the cancellation must arrive at the yield";
    }());
    EXPECT_EQ(result.verdict, Verdict::uncaught_exception);
    EXPECT_EQ(result.error, "CancelledError");
}

TEST(Runtime, AFailedExpectIsAViolationNotAVerdict) {
    auto result = run_fifo([]() -> Task<> {
        EXPECT_FALSE(expect(1 + 1 == 3, "arithmetic holds"));
        EXPECT_TRUE(expect(true, "never reported"));
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    ASSERT_EQ(result.violations.size(), 1u);
    EXPECT_EQ(result.violations[0].message, "arithmetic holds");
    EXPECT_EQ(result.violations[0].task, std::optional<TaskId>(0));
}

// ---------------------------------------------------------------- stepping and bookkeeping

TEST(Runtime, StepReturnsFalseOnceTheBodyHasReturned) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy);
    runtime.start([]() -> Task<> {
        co_await yield_now();
        co_await yield_now();
    }());
    EXPECT_TRUE(runtime.step());
    EXPECT_TRUE(runtime.step());
    EXPECT_TRUE(runtime.step());
    EXPECT_FALSE(runtime.step());
    EXPECT_FALSE(runtime.step()) << "stays ended";
    auto result = runtime.finish();
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(result.steps, 3u);
    EXPECT_EQ(strategy.ran(), (Log{"main", "main", "main"}));
}

TEST(Runtime, TasksAndObjectsGetSmallIdsInCreationOrder) {
    auto result = run_fifo([]() -> Task<> {
        Lock lock{"lock"};
        Queue<int> queue{"jobs"};
        auto idle = []() -> Task<> { co_return; };
        auto a = spawn(idle());
        auto b = spawn(idle(), "named");
        auto c = spawn(idle());
        EXPECT_EQ(a.id(), 1u);
        EXPECT_EQ(b.id(), 2u);
        EXPECT_EQ(c.id(), 3u);
        co_await gather(a, b, c);
    }());
    ASSERT_EQ(result.tasks.size(), 4u);
    EXPECT_EQ(result.tasks[0].name, "main");
    EXPECT_EQ(result.tasks[1].name, "task#1") << "a lambda has no useful function name";
    EXPECT_EQ(result.tasks[2].name, "named");
    EXPECT_EQ(result.tasks[3].name, "task#2");
    EXPECT_EQ(result.tasks[3].parent, std::optional<TaskId>(0));
    EXPECT_EQ(result.tasks[0].parent, std::nullopt);
    ASSERT_GE(result.objects.size(), 2u);
    EXPECT_EQ(result.objects[0].kind, "Lock");
    EXPECT_EQ(result.objects[1].kind, "Queue");
    EXPECT_EQ(result.objects[1].name, "jobs");
}

TEST(Runtime, TheScheduleRecordsOnlyChoicesAmongSeveralCandidates) {
    ScriptedStrategy strategy({"b", "a"});
    Runtime runtime(strategy);
    auto result = runtime.run([]() -> Task<> {
        auto once = []() -> Task<> { co_return; };
        auto a = spawn(once(), "a");
        auto b = spawn(once(), "b");
        co_await gather(a, b);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(strategy.ran(), (Log{"main", "b", "a", "main"}));
    EXPECT_EQ(result.schedule, std::vector<TaskId>{2}) << "every other step had no alternative";
    EXPECT_EQ(testing::step_names(result), strategy.ran());
}

TEST(Runtime, CurrentIsTheInnermostLiveRuntime) {
    EXPECT_EQ(Runtime::current_or_null(), nullptr);
    EXPECT_THROW(Runtime::current(), std::logic_error);
    ScriptedStrategy strategy;
    Runtime outer(strategy);
    {
        Runtime inner(strategy);
        EXPECT_EQ(&Runtime::current(), &inner);
    }
    EXPECT_EQ(&Runtime::current(), &outer);
}

// ---------------------------------------------------------------- time models

Task<> sleeper_and_busy(Log& log) {
    auto sleeper = [](Log& l) -> Task<> {
        co_await sleep(1s);
        l.push_back("sleeper woke at " + format_seconds(now().count()));
    };
    auto busy = [](Log& l) -> Task<> {
        for (int i = 0; i < 3; ++i) {
            l.push_back("busy " + std::to_string(i) + " at " + format_seconds(now().count()));
            co_await yield_now();
        }
    };
    auto s = spawn(sleeper(log), "sleeper");
    auto b = spawn(busy(log), "busy");
    co_await gather(s, b);
}

TEST(Runtime, RelaxedTimeModelOffersASleeperAtEveryChoicePoint) {
    ScriptedStrategy strategy;
    Runtime runtime(strategy, RuntimeOptions{TimeModel::relaxed});
    Log log;
    runtime.start(sleeper_and_busy(log));
    EXPECT_TRUE(testing::take_steps(runtime, 2));  // main, the sleeper starts sleeping
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(runtime.step());
        EXPECT_TRUE(strategy.offered_sleeping("sleeper")) << "choice point " << i;
        EXPECT_EQ(strategy.ran().back(), "busy");
    }
    EXPECT_EQ(runtime.now_ns(), 0);
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
}

TEST(Runtime, RelaxedTimeModelLetsASleeperRunBeforeAReadyTask) {
    ScriptedStrategy strategy({"sleeper", "sleeper"});
    Runtime runtime(strategy, RuntimeOptions{TimeModel::relaxed});
    Log log;
    auto result = runtime.run(sleeper_and_busy(log));
    EXPECT_TRUE(strategy.unused().empty());
    EXPECT_EQ(result.verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"sleeper woke at 1.0s", "busy 0 at 1.0s", "busy 1 at 1.0s", "busy 2 at 1.0s"}))
        << "choosing the sleeper fires its timer early: time jumps to its deadline";
}

TEST(Runtime, StrictTimeModelNeverRunsASleeperWhileATaskIsReady) {
    ScriptedStrategy strategy({"sleeper", "sleeper"});
    Runtime runtime(strategy, RuntimeOptions{TimeModel::strict});
    Log log;
    runtime.start(sleeper_and_busy(log));
    EXPECT_TRUE(testing::take_steps(runtime, 3));
    EXPECT_EQ(strategy.offered(), (Log{"busy"})) << "the sleeper is not a candidate";
    while (runtime.step()) {
    }
    EXPECT_EQ(runtime.finish().verdict, Verdict::completed);
    EXPECT_EQ(log, (Log{"busy 0 at 0.0s", "busy 1 at 0.0s", "busy 2 at 0.0s", "sleeper woke at 1.0s"}));
}

// ---------------------------------------------------------------- one result, many executions

Task<> racing_increments() {
    Shared<int> counter{"counter", 0};
    std::vector<Task<>> tasks;
    for (int i = 0; i < 2; ++i)
        tasks.push_back([](Shared<int>& shared) -> Task<> {
            const int seen = co_await shared.load();
            co_await shared.store(seen + 1);
        }(counter));
    co_await gather(std::move(tasks));
    print("counter: {}", counter.get());
}

Task<> one_lock() {
    Lock lock{"lock"};
    auto held = co_await lock.scoped();
    expect(false, "a stale violation");
}

TEST(ExecutionResult, IsEmptyNewAndClearedAndNotOnceAnyMemberIsWritten) {
    EXPECT_TRUE(ExecutionResult{}.empty());
    const std::vector<void (*)(ExecutionResult&)> writes{
        [](ExecutionResult& r) { r.verdict = Verdict::deadlock; },
        [](ExecutionResult& r) { r.error = "ValueError"; },
        [](ExecutionResult& r) { r.outcome["counter"] = 1; },
        [](ExecutionResult& r) {
            r.objects.push_back(ObjectInfo{0, "Lock", "lock"});
        },
        [](ExecutionResult& r) {
            r.events.push_back(TraceEvent{1, 0, std::nullopt, "init", 0, ""});
        },
        [](ExecutionResult& r) { r.leaked.push_back(1); },
        [](ExecutionResult& r) { r.steps = 3; },
        [](ExecutionResult& r) { r.end_time = Duration{5}; },
    };
    for (std::size_t i = 0; i < writes.size(); ++i) {
        ExecutionResult result;
        writes[i](result);
        EXPECT_FALSE(result.empty()) << "write " << i;
        result.clear();
        EXPECT_TRUE(result.empty()) << "write " << i;
    }
}

TEST(Runtime, RunIntoEmptiesTheResultItIsGivenAndFillsItAsAFreshOne) {
    ScriptedStrategy fresh_strategy;  // (an empty script: the first candidate, every time)
    const auto fresh = Runtime(fresh_strategy).run(racing_increments());
    ASSERT_FALSE(fresh.detections.empty()) << "the FIFO order loses an update";
    ScriptedStrategy reused_strategy;
    ScriptedStrategy other;
    Runtime runtime(other);
    ExecutionResult reused;
    runtime.run_into(one_lock(), reused);  // objects, a violation, events: all of it must go
    ASSERT_EQ(reused.violations.size(), 1u);
    runtime.release();
    runtime.restart(reused_strategy, {});
    runtime.run_into(racing_increments(), reused);
    runtime.release();
    EXPECT_EQ(reused.outcome, fresh.outcome);
    EXPECT_EQ(reused.output, fresh.output);
    EXPECT_EQ(reused.schedule, fresh.schedule);
    EXPECT_EQ(reused.steps, fresh.steps);
    EXPECT_EQ(reused.events, fresh.events);
    EXPECT_TRUE(reused.violations.empty());
    ASSERT_EQ(reused.objects.size(), fresh.objects.size());
    EXPECT_EQ(reused.objects[0].name, "counter");
    ASSERT_EQ(reused.tasks.size(), fresh.tasks.size());
    for (std::size_t i = 0; i < fresh.tasks.size(); ++i) EXPECT_EQ(reused.tasks[i].name, fresh.tasks[i].name);
    ASSERT_EQ(reused.detections.size(), fresh.detections.size());
    for (std::size_t i = 0; i < fresh.detections.size(); ++i)
        EXPECT_EQ(reused.detections[i].key, fresh.detections[i].key);
}

/// Throws at its third choice, as a searching strategy abandons an execution midway.
class ThrowingStrategy final : public Strategy {
public:
    std::size_t choose(std::span<const Candidate>) override {
        if (++choices_ == 3) throw std::runtime_error("abandoned");
        return 0;
    }
    std::string name() const override { return "throwing"; }

private:
    int choices_ = 0;
};

TEST(Runtime, AnExecutionThatThrowsLeavesTheResultItWasGiven) {
    ThrowingStrategy throwing;
    Runtime runtime(throwing);
    auto result = std::make_unique<ExecutionResult>();
    EXPECT_THROW(runtime.run_into(racing_increments(), *result), std::runtime_error);
    result.reset();  // gone while the runtime still holds the abandoned execution's frames
    EXPECT_THROW((void)runtime.task_name(0), std::out_of_range) << "the runtime no longer reads the caller's result";
    ScriptedStrategy fifo;
    runtime.release();
    runtime.restart(fifo, {});  // tears the abandoned execution down
    const auto again = runtime.run(racing_increments());
    runtime.release();
    EXPECT_EQ(again.verdict, Verdict::completed);
    EXPECT_EQ(again.output, (Log{"counter: 1"})) << "the FIFO order loses an update";
}

/// Cuts the execution short at its third choice, as a search leaves it to another worker.
class PruningStrategy final : public Strategy {
public:
    std::size_t choose(std::span<const Candidate>) override { return ++choices_ == 3 ? prune : 0; }
    std::string name() const override { return "pruning"; }
    int choices_ = 0;
};

TEST(Runtime, AStrategyThatPrunesEndsTheExecutionWhereItChose) {
    PruningStrategy pruning;
    Runtime runtime(pruning);
    runtime.start(racing_increments());
    int steps = 0;
    while (runtime.step()) ++steps;
    EXPECT_EQ(steps, 2) << "the third choice ran nothing";
    EXPECT_FALSE(runtime.step()) << "ended";
    const auto result = runtime.finish();
    runtime.release();
    EXPECT_EQ(result.steps, 2u);
    EXPECT_TRUE(result.output.empty()) << "the body never printed";
    EXPECT_EQ(pruning.choices_, 3);
    ScriptedStrategy fifo;
    runtime.restart(fifo, {});  // and the runtime runs the next execution whole
    const auto again = runtime.run(racing_increments());
    runtime.release();
    EXPECT_EQ(again.output, (Log{"counter: 1"}));
}

TEST(Runtime, RestartingTheCurrentRuntimeKeepsTheOneCurrentBeforeIt) {
    ScriptedStrategy strategy;
    auto* const before = Runtime::current_or_null();
    {
        Runtime runtime(strategy);
        (void)runtime.run(racing_increments());
        runtime.restart(strategy, {});  // without release(): still the current runtime
        EXPECT_EQ(Runtime::current_or_null(), &runtime);
        (void)runtime.run(racing_increments());
    }
    EXPECT_EQ(Runtime::current_or_null(), before) << "not left pointing at the destroyed runtime";
}

}  // namespace
}  // namespace interleave
