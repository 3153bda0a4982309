// The partial-order-reduction benchmarks, thread-like: every shared access is a `co_await
// x.load()` or `co_await x.store(v)`, a scheduling point before the access, so any two accesses
// can interleave. Their numbers of Mazurkiewicz traces are known in closed form (checked by
// tests/scheduler/trace_count_test.cpp), which is what a DPOR must explore exactly once each:
//   lost_update (N tasks)  (N!)^2
//   lastzero (n)           (n+3) * 2^(n-2)   (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014)
//   readers (n)            2^n
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/interleave.hpp>

namespace interleave {
namespace {

// lost_update: `t = counter; counter = t + 1` in every task, each access its own step.
Task<> load_then_store(Shared<int>& counter) {
    const int seen = co_await counter.load();
    co_await counter.store(seen + 1);
}

Task<> lost_update() {
    Shared<int> counter{"counter", 0};
    const std::int64_t count = param("tasks", 3);
    std::vector<Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
    for (std::int64_t i = 0; i < count; ++i) tasks.push_back(load_then_store(counter));
    co_await gather(std::move(tasks));
    print("counter: {}", counter.get());
}

// lastzero: task 0 searches array[n..0] for the last zero while task j (1..n) sets
// array[j] = array[j-1] + 1.
using SharedArray = std::vector<std::unique_ptr<Shared<int>>>;

Task<> find_last_zero(SharedArray& array, std::int64_t& found) {
    auto i = static_cast<std::int64_t>(array.size()) - 1;
    for (;;) {
        const int value = co_await array[static_cast<std::size_t>(i)]->load();
        if (value == 0) break;
        --i;
    }
    found = i;
}

Task<> set_from_previous(SharedArray& array, std::size_t j) {
    const int previous = co_await array[j - 1]->load();
    co_await array[j]->store(previous + 1);
}

Task<> lastzero() {
    const std::int64_t n = param("n", 3);
    SharedArray array;
    for (std::int64_t i = 0; i <= n; ++i)
        array.push_back(std::make_unique<Shared<int>>("array[" + std::to_string(i) + "]", 0));
    std::int64_t found = -1;
    std::vector<Task<>> tasks;
    tasks.push_back(find_last_zero(array, found));
    for (std::int64_t j = 1; j <= n; ++j) tasks.push_back(set_from_previous(array, static_cast<std::size_t>(j)));
    co_await gather(std::move(tasks));
    print("last zero at {}", found);
}

// readers: one task writes x once; n tasks read it once each.
Task<> write_once(Shared<int>& x) { co_await x.store(1); }

Task<> read_once(Shared<int>& x, int& seen) { seen = co_await x.load(); }

Task<> readers() {
    Shared<int> x{"x", 0};
    std::vector<int> seen(static_cast<std::size_t>(param("n", 3)), -1);
    std::vector<Task<>> tasks;
    tasks.push_back(write_once(x));
    for (auto& slot : seen) tasks.push_back(read_once(x, slot));
    co_await gather(std::move(tasks));
    print("readers saw {}", repr(seen));
}

}  // namespace

void register_dpor_benchmark_scenarios() {
    register_scenario(Scenario{"lost_update",
                               "N tasks each load counter, then store it + 1, every access a step",
                               "",
                               {{"tasks", 3, "number of tasks", 1, max_tasks}},
                               false,
                               lost_update});
    register_scenario(Scenario{"lastzero",
                               "task 0 looks for the last zero in array[0..n] while task j sets "
                               "array[j] = array[j-1] + 1",
                               "",
                               {{"n", 3, "number of writer tasks (array has n+1 cells)", 1, max_tasks}},
                               false,
                               lastzero});
    register_scenario(Scenario{"readers",
                               "one task stores x, n tasks load it",
                               "",
                               {{"n", 3, "number of reader tasks", 1, max_tasks}},
                               false,
                               readers});
}

}  // namespace interleave
