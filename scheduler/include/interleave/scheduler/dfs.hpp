#pragma once
// dfs: naive exhaustive search over every choice at every scheduling point, depth first — the
// reference the partial-order reduction is checked against. With a preemption bound K, a
// path switches away from a still-runnable task at most K times (CHESS's iterative bounding).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include <interleave/strategy.hpp>

namespace interleave {

/// Who explores below which prefix, shared by the workers of one search. Every worker meets the
/// prefixes in the same order, so they are numbered alike; the first worker to meet one takes
/// it. A worker whose subtrees are small moves on sooner and takes more of them: the work
/// balances itself, and the union of what the workers explore does not depend on who took what.
class PrefixClaims {
public:
    PrefixClaims() = default;
    /// Claims that give prefix `only` and no other: one worker explores that prefix again alone.
    explicit PrefixClaims(std::uint64_t only) : only_(only) {}

    /// Whether prefix number `index` is the caller's: true for the first worker to ask.
    bool claim(std::uint64_t index) {
        if (only_) return index == *only_;
        // A worker asks for prefix i after it took or skipped every earlier one, so the count
        // of taken prefixes is i (nobody took it yet) or more (somebody did).
        auto expected = index;
        return taken_.compare_exchange_strong(expected, index + 1);
    }

private:
    std::atomic<std::uint64_t> taken_{0};
    std::optional<std::uint64_t> only_;
};

/// The shortcuts a partitioned search may take above its split, which its own executions can
/// disprove (dpor: a task's start taken alone, DporStrategy::Step::only_starts): none, or those
/// of every task but the ones listed.
struct PartitionShortcuts {
    bool taken = true;
    std::vector<std::uint64_t> except;  // task keys, sorted
    bool for_task(std::uint64_t task_key) const {
        return taken && !std::binary_search(except.begin(), except.end(), task_key);
    }
};

/// An exhaustive search that several workers can share: the paths down to the `split`-th point
/// with two or more choices are the prefixes; a worker explores below the prefixes it claims
/// and cuts the others short (Strategy::prune). The bookkeeping of the split, which dfs and
/// dpor keep alike; each decides which points count towards it.
class PartitionedSearch {
public:
    virtual ~PartitionedSearch() = default;
    using Shortcuts = PartitionShortcuts;
    void partition(PrefixClaims& claims, std::size_t split, Shortcuts shortcuts = {}) {
        claims_ = &claims;
        split_ = split;
        shortcuts_ = std::move(shortcuts);
    }
    /// The tasks whose shortcut the execution that just ended showed may have left traces out,
    /// sorted: the search must run again without their shortcuts (the explorer's rounds).
    const std::vector<std::uint64_t>& disproved_by_last() const { return disproved_; }
    /// Whether the execution that just ended (and was not cut short) belongs to this worker.
    bool owns_last() const { return owns_last_; }
    /// Whether the strategy cut that execution short (Strategy::prune): it does not count.
    bool pruned() const { return pruned_; }
    /// The number of the prefix that execution lies below (0 when not partitioned). A worker
    /// explores the whole subtree of a prefix it owns before it meets the next one.
    std::uint64_t last_prefix() const { return next_prefix_ == 0 ? 0 : next_prefix_ - 1; }
    /// Whether that prefix is this worker's, even when the execution was cut short (a dpor
    /// execution blocked by its sleep set lies below its prefix, and may be all it has).
    bool owns_prefix() const { return split_ == 0 || prefix_mine_; }

protected:
    /// At an execution's start.
    void begin_partitioned() {
        branching_ = 0;
        reached_split_ = false;
        pruned_ = false;
        disproved_.clear();
    }
    /// The execution reaches the split at scheduling point `depth`: claims the prefix above it.
    /// False when it is another worker's: the caller cuts the execution short.
    bool claim_at_split(std::size_t depth) {
        reached_split_ = true;
        split_depth_ = depth;
        if (claim_prefix()) return true;
        pruned_ = true;
        return false;
    }
    /// At an execution's end: one that ended above the split (not cut short) is a prefix of its
    /// own, claimed like any other.
    void end_partitioned() {
        owns_last_ = true;
        if (split_ > 0 && !reached_split_ && !pruned_) {
            owns_last_ = claim_prefix();
            new_prefix_ = true;
        }
    }

    PrefixClaims* claims_ = nullptr;
    std::size_t split_ = 0;        // 0: no partition
    Shortcuts shortcuts_{false, {}};
    std::vector<std::uint64_t> disproved_;  // by the current execution, sorted

    void disprove_shortcut(std::uint64_t task_key) {
        const auto at = std::lower_bound(disproved_.begin(), disproved_.end(), task_key);
        if (at == disproved_.end() || *at != task_key) disproved_.insert(at, task_key);
    }
    std::size_t branching_ = 0;    // points counted towards the split so far in this execution
    std::size_t split_depth_ = 0;  // the scheduling point of the split on the current prefix
    bool reached_split_ = false;
    bool pruned_ = false;     // the execution was cut short
    bool new_prefix_ = true;  // the next prefix met is one not numbered yet
    std::uint64_t next_prefix_ = 0;
    bool prefix_mine_ = false;
    bool owns_last_ = true;

private:
    /// Numbers the current prefix when it is new and claims it; true when it is this worker's.
    bool claim_prefix() {
        if (new_prefix_) prefix_mine_ = claims_->claim(next_prefix_++);
        new_prefix_ = false;
        return prefix_mine_;
    }
};

class DfsStrategy final : public Strategy, public PartitionedSearch {
public:
    explicit DfsStrategy(std::optional<int> preemption_bound = std::nullopt) : bound_(preemption_bound) {}
    void begin_execution() override;
    std::size_t choose(std::span<const Candidate> candidates) override;
    bool end_execution() override;
    std::string name() const override { return "dfs"; }

private:
    struct Point {
        std::uint32_t options;  // how many choices were allowed here
        std::uint32_t taken;    // which of them this path takes
    };
    std::optional<int> bound_;
    std::vector<Point> stack_;
    std::size_t depth_ = 0;
    std::optional<TaskId> last_;
    int preemptions_ = 0;
};

/// The scenario made different choices on the same path: it is not deterministic.
class NondeterministicScenario : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace interleave
