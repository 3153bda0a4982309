#pragma once
// The built-in scenarios, registered explicitly (a static initializer in a library could be
// dropped by the linker).

#include <cstdint>

namespace interleave {

/// The most tasks a built-in's count parameter takes. Every pair of tasks racing on one
/// variable is a report of its own: lost_update with 1,000 tasks shows 499,500 data races,
/// 10 s and 314 MB for 3 random executions; 10,000 would need a hundred times that.
inline constexpr std::int64_t max_tasks = 1000;

/// Registers the seed chapter's 13 examples.
void register_seed_chapter_scenarios();
/// Registers the classic-bug scenarios (deadlocks, lost wake-up, check-then-act, overdraft,
/// leak, livelock) and their fixed twins.
void register_classic_bug_scenarios();
/// Registers the thread-like partial-order-reduction benchmarks (lost_update, lastzero,
/// readers), whose numbers of Mazurkiewicz traces are known in closed form.
void register_dpor_benchmark_scenarios();
/// Registers every built-in scenario; idempotent.
void register_builtin_scenarios();

}  // namespace interleave
