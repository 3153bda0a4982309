// Throughput of the explorer against a bare-coroutine floor of the same shape, built in the
// same binary so every run prints ours/floor as a ratio; with --memory, whether RSS stays
// flat over millions of executions; with --outcomes, the memory a distinct outcome costs; with
// --parallel, the speedup of 2 workers over 1.
//
//   explore_bench [--benchmark_filter=REGEX] [other Google Benchmark flags]
//   explore_bench --memory [--executions N] [--baseline N]
//   explore_bench --outcomes [--executions N]
//   explore_bench --parallel [--tasks N] [--runs N] [--executions N]
#include <unistd.h>

#include <array>
#include <charconv>
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/prng.hpp>
#include <interleave/scheduler/random_walk.hpp>

namespace {

using interleave::ExploreOptions;
using interleave::Scenario;

// ---- The floor: what running lost_update costs with nothing but coroutines and a PRNG ----

/// A root frame the bare scheduler owns: suspended at its start, and at its end so that the
/// scheduler sees it done before its destructor frees it.
class BareTask {
public:
    struct promise_type {
        BareTask get_return_object() { return BareTask{std::coroutine_handle<promise_type>::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() noexcept { std::terminate(); }
    };
    BareTask() = default;
    BareTask(BareTask&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
    BareTask& operator=(BareTask&& other) noexcept {
        std::swap(handle_, other.handle_);
        return *this;
    }
    ~BareTask() {
        if (handle_) handle_.destroy();
    }
    std::coroutine_handle<> handle() const { return handle_; }

private:
    explicit BareTask(std::coroutine_handle<promise_type> handle) : handle_(handle) {}
    std::coroutine_handle<promise_type> handle_;
};

// noinline: clang could otherwise elide the frame allocation (HALO). The floor takes its
// frames from the heap, as a bare coroutine loop does; ours recycles them through its frame
// pool, which is part of what is being measured.
[[gnu::noinline]] BareTask bare_load_then_store(int& counter) {
    std::suspend_always scheduling_point;  // a named local: g++ 12 and braced temporaries in co_await
    co_await scheduling_point;
    const int seen = counter;
    co_await scheduling_point;
    counter = seen + 1;
}

constexpr std::size_t bare_tasks = 3;

/// The ready frames in FIFO order, as ours keeps them.
struct BareReady {
    std::array<std::coroutine_handle<>, bare_tasks + 1> frames;
    std::size_t count = 0;
    void push(std::coroutine_handle<> frame) { frames[count++] = frame; }
    void erase(std::size_t at) {
        for (std::size_t i = at + 1; i < count; ++i) frames[i - 1] = frames[i];
        --count;
    }
};

/// Ours runs lost_update's body as a main task that gathers the three: it spawns them (their
/// frames live in its own, as gather's Tasks do), waits, and finishes, two steps more.
[[gnu::noinline]] BareTask bare_main(int& counter, BareReady& ready) {
    std::array<BareTask, bare_tasks> tasks;
    for (auto& task : tasks) {
        task = bare_load_then_store(counter);
        ready.push(task.handle());
    }
    std::suspend_always join;  // resumed by the scheduler once every task is done
    co_await join;
}

/// One execution on fresh frames: each step resumes a ready frame drawn with the random
/// strategy's PRNG and per-execution seed. Returns the number of steps (resumes): 11, as ours.
std::uint64_t bare_execution(std::uint64_t seed, int& counter) {
    BareReady ready;
    const BareTask main = bare_main(counter, ready);
    ready.push(main.handle());
    interleave::Xoshiro256 rng(seed);
    std::uint64_t steps = 0;
    while (!main.handle().done()) {
        if (ready.count == 0) ready.push(main.handle());
        const auto chosen = ready.count == 1 ? 0 : static_cast<std::size_t>(rng.below(ready.count));
        const auto frame = ready.frames[chosen];
        frame.resume();
        ++steps;
        if (frame.done() || frame == main.handle()) ready.erase(chosen);
    }
    return steps;
}

void floor_lost_update(benchmark::State& state) {
    std::uint64_t executions = 0;
    std::uint64_t steps = 0;
    for (auto _ : state) {
        int counter = 0;
        steps += bare_execution(interleave::execution_seed(0, executions++), counter);
        benchmark::DoNotOptimize(counter);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(executions));
    state.counters["steps_per_second"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
    state.counters["steps_per_exec"] = static_cast<double>(steps) / static_cast<double>(executions);
}

// ---- Ours: the public explore() on the built-in scenarios ----

const Scenario& builtin(std::string_view name) {
    interleave::register_builtin_scenarios();
    const auto* scenario = interleave::find_scenario(name);
    if (!scenario) throw std::runtime_error("no built-in scenario " + std::string(name));
    return *scenario;
}

ExploreOptions explore_options(const Scenario& scenario, std::string strategy, std::optional<std::uint64_t> executions,
                               const interleave::Params& params = {{"tasks", 3}}) {
    ExploreOptions options;
    options.strategy = std::move(strategy);
    options.executions = executions;
    options.params = interleave::resolve_params(scenario, params);
    return options;
}

struct StepCount {
    std::uint64_t executions = 0;
    std::uint64_t steps = 0;
};

/// explore() does not expose step counts, so this runs the same executions explore() does
/// (same strategy, same per-execution seeds, same runtime options; deterministic by design)
/// and sums ExecutionResult::steps. Untimed; the caller checks the execution counts agree.
StepCount count_steps(const Scenario& scenario, const ExploreOptions& options) {
    auto strategy = interleave::make_strategy(options);
    auto* seeded = dynamic_cast<interleave::SeededStrategy*>(strategy.get());
    interleave::RuntimeOptions runtime;
    runtime.time_model = options.time_model;
    runtime.max_steps = options.max_steps;
    runtime.record_events = false;
    const std::uint64_t limit = options.executions.value_or(seeded ? 1000 : 100000);
    StepCount count;
    for (std::uint64_t i = 0; i < limit; ++i) {
        if (seeded) seeded->set_seed(interleave::execution_seed(options.seed, i));
        strategy->begin_execution();
        count.steps += interleave::execute(scenario, options.params, *strategy, runtime).steps;
        ++count.executions;
        if (!strategy->end_execution()) break;
    }
    return count;
}

/// One iteration = one explore() call of `executions` executions (exhaustive when unset).
/// Its fixed costs (witness replays, serial orders) are part of what is measured.
void bench_explore(benchmark::State& state, const char* scenario_name, const char* strategy,
                   std::optional<std::uint64_t> executions) {
    const auto& scenario = builtin(scenario_name);
    const auto options = explore_options(scenario, strategy, executions);
    try {
        interleave::make_strategy(options);
    } catch (const std::invalid_argument&) {
        // A strategy still to come (dpor) is skipped, not failed.
        state.SkipWithError((std::string(strategy) + " not available").c_str());
        return;
    }
    const auto per_explore = count_steps(scenario, options);
    if (interleave::explore(scenario, options).executions != per_explore.executions) {
        state.SkipWithError("the step count did not rerun explore's executions");
        return;
    }
    for (auto _ : state) {
        auto result = interleave::explore(scenario, options);
        benchmark::DoNotOptimize(result);
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_explore.executions));
    state.counters["steps_per_second"] =
        benchmark::Counter(iterations * static_cast<double>(per_explore.steps), benchmark::Counter::kIsRate);
    state.counters["steps_per_exec"] =
        static_cast<double>(per_explore.steps) / static_cast<double>(per_explore.executions);
    state.counters["exec_per_iter"] = static_cast<double>(per_explore.executions);
}

constexpr const char* floor_name = "floor/lost_update";

struct ExploreBenchmark {
    const char* name;
    const char* scenario;
    const char* strategy;
    std::optional<std::uint64_t> executions;  // unset: until exhausted
};

const std::array<ExploreBenchmark, 4> explore_benchmarks{{
    {"lost_update/random", "lost_update", "random", 1000},
    {"lost_update/dfs", "lost_update", "dfs", std::nullopt},
    {"lost_update/dpor", "lost_update", "dpor", std::nullopt},
    // counter_race sleeps between its read and its write: the virtual clock's timers are in play.
    {"counter_race/random", "counter_race", "random", 1000},
}};

void register_benchmarks() {
    benchmark::RegisterBenchmark(floor_name, floor_lost_update);
    for (const auto& bench : explore_benchmarks)
        benchmark::RegisterBenchmark(bench.name, bench_explore, bench.scenario, bench.strategy, bench.executions)
            ->Unit(benchmark::kMillisecond);
}

/// The console table, plus executions/s per benchmark (the median with repetitions) for the
/// ratios printed after it.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    // A reporter handed to RunSpecifiedBenchmarks ignores --benchmark_color: colour a terminal only.
    RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.error_occurred) continue;
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
            if (auto it = run.counters.find("items_per_second"); it != run.counters.end())
                executions_per_second[run.run_name.function_name] = it->second.value;
        }
    }
    std::map<std::string, double> executions_per_second;
};

std::string rate_text(double per_second) {
    char text[32];
    if (per_second >= 1e6)
        std::snprintf(text, sizeof text, "%.2fM", per_second / 1e6);
    else
        std::snprintf(text, sizeof text, "%.1fk", per_second / 1e3);
    return text;
}

void print_ratios(const std::map<std::string, double>& executions_per_second) {
    const auto floor = executions_per_second.find(floor_name);
    if (floor == executions_per_second.end()) return;
    for (const auto& bench : explore_benchmarks) {
        const auto found = executions_per_second.find(bench.name);
        if (found == executions_per_second.end()) continue;
        const auto& [name, ours] = *found;
        const double slower = floor->second / ours;
        std::printf("ratio %s vs floor: %.1fx slower (floor %s exec/s, ours %s exec/s)", name.c_str(), slower,
                    rate_text(floor->second).c_str(), rate_text(ours).c_str());
        // The target applies to lost_update with 3 tasks under the random strategy.
        if (name == "lost_update/random") std::printf("; target <= 3x: %s", slower <= 3 ? "met" : "missed");
        std::printf("\n");
    }
}

// ---- --memory: RSS after the baseline count of executions and at the end ----

long rss_kib() {
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

[[noreturn]] void usage_error(const std::string& message) {
    std::fprintf(stderr, "explore_bench: %s\n", message.c_str());
    std::exit(2);
}

/// The positive count after flag argv[i] (which it steps over), a multiple of `multiple`.
std::uint64_t count_flag(int argc, char** argv, int& i, std::uint64_t multiple = 1) {
    const std::string_view flag = argv[i];
    if (++i >= argc) usage_error(std::string(flag) + " needs a number");
    const std::string_view text = argv[i];
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value % multiple != 0)
        usage_error(std::string(flag) + " takes a positive " +
                    (multiple == 1 ? std::string("count") : "multiple of " + std::to_string(multiple)) + ", not '" +
                    std::string(text) + "'");
    return value;
}

/// explore() with RSS sampled inside it after `baseline` executions and after the last (its
/// progress callback runs every 1000): what it keeps per execution is counted, and its final
/// aggregation is not.
struct SampledRun {
    interleave::ExploreResult result;
    long at_baseline = 0;
    long at_end = 0;
};
SampledRun explore_sampling_rss(const Scenario& scenario, ExploreOptions options, std::uint64_t baseline) {
    SampledRun run;
    const std::uint64_t executions = options.executions.value_or(0);
    options.progress = [&](std::uint64_t done) {
        if (done == baseline) run.at_baseline = rss_kib();
        if (done == executions) run.at_end = rss_kib();
    };
    run.result = interleave::explore(scenario, options);
    return run;
}

int memory_mode(int argc, char** argv) {
    std::uint64_t executions = 3000000;
    std::uint64_t baseline = 100000;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--memory") continue;
        // (explore() reports progress every 1000 executions, so RSS can be sampled only there.)
        if (arg == "--executions")
            executions = count_flag(argc, argv, i, 1000);
        else if (arg == "--baseline")
            baseline = count_flag(argc, argv, i, 1000);
        else
            usage_error("unknown --memory option '" + std::string(arg) + "' (--executions N, --baseline N)");
    }
    if (baseline >= executions) usage_error("--baseline must be below --executions");

    const auto& scenario = builtin("lost_update");
    const auto [result, at_baseline, at_end] =
        explore_sampling_rss(scenario, explore_options(scenario, "random", executions), baseline);
    const long growth = at_end - at_baseline;
    constexpr long limit_kib = 1024;
    const bool flat = std::labs(growth) <= limit_kib;
    std::printf("memory lost_update/random: RSS %ld KiB after %llu executions, %ld KiB after %llu: %+ld KiB "
                "(limit %ld KiB): %s; %s exec/s\n",
                at_baseline, static_cast<unsigned long long>(baseline), at_end,
                static_cast<unsigned long long>(result.executions), growth, limit_kib, flat ? "flat" : "GROWS",
                rate_text(static_cast<double>(result.executions) / result.elapsed_s).c_str());
    return flat ? 0 : 1;
}

// ---- --outcomes: what each distinct outcome costs in memory ----

/// A random walk of `lastzero --param n=20` (21 Shared objects), whose executions mostly end in
/// outcomes not seen before: RSS after the first 1,000 executions and after all of them, per
/// distinct outcome kept (with its witness).
int outcome_memory_mode(int argc, char** argv) {
    std::uint64_t executions = 200000;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--outcomes") continue;
        if (arg == "--executions")
            executions = count_flag(argc, argv, i, 1000);
        else
            usage_error("unknown --outcomes option '" + std::string(arg) + "' (--executions N)");
    }
    constexpr std::uint64_t baseline = 1000;
    if (executions <= baseline) usage_error("--executions must be above 1000");

    const auto& scenario = builtin("lastzero");
    const auto [result, at_baseline, at_end] =
        explore_sampling_rss(scenario, explore_options(scenario, "random", executions, {{"n", 20}}), baseline);
    const long growth = at_end - at_baseline;
    std::printf(
        "memory lastzero n=20/random: %zu distinct outcomes in %llu executions; RSS %ld KiB after %llu, %ld "
        "KiB after %llu: %+ld KiB, %.0f bytes per outcome; %s exec/s\n",
        result.outcomes.size(), static_cast<unsigned long long>(result.executions), at_baseline,
        static_cast<unsigned long long>(baseline), at_end, static_cast<unsigned long long>(result.executions), growth,
        1024.0 * static_cast<double>(growth) / static_cast<double>(result.outcomes.size()),
        rate_text(static_cast<double>(result.executions) / result.elapsed_s).c_str());
    return 0;
}

/// The same exhaustive dpor search with 1 and with 2 worker threads, alternately, `runs` times
/// each: every run's wall time (`elapsed_s`) and CPU time, the speedup of the fastest runs, and
/// whether every run shows the same executions, outcomes and reports. The fastest run of each is
/// the least disturbed by load from elsewhere, which on a shared 2-core VM can take a core away
/// from the 2-worker run for seconds. With --executions the search is cut short there, as
/// explore's default limit (100,000) cuts it: the first executions in prefix order, the same
/// for either number of workers.
int parallel_mode(int argc, char** argv) {
    std::int64_t tasks = 6;
    int runs = 3;
    std::uint64_t limit = 10000000;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--parallel") continue;
        if (arg == "--tasks" && i + 1 < argc) {
            tasks = std::atoll(argv[++i]);
            if (tasks < 2 || tasks > 7) usage_error("--tasks takes 2..7");
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::atoi(argv[++i]);
            if (runs < 1 || runs > 20) usage_error("--runs takes 1..20");
        } else if (arg == "--executions") {
            limit = count_flag(argc, argv, i);
        } else {
            usage_error("unknown --parallel option '" + std::string(arg) + "' (--tasks N, --runs N, --executions N)");
        }
    }
    const auto& scenario = builtin("lost_update");
    auto seen = [](const interleave::ExploreResult& result) {
        std::string text = std::to_string(result.executions);
        for (const auto& outcome : result.outcomes)
            text += " " + outcome.state.dump() + "x" + std::to_string(outcome.count) + " " + outcome.schedule;
        for (const auto& finding : result.findings)
            text += " " + finding.report.message + "x" + std::to_string(finding.report.count);
        return text;
    };
    double fastest[2] = {0, 0};
    std::string first_shown;
    bool same = true;
    for (int run = 0; run < runs; ++run) {
        for (std::size_t jobs = 1; jobs <= 2; ++jobs) {
            auto options = explore_options(scenario, "dpor", limit);
            options.params["tasks"] = tasks;
            options.jobs = jobs;
            const std::clock_t cpu_before = std::clock();  // the process's, every thread's
            const auto result = interleave::explore(scenario, options);
            const double cpu_s = static_cast<double>(std::clock() - cpu_before) / CLOCKS_PER_SEC;
            auto& best = fastest[jobs - 1];
            if (best == 0 || result.elapsed_s < best) best = result.elapsed_s;
            const auto shown = seen(result);
            if (first_shown.empty()) first_shown = shown;
            same = same && shown == first_shown;
            std::printf("lost_update tasks=%lld dpor --jobs %zu: %llu executions, %s, %.3f s (CPU %.3f s)\n",
                        static_cast<long long>(tasks), jobs, static_cast<unsigned long long>(result.executions),
                        result.exhausted ? "exhausted" : "not exhausted", result.elapsed_s, cpu_s);
        }
    }
    const double speedup = fastest[0] / fastest[1];
    std::printf("speedup with 2 workers, fastest of %d runs each: %.2fx (target >= 1.8x: %s); results %s\n", runs,
                speedup, speedup >= 1.8 ? "met" : "missed", same ? "identical" : "DIFFER");
    return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--memory") return memory_mode(argc, argv);
        if (std::string_view(argv[i]) == "--outcomes") return outcome_memory_mode(argc, argv);
        if (std::string_view(argv[i]) == "--parallel") return parallel_mode(argc, argv);
    }

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    register_benchmarks();
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    print_ratios(reporter.executions_per_second);
    return 0;
}
