// Each report kind on minimal scenarios, positive and negative: what the message names.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/random_walk.hpp>

namespace interleave {
namespace {
using namespace std::chrono_literals;

ExploreResult explore_body(Task<> (*body)(), TimeModel model = TimeModel::relaxed) {
    Scenario scenario{"minimal", "", "", {}, false, body};
    ExploreOptions options;
    options.time_model = model;
    options.max_steps = 2000;
    return explore(scenario, options);
}

std::vector<std::string> messages(const ExploreResult& result, ReportKind kind) {
    std::vector<std::string> out;
    for (const auto& finding : result.findings)
        if (finding.report.kind == kind) out.push_back(finding.report.message);
    return out;
}

// --- lost_update
Task<> read_await_write(Shared<int>& x) {
    int seen = x.get();
    co_await sleep(1ms);
    x.set(seen + 1);
}
Task<> lost_update_body() {
    Shared<int> x{"x", 0};
    co_await gather(read_await_write(x), read_await_write(x));
}
Task<> atomic_update(Shared<int>& x) {
    x.update([](int v) { return v + 1; });
    co_await sleep(1ms);
}
Task<> no_lost_update_body() {
    Shared<int> x{"x", 0};
    co_await gather(atomic_update(x), atomic_update(x));
}

TEST(LostUpdate, AReadModifyWriteAcrossAnAwaitLosesTheOtherWrite) {
    auto found = messages(explore_body(lost_update_body), ReportKind::lost_update);
    ASSERT_FALSE(found.empty());
    EXPECT_NE(found[0].find("read_await_write#"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("wrote x=1 from its read at step"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("overwriting read_await_write#"), std::string::npos) << found[0];
}

TEST(LostUpdate, EveryExecutionGivesTheFindingOneInternedKeyThatOutlivesIt) {
    Scenario scenario{"minimal", "", "", {}, false, lost_update_body};
    std::vector<ExecutionResult> kept;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        RandomWalkStrategy walk;
        walk.set_seed(seed);
        walk.begin_execution();
        auto result = execute(scenario, {}, walk, RuntimeOptions{});
        for (const auto& detection : result.detections)
            if (detection.kind == "lost_update") {
                kept.push_back(std::move(result));
                break;
            }
    }
    ASSERT_GE(kept.size(), 2u) << "the random walk should lose an update in some of 40 executions";
    const auto key = [](const ExecutionResult& result) {
        for (const auto& detection : result.detections)
            if (detection.kind == "lost_update") return detection.key;
        return std::string_view();
    };
    // Read after later executions reused the runtime: keys and task names stay valid.
    EXPECT_EQ(key(kept.front()), "lost_update x read_await_write#1 read_await_write#2");
    EXPECT_EQ(kept.front().tasks.at(1).name, "read_await_write#1");
    for (const auto& result : kept) EXPECT_EQ(key(result).data(), key(kept.front()).data()) << "one copy";
}

TEST(LostUpdate, AReadModifyWriteWithoutSuspensionIsNone) {
    EXPECT_TRUE(messages(explore_body(no_lost_update_body), ReportKind::lost_update).empty());
}

// --- data_race
Task<> writer(Shared<int>& x) {
    x.set(1);
    co_return;
}
Task<> sleepy_reader(Shared<int>& x) {
    co_await sleep(5ms);
    (void)x.get();
}
Task<> timing_race_body() {
    Shared<int> x{"x", 0};
    co_await gather(writer(x), sleepy_reader(x));
}

TEST(DataRace, AccessesOrderedOnlyBySleepAreARaceAndSaySo) {
    auto found = messages(explore_body(timing_race_body, TimeModel::strict), ReportKind::data_race);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("writer#1 wrote x"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("sleepy_reader#1 read it"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("ordered only by timing"), std::string::npos) << found[0];
}

// Every write races with the one before it, by another task: n writers in any order make n - 1
// races, each between other tasks, all reported in the one execution (past 10 tasks too).
Task<> many_writers_body() {
    Shared<int> x{"x", 0};
    std::vector<Task<>> writers;
    for (int i = 0; i < 14; ++i) writers.push_back(writer(x));
    co_await gather(std::move(writers));
}

TEST(DataRace, EachPairOfTasksIsReportedOnceInAnExecution) {
    Scenario scenario{"minimal", "", "", {}, false, many_writers_body};
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        RandomWalkStrategy walk;
        walk.set_seed(seed);
        walk.begin_execution();
        const auto result = execute(scenario, {}, walk, RuntimeOptions{});
        std::vector<std::string_view> keys;
        for (const auto& detection : result.detections)
            if (detection.kind == "data_race") keys.push_back(detection.key);
        EXPECT_EQ(keys.size(), 13u) << "seed " << seed;
        std::sort(keys.begin(), keys.end());
        EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end()) << "seed " << seed << ": reported twice";
    }
}

// The detectors keep their histories across executions (with ids reused): what one execution
// did to x must not race with the next's accesses. Executions in turn:
//  0. task 1 reads and writes x;
//  1. task 1 does nothing, task 2 reads, then writes x (task 1's write and read are gone);
//  2. task 1 does nothing, task 2 reads x at its third step;
//  3. tasks 1 and 3 read x, task 2 does nothing, then the body writes x after them all (task
//     2's late read, between the readers, is gone).
int forgotten_step = 0;
Task<> read_and_write(Shared<int>& x) {
    x.set(x.get() + 1);
    co_return;
}
Task<> read_late(Shared<int>& x) {
    co_await sleep(0ms);
    co_await sleep(0ms);
    (void)x.get();
}
Task<> read_only(Shared<int>& x) {
    (void)x.get();
    co_return;
}
Task<> idle() { co_return; }
Task<> forgotten_body() {
    Shared<int> x{"x", 0};
    switch (forgotten_step) {
        case 0:
            co_await gather(read_and_write(x));
            break;
        case 1:
            co_await gather(idle(), read_and_write(x));
            break;
        case 2:
            co_await gather(idle(), read_late(x));
            break;
        default:
            co_await gather(read_only(x), idle(), read_only(x));
            x.set(1);
    }
}

TEST(DataRace, AnEarlierExecutionsAccessesAreForgotten) {
    Scenario scenario{"minimal", "", "", {}, false, forgotten_body};
    for (forgotten_step = 0; forgotten_step < 4; ++forgotten_step) {
        RandomWalkStrategy walk;
        walk.set_seed(1);
        walk.begin_execution();
        const auto result = execute(scenario, {}, walk, RuntimeOptions{});  // (one runtime, reused)
        for (const auto& detection : result.detections)
            ADD_FAILURE() << "execution " << forgotten_step << ": " << detection.key << ": " << detection.message;
    }
    forgotten_step = 0;
}

Task<> locked_writer(Lock& lock, Shared<int>& x) {
    auto held = co_await lock.scoped();
    x.set(x.get() + 1);
    co_await sleep(1ms);
}
Task<> lock_ordered_body() {
    Lock lock{"lock"};
    Shared<int> x{"x", 0};
    co_await gather(locked_writer(lock, x), locked_writer(lock, x));
    (void)x.get();  // after the gather: ordered by the children's ends
}

TEST(DataRace, LockReleaseOrdersTheNextAcquire) {
    EXPECT_TRUE(messages(explore_body(lock_ordered_body), ReportKind::data_race).empty());
}

Task<> event_setter(Event& done, Shared<int>& x) {
    x.set(7);
    done.set();
    co_return;
}
Task<> event_waiter(Event& done, Shared<int>& x) {
    co_await done.wait();
    (void)x.get();
}
Task<> event_ordered_body() {
    Event done{"done"};
    Shared<int> x{"x", 0};
    co_await gather(event_waiter(done, x), event_setter(done, x));
}

TEST(DataRace, EventSetOrdersTheWokenWaiter) {
    EXPECT_TRUE(messages(explore_body(event_ordered_body), ReportKind::data_race).empty());
}

Task<> producer(Queue<int>& q, Shared<int>& x) {
    x.set(3);
    co_await q.put(1);
}
Task<> consumer(Queue<int>& q, Shared<int>& x) {
    (void)co_await q.get();
    (void)x.get();
}
Task<> queue_ordered_body() {
    Queue<int> q{"q"};
    Shared<int> x{"x", 0};
    co_await gather(consumer(q, x), producer(q, x));
}

TEST(DataRace, QueuePutOrdersTheGetThatTakesTheItem) {
    EXPECT_TRUE(messages(explore_body(queue_ordered_body), ReportKind::data_race).empty());
}

Task<> child_writes(Shared<int>& x) {
    (void)x.get();
    x.set(2);
    co_return;
}
Task<> spawn_join_body() {
    Shared<int> x{"x", 0};
    x.set(1);                          // before the spawn: ordered before the child
    auto child = spawn(child_writes(x));
    co_await child;
    (void)x.get();                     // after the join: ordered after the child
}

TEST(DataRace, SpawnAndJoinOrderParentAndChild) {
    EXPECT_TRUE(messages(explore_body(spawn_join_body), ReportKind::data_race).empty());
}

// --- deadlock
Task<> grab(Lock& first, Lock& second) {
    auto a = co_await first.scoped();
    co_await sleep(1ms);
    auto b = co_await second.scoped();
}
Task<> deadlock_body() {
    Lock left{"left"}, right{"right"};
    co_await gather(grab(left, right), grab(right, left));
}

TEST(Deadlock, NamesEachBlockedTaskWhatItWaitsOnAndTheCycle) {
    auto found = messages(explore_body(deadlock_body), ReportKind::deadlock);
    ASSERT_FALSE(found.empty());
    EXPECT_NE(found[0].find("grab#1 waits on Lock.acquire 'right' (held by grab#2"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("grab#2 waits on Lock.acquire 'left' (held by grab#1"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("Wait-for cycle: grab#1 wants 'right' held by grab#2 -> grab#2 wants 'left' held by grab#1"),
              std::string::npos)
        << found[0];
}

Task<> waits_for_ever(Event& never) { co_await never.wait(); }
Task<> event_deadlock_body() {
    Event never{"never"};
    co_await waits_for_ever(never);
}

TEST(Deadlock, AnEventNeverSetIsNamed) {
    auto found = messages(explore_body(event_deadlock_body), ReportKind::deadlock);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("main waits on Event.wait 'never' (not set)"), std::string::npos) << found[0];
}

// --- lock_order
Task<> ordered_pair(Lock& first, Lock& second) {
    {
        auto a = co_await first.scoped();
        auto b = co_await second.scoped();
    }
    co_await sleep(1ms);
}
Task<> inversion_without_deadlock_body() {
    Lock a{"a"}, b{"b"};
    co_await ordered_pair(a, b);  // the body takes a then b ...
    auto other = spawn(ordered_pair(b, a));
    co_await other;               // ... later a task takes b then a: no deadlock here, but a hazard
}

TEST(LockOrder, OppositeOrdersAreReportedEvenWithoutADeadlock) {
    auto result = explore_body(inversion_without_deadlock_body);
    EXPECT_TRUE(messages(result, ReportKind::deadlock).empty());
    auto found = messages(result, ReportKind::lock_order);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("took 'b' while holding 'a'"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("took 'a' while holding 'b'"), std::string::npos) << found[0];
}

Task<> same_order_body() {
    Lock a{"a"}, b{"b"};
    co_await gather(ordered_pair(a, b), ordered_pair(a, b));
}

TEST(LockOrder, OneGlobalOrderIsClean) {
    EXPECT_TRUE(messages(explore_body(same_order_body), ReportKind::lock_order).empty());
}

// --- task_leak, step_limit, invariant
Task<> forgotten() { co_await sleep(1s); }
Task<> leak_body() {
    spawn(forgotten());
    co_return;
}
Task<> awaited_body() {
    auto t = spawn(forgotten());
    co_await t;
}

TEST(TaskLeak, APendingSpawnedTaskAtTheEndIsNamed) {
    auto found = messages(explore_body(leak_body, TimeModel::strict), ReportKind::task_leak);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("forgotten#1"), std::string::npos);
    EXPECT_TRUE(messages(explore_body(awaited_body, TimeModel::strict), ReportKind::task_leak).empty());
}

Task<> spinner(Shared<bool>& stop) {
    while (!stop.get()) co_await yield_now();
}
Task<> spin_body() {
    Shared<bool> stop{"stop", false};
    co_await gather(spinner(stop), spinner(stop));
}

TEST(StepLimit, ALivelockNamesTheRepeatingTasks) {
    Scenario scenario{"spin", "", "", {}, false, spin_body};
    ExploreOptions options;
    options.max_steps = 500;
    options.stop_on_first = true;
    auto result = explore(scenario, options);
    auto found = messages(result, ReportKind::step_limit);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("more than 500 task steps"), std::string::npos) << found[0];
    EXPECT_NE(found[0].find("spinner#1, spinner#2"), std::string::npos) << found[0];
}

TEST(StepLimit, ALivelockCutWhereEitherTaskRanLastIsOneReport) {
    // The spinners' livelock is cut after either one's step: its executions' own reports say
    // "ran spinner#1, spinner#2" or "ran spinner#2, spinner#1" ...
    Scenario scenario{"spin", "", "", {}, false, spin_body};
    constexpr std::uint64_t limit = 50;
    const auto tasks_named = [](const std::string& message) {
        std::set<std::string> names;
        for (auto at = message.find("ran ") + 4; at < message.size();) {
            const auto end = std::min(message.find(", ", at), message.size());
            names.insert(message.substr(at, end - at));
            at = end + 2;
        }
        return names;
    };
    std::set<std::string> orders;
    for (std::uint64_t seed = 0; seed < 40; ++seed)
        for (const auto& report : execution_reports(replay_seed(scenario, {}, "random", seed, 3, TimeModel::strict, limit)))
            if (report.kind == ReportKind::step_limit) orders.insert(report.message.substr(report.message.find("ran ")));
    EXPECT_TRUE(orders.count("ran spinner#1, spinner#2") && orders.count("ran spinner#2, spinner#1"));
    // ... and exploring them gives one report for those tasks, counting every such execution.
    ExploreOptions options;
    options.strategy = "random";
    options.max_steps = limit;
    options.executions = 400;
    const auto result = explore(scenario, options);
    std::set<std::set<std::string>> reported;
    std::uint64_t counted = 0;
    for (const auto& finding : result.findings) {
        if (finding.report.kind != ReportKind::step_limit) continue;
        EXPECT_TRUE(reported.insert(tasks_named(finding.report.message)).second) << finding.report.message;
        counted += finding.report.count;
    }
    EXPECT_EQ(reported, (std::set<std::set<std::string>>{{"spinner#1", "spinner#2"}}));
    EXPECT_EQ(counted, result.executions);
}

Task<> checks(Shared<int>& x) {
    int v = x.get();
    co_await sleep(1ms);
    x.set(v - 1);
    expect(x.get() >= 0, "x stays non-negative");
}
Task<> invariant_body() {
    Shared<int> x{"x", 1};
    co_await gather(checks(x), checks(x));
}

TEST(Invariant, AFailedExpectNamesTaskAndStep) {
    auto found = messages(explore_body(invariant_body), ReportKind::invariant);
    ASSERT_FALSE(found.empty());
    EXPECT_NE(found[0].find("checks#"), std::string::npos);
    EXPECT_NE(found[0].find(" at step "), std::string::npos);
    EXPECT_NE(found[0].find("x stays non-negative"), std::string::npos);
}

Task<> thrower() {
    co_await yield_now();
    throw ValueError("boom");
}
Task<> raising_body() { co_await thrower(); }

TEST(Invariant, AnUncaughtExceptionIsReported) {
    auto found = messages(explore_body(raising_body), ReportKind::invariant);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].find("ValueError: boom"), std::string::npos) << found[0];
}

}  // namespace
}  // namespace interleave
