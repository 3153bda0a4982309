#pragma once
// The built-in scenarios, registered explicitly (a static initializer in a library could be
// dropped by the linker).

namespace interleave {

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
