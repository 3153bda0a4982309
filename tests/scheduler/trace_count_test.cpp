// The number of Mazurkiewicz traces of the DPOR benchmarks, counted by brute force and checked
// against their closed forms: the reference a partial-order reduction must match, exploring
// each trace exactly once.
//
// A step is what a task runs between two scheduling points: the events recorded under one
// step number. Two steps are dependent when they belong to the same task, or touch the same
// Shared object and at least one of them writes it. An execution's trace is its steps ordered
// by dependence; its canonical form is the lexicographically smallest linearisation of that
// order, steps named by task (a task's steps keep their order). Equivalent executions have the
// same canonical form and, the scenarios being deterministic, different traces different ones.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/dfs.hpp>
#include "support/normal_form.hpp"

namespace interleave {
namespace {

struct Access {
    ObjectId object;
    bool write;
};

struct Step {
    TaskId task;
    std::vector<Access> accesses;
};

bool dependent(const Step& a, const Step& b) {
    if (a.task == b.task) return true;
    for (const auto& x : a.accesses)
        for (const auto& y : b.accesses)
            if (x.object == y.object && (x.write || y.write)) return true;
    return false;
}

/// The steps of an execution recorded with events, in execution order.
std::vector<Step> steps_of(const ExecutionResult& result) {
    std::vector<Step> steps;
    std::map<std::uint64_t, std::size_t> by_number;
    for (const auto& event : result.events) {
        if (event.op == "step") {
            EXPECT_TRUE(event.task.has_value());
            by_number[event.step] = steps.size();
            steps.push_back(Step{event.task.value_or(0), {}});
            continue;
        }
        if (event.op != "read" && event.op != "write") continue;
        auto it = by_number.find(event.step);
        // A shared access outside any task step (by a loop callback) would need a step of its own.
        EXPECT_TRUE(it != by_number.end() && event.task == steps[it->second].task)
            << "an access at step " << event.step << " outside its task's step";
        if (it == by_number.end()) continue;
        steps[it->second].accesses.push_back(Access{event.object, event.op == "write"});
    }
    return steps;
}

/// The canonical form of the trace of the first `count` steps.
std::vector<TaskId> canonical(const std::vector<Step>& steps, std::size_t count) {
    return testing::normal_form(steps, count, dependent, [](const Step& step) { return step.task; });
}

struct Count {
    std::size_t traces = 0;
    std::size_t executions = 0;
};

RuntimeOptions recording() {
    RuntimeOptions options;
    options.time_model = TimeModel::strict;
    options.record_events = true;
    return options;
}

const Scenario& scenario(const std::string& name) {
    register_builtin_scenarios();
    const auto* found = find_scenario(name);
    if (!found) throw std::runtime_error("no scenario " + name);
    return *found;
}

/// Every interleaving, by dfs without a bound: only for small spaces (at most ~100 executions).
Count count_naively(const std::string& name, const std::string& param, std::int64_t value) {
    const auto& s = scenario(name);
    const auto params = resolve_params(s, {{param, value}});
    std::set<std::vector<TaskId>> traces;
    DfsStrategy dfs;
    Count count;
    for (bool more = true; more;) {
        dfs.begin_execution();
        auto result = execute(s, params, dfs, recording());
        more = dfs.end_execution();
        ++count.executions;
        EXPECT_EQ(result.verdict, Verdict::completed);
        auto steps = steps_of(result);
        traces.insert(canonical(steps, steps.size()));
    }
    count.traces = traces.size();
    return count;
}

/// Follows a prefix of task choices (one per scheduling point), then always takes the first
/// candidate; remembers the candidates of every point.
class PrefixStrategy final : public Strategy {
public:
    explicit PrefixStrategy(std::vector<TaskId> prefix) : prefix_(std::move(prefix)) {}
    std::size_t choose(std::span<const Candidate> candidates) override {
        std::vector<TaskId> ids;
        for (const auto& candidate : candidates) ids.push_back(candidate.task);
        std::size_t pick = 0;
        if (points.size() < prefix_.size()) {
            auto it = std::find(ids.begin(), ids.end(), prefix_[points.size()]);
            if (it == ids.end()) throw std::logic_error("the prefix does not fit: the scenario is not deterministic");
            pick = static_cast<std::size_t>(it - ids.begin());
        }
        points.push_back(std::move(ids));
        return pick;
    }
    std::string name() const override { return "prefix"; }

    std::vector<std::vector<TaskId>> points;

private:
    std::vector<TaskId> prefix_;
};

/// The happens-before order of each prefix of `steps`, as keys: key[k] describes the first k
/// steps by the vector clock of each (how many steps of every task are dependence-ordered
/// before it, itself included), sorted, so equivalent prefixes have equal keys.
std::vector<std::vector<std::uint32_t>> prefix_keys(const std::vector<Step>& steps) {
    std::size_t tasks = 0;
    for (const auto& step : steps) tasks = std::max<std::size_t>(tasks, step.task + 1);
    std::vector<std::vector<std::uint32_t>> clocks, sorted;
    std::vector<std::uint32_t> done(tasks, 0);
    std::vector<std::vector<std::uint32_t>> keys{{}};
    for (std::size_t j = 0; j < steps.size(); ++j) {
        std::vector<std::uint32_t> clock(tasks, 0);
        for (std::size_t i = 0; i < j; ++i)
            if (dependent(steps[i], steps[j]))
                for (std::size_t t = 0; t < tasks; ++t) clock[t] = std::max(clock[t], clocks[i][t]);
        clock[steps[j].task] = ++done[steps[j].task];
        sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), clock), clock);
        clocks.push_back(std::move(clock));
        std::vector<std::uint32_t> key;
        for (const auto& c : sorted) key.insert(key.end(), c.begin(), c.end());
        keys.push_back(std::move(key));
    }
    return keys;
}

/// Every trace, by a depth-first search over schedule prefixes that branches at most once per
/// prefix trace: equivalent prefixes leave the scenario (deterministic) in the same state, so
/// the branches taken from one cover the other. Exhaustive like the naive search, in far fewer
/// executions; checked against it on small spaces below.
Count count_by_prefix_traces(const std::string& name, const std::string& param, std::int64_t value) {
    const auto& s = scenario(name);
    const auto params = resolve_params(s, {{param, value}});
    std::set<std::vector<TaskId>> traces;
    std::set<std::vector<std::uint32_t>> branched;  // prefix keys
    std::vector<std::vector<TaskId>> pending{{}};
    Count count;
    while (!pending.empty()) {
        auto prefix = std::move(pending.back());
        pending.pop_back();
        PrefixStrategy strategy(prefix);
        auto result = execute(s, params, strategy, recording());
        ++count.executions;
        EXPECT_EQ(result.verdict, Verdict::completed);
        const auto steps = steps_of(result);
        EXPECT_EQ(steps.size(), strategy.points.size()) << "every scheduling point runs one step";
        if (steps.size() != strategy.points.size()) break;
        traces.insert(canonical(steps, steps.size()));
        const auto keys = prefix_keys(steps);
        for (std::size_t k = prefix.size(); k < steps.size(); ++k) {
            // This run takes the first candidate here; the others start new prefixes.
            const auto& candidates = strategy.points[k];
            if (candidates.size() < 2 || !branched.insert(keys[k]).second) continue;
            for (std::size_t c = 1; c < candidates.size(); ++c) {
                std::vector<TaskId> next;
                for (std::size_t i = 0; i < k; ++i) next.push_back(steps[i].task);
                next.push_back(candidates[c]);
                pending.push_back(std::move(next));
            }
        }
    }
    count.traces = traces.size();
    return count;
}

std::size_t factorial(std::size_t n) { return n <= 1 ? 1 : n * factorial(n - 1); }

TEST(TraceCount, LostUpdateHasFactorialSquaredTraces) {
    for (std::int64_t tasks : {2, 3}) {
        const auto n = static_cast<std::size_t>(tasks);
        EXPECT_EQ(count_by_prefix_traces("lost_update", "tasks", tasks).traces, factorial(n) * factorial(n))
            << "tasks=" << tasks;
    }
}

TEST(TraceCount, LastzeroHasNPlusThreeTimesTwoToTheNMinusTwoTraces) {
#ifdef NDEBUG
    const std::vector<std::int64_t> sizes = {2, 3, 4, 5};
#else  // n=4 and 5 take some 3000 and 17500 executions: too slow unoptimised and sanitized
    const std::vector<std::int64_t> sizes = {2, 3};
#endif
    for (std::int64_t n : sizes) {
        const auto expected = static_cast<std::size_t>(n + 3) << (n - 2);
        EXPECT_EQ(count_by_prefix_traces("lastzero", "n", n).traces, expected) << "n=" << n;
    }
}

TEST(TraceCount, ReadersHaveTwoToTheNTraces) {
    for (std::int64_t n : {1, 2, 3, 4})
        EXPECT_EQ(count_by_prefix_traces("readers", "n", n).traces, std::size_t{1} << n) << "n=" << n;
}

TEST(TraceCount, CounterRaceInStrictTimeHasFactorialTraces) {
    for (std::int64_t tasks : {2, 3, 4})
        EXPECT_EQ(count_by_prefix_traces("counter_race", "tasks", tasks).traces,
                  factorial(static_cast<std::size_t>(tasks)))
            << "tasks=" << tasks;
}

TEST(TraceCount, PrefixTraceSearchAgreesWithEveryInterleaving) {
    struct Case {
        const char* scenario;
        const char* param;
        std::int64_t value;
    };
    // Small spaces only: each task's first step (to its first co_await) is a scheduling point
    // too, so lost_update with 3 tasks already has 1680 interleavings.
    const Case cases[] = {{"lost_update", "tasks", 2}, {"readers", "n", 1}, {"readers", "n", 2},
                          {"counter_race", "tasks", 2}, {"counter_race", "tasks", 3}};
    for (const auto& c : cases) {
        const auto naive = count_naively(c.scenario, c.param, c.value);
        const auto searched = count_by_prefix_traces(c.scenario, c.param, c.value);
        EXPECT_EQ(naive.traces, searched.traces) << c.scenario << " " << c.param << "=" << c.value;
        EXPECT_LE(searched.executions, naive.executions) << c.scenario << " " << c.param << "=" << c.value;
    }
}

}  // namespace
}  // namespace interleave
