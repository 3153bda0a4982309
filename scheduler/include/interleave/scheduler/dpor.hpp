#pragma once
// dpor: optimal dynamic partial-order reduction (Abdulla, Aronis, Jonsson, Sagonas: "Optimal
// dynamic partial order reduction", POPL 2014; "Source sets", JACM 2017) — source sets, wakeup
// trees and sleep sets. It explores one execution per Mazurkiewicz trace: two executions that
// differ only in the order of independent steps are the same trace and only one is run.
//
// A step is what a task runs between two scheduling points, with the loop callbacks it caused.
// The runtime reports what each step touched (StepRecord). Two steps are dependent when they
// belong to one task, fall in different epochs (time separates them: an epoch ends when nothing
// can run and timers fire), or touch one object where not both read (or both add). A step that
// a task could take only because another step made it ready (a lock released to it, a future
// completed, a task spawned) is not reversed with that step: the runtime reports the
// happens-before clock at which the task was made ready.
//
// Stateless: every execution runs from the start, following the path of scheduling points kept
// here; each point holds its sleep set and its wakeup tree. What the reduction computed for the
// steps an execution repeats from the previous one (up to the point where it takes another
// choice) is kept, and the runtime does not report those steps again.
//
// With a preemption bound the reduction is bounded POR (Coons, Musuvathi, McKinley, OOPSLA
// 2013): backtrack sets instead of wakeup trees, no sleep sets, and the conservative
// backtracking that also adds each reversal at the start of the racing step's run of steps,
// where switching costs no preemption.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <interleave/detail/frame_pool.hpp>
#include <interleave/scheduler/dfs.hpp>
#include <interleave/strategy.hpp>

namespace interleave {

class DporStrategy final : public Strategy, public PartitionedSearch {
public:
    explicit DporStrategy(std::optional<int> preemption_bound = std::nullopt) : bound_(preemption_bound) {}
    ~DporStrategy() override;

    void begin_execution() override;
    std::size_t choose(std::span<const Candidate> candidates) override;
    bool end_execution() override;
    bool observes_steps() const override { return true; }
    bool needs_step_record() const override { return depth_ > replayed_; }
    void step_done(const StepRecord& record) override;
    void quiescent() override { epoch_ended_ = true; }
    std::string name() const override { return "dpor"; }

    /// Up to `limit` events after a race's first step, a reversal scans them all for those
    /// that do not happen after it; past it, it searches each task's events (default 64; for
    /// tests, which compare the two).
    void set_scan_limit(std::size_t limit) { scan_limit_ = limit; }

    /// Executions cut short (Strategy::prune, not counted) because every ready task was asleep:
    /// each would only repeat a trace explored elsewhere.
    std::uint64_t sleep_blocked() const { return sleep_blocked_; }

    /// The current execution's steps as the reduction sees them (for tests): each one's
    /// happens-before clock by task id, and the earlier steps of other tasks it depends on.
    std::size_t events() const { return events_.size(); }
    const std::vector<std::uint32_t>& event_clock(std::size_t index) const { return events_[index].clock; }
    const std::vector<std::size_t>& event_dependencies(std::size_t index) const { return events_[index].direct; }
    /// The earlier events it races with (found at the end of an execution that holds it).
    const std::vector<std::size_t>& event_races(std::size_t index) const { return events_[index].races; }
    /// The sequence a reversal of race (i, j) inserts: the events after i that do not happen
    /// after it, in execution order, then j.
    std::vector<std::size_t> reversal_sequence(std::size_t i, std::size_t j);

    /// Shared out (the explorer's search, with one worker or several): above the split every
    /// ready task not asleep is explored (sleep sets only, no wakeup trees), so that part of the
    /// search does not depend on what is found below it and every worker walks it alike; below
    /// each prefix it owns, a worker runs the optimal search, starting from the prefix's sleep
    /// set.
    /// With shortcuts (PartitionedSearch::partition), a top node whose first choice is a step
    /// that only starts its task (Step::only_starts) explores that choice alone, as the optimal
    /// search does unless that step races with a later one. Exploring every task there put the
    /// first one asleep for good in each later branch: lost_update tasks=6 ran 95,820 executions
    /// blocked by their sleep sets besides the 518,400 that count. An execution in which such a
    /// step races disproves its task's shortcut (PartitionedSearch::disproved_by_last).

    /// A step as the reduction compares it.
    struct Step {
        std::uint64_t task_key = 0;
        std::uint32_t epoch = 0;
        // (From the pool: sleep sets and wakeup trees copy steps in every execution.)
        std::vector<Access, detail::PoolAllocator<Access>> accesses;
        bool known = false;  // false until the step has run once
        // Whether it writes what every step reads (StepRecord): a task's cancellation (its
        // accesses hold the write of Runtime::cancel_key), the body's end.
        bool requests_cancel = false;
        bool ends_body = false;
        // In a sleep set: put there by a top node of a parallel search (see reverse).
        bool from_top = false;

        /// A step not run yet, known by its task only.
        static Step unknown(std::uint64_t task_key, std::uint32_t epoch) {
            return Step{task_key, epoch, {}, false, false, false, false};
        }
        /// Whether it is its task's first step and touches nothing but the task's spawn
        /// (Runtime::spawn_key): then it depends on no other task's step but a request to cancel
        /// the task or the body's end, and in most searches it races with none.
        bool only_starts() const;
        /// The step `record` describes.
        static Step of(const StepRecord& record);
        /// Makes this the step `record` describes, reusing its storage.
        void assign(const StepRecord& record);
    };
    static bool dependent(const Step& a, const Step& b);

private:
    struct TreeNode;
    using Children = std::vector<std::unique_ptr<TreeNode>, detail::PoolAllocator<std::unique_ptr<TreeNode>>>;
    struct TreeNode : detail::Pooled {  // (from the pool: wakeup trees grow and shrink in every execution)
        Step step;
        Children children;
    };
    /// A scheduling point on the current path.
    struct Node {
        std::vector<Step> sleep;  // tasks whose exploration from here is covered elsewhere
        Children wakeup;          // the wakeup tree: children[0] is the choice being explored
        std::vector<std::uint64_t> enabled;  // every candidate (the last point's: what its step disables)
        // bounded search
        std::vector<std::uint64_t> allowed;    // candidates within the bound
        std::vector<std::uint64_t> backtrack;  // still to explore
        std::vector<std::uint64_t> done;       // explored
        std::uint64_t chosen = 0;
        bool top = false;        // above the split of a partitioned search: every ready task not asleep
        std::size_t picked = 0;  // the index among the candidates of the last task chosen here
        bool asleep(std::uint64_t task_key) const;
        void reset() {
            sleep.clear();
            wakeup.clear();
            enabled.clear();
            allowed.clear();
            backtrack.clear();
            done.clear();
            chosen = 0;
            top = false;
            picked = 0;
        }
    };
    /// An executed step of the current execution.
    struct Event {
        Step step;
        TaskId task;
        std::uint32_t tick;
        std::vector<std::uint32_t> clock;   // by task id: the last tick that happens before or is it
        std::vector<std::size_t> direct;    // earlier dependent events of other tasks, by object
        std::vector<std::size_t> enablers;  // events that made its task ready
        // The earlier events it races with (of `direct`, in its order, in its epoch), found and
        // reversed at the first analysis of an execution it is in: what decides a race is all
        // before it, so the executions that repeat it have the same races (analyse_races).
        std::vector<std::size_t> races;
        bool races_reversed = false;
        void reset() {
            step.accesses.clear();
            clock.clear();
            direct.clear();
            enablers.clear();
            races.clear();
            races_reversed = false;
        }
    };
    /// The events that touched an object, in execution order: a step depends on the last write
    /// and on what came after it of a kind its access conflicts with. Kept whole, so that the
    /// next execution can drop the events after its replayed prefix and go on from there.
    struct ObjectHistory {
        struct Touch {
            std::size_t event;
            AccessKind kind;
            std::uint32_t reads_from;  // the history's reads_from once it was added
        };
        std::vector<Touch> touches;
        // touches[reads_from..] are all reads: a read depends on none of them (reads commute),
        // and starts its scan back to the last write below them. (An object every step reads,
        // such as the end of the body, was otherwise scanned whole at every step.)
        std::uint32_t reads_from = 0;
        void reset() {
            touches.clear();
            reads_from = 0;
        }
    };

    /// A vector that keeps its elements' storage when cleared or shortened: the events, object
    /// histories and path nodes of one execution reuse the previous executions' allocations.
    template <class T>
    class Reused {
    public:
        std::size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        T& operator[](std::size_t i) { return items_[i]; }
        const T& operator[](std::size_t i) const { return items_[i]; }
        T& back() { return items_[size_ - 1]; }
        void clear() { size_ = 0; }
        void pop_back() { --size_; }
        void shorten(std::size_t size) { size_ = std::min(size_, size); }
        /// A fresh element (its vectors emptied, their capacity kept) at the end.
        T& add() {
            if (size_ == items_.size()) items_.emplace_back();
            T& item = items_[size_++];
            item.reset();
            return item;
        }

    private:
        std::vector<T> items_;
        std::size_t size_ = 0;
    };
    /// Object key -> history for one execution, open addressing, cleared by a generation count.
    class Histories {
    public:
        /// (Inline: a step looks up each object it touched.)
        ObjectHistory& operator[](std::uint64_t key) {
            if (const Slot* slot = slot_of(key)) return histories_[slot->index];
            return insert(key);
        }
        /// The object's history, if it has one in this execution.
        const ObjectHistory* find(std::uint64_t key) const {
            const Slot* slot = slot_of(key);
            return slot ? &histories_[slot->index] : nullptr;
        }
        void clear() {
            ++generation_;
            histories_.clear();
        }
        std::size_t size() const { return histories_.size(); }
        /// Drops every touch by an event at or after `event`.
        void forget_from(std::size_t event);

    private:
        struct Slot {
            std::uint64_t key = 0;
            std::uint32_t generation = 0;
            std::uint32_t index = 0;
        };
        /// The key's slot in this execution, or null.
        const Slot* slot_of(std::uint64_t key) const {
            const std::size_t mask = slots_.size() - 1;
            for (std::size_t at = static_cast<std::size_t>(key) & mask;; at = (at + 1) & mask) {
                const Slot& slot = slots_[at];
                if (slot.generation != generation_) return nullptr;
                if (slot.key == key) return &slot;
            }
        }
        ObjectHistory& insert(std::uint64_t key);  // not there yet
        void grow();
        std::vector<Slot> slots_ = std::vector<Slot>(64);
        Reused<ObjectHistory> histories_;
        std::uint32_t generation_ = 1;
    };

    std::uint64_t choose_key(Node& node, std::span<const Candidate> candidates, std::size_t depth);
    /// Every continuation from the new point is covered elsewhere (all its candidates, or all
    /// its branches, asleep): the execution is cut short. Returns a key for choose_key to give.
    std::uint64_t blocked_by_sleep_set(std::span<const Candidate> candidates);
    bool happens_before(std::size_t a, std::size_t b) const;
    /// Whether the point at `depth` on the path counts towards a partitioned search's split.
    bool branches(std::size_t depth) const;
    bool racing(std::size_t i, std::size_t j) const;
    void analyse_races();
    void reverse(std::size_t i, std::size_t j);
    /// reversal_sequence into `v`.
    void sequence_of(std::size_t i, std::size_t j, std::vector<std::size_t>& v);
    /// Appends to `v` the events after i that do not happen after it, but j, in execution order.
    [[gnu::noinline]] void not_after_by_task(std::size_t i, std::size_t j, std::vector<std::size_t>& v);
    void backtrack_bounded(std::size_t i, std::size_t j);
    bool next_bounded(Node& node) const;
    /// Drops the first branches of the point's wakeup tree while their first task is asleep
    /// there: what they would explore is covered elsewhere. (Only the next branch to take is
    /// looked at: the others are when their turn comes.)
    void drop_asleep_branches(Node& node);
    /// Whether top node `node`, whose current choice ran `chosen`, explores that choice alone
    /// (a shortcut: see the comment on several workers).
    bool took_shortcut(const Node& node, const Step& chosen) const;
    /// Moves the point at `depth` (the last on the path) to its next choice; false when it has none.
    bool take_next_choice(Node& node, std::size_t depth);

    std::optional<int> bound_;
    Reused<Node> path_;
    Children pending_subtree_;  // the wakeup subtree below the choice just made
    std::uint64_t sleep_blocked_ = 0;

    /// Steps the next execution repeats as the last one ran them: those before the scheduling
    /// point where it takes another choice. Their events (clocks, dependencies) are kept, not
    /// recomputed: the runtime does not report them, and their races are not reversed again.
    std::size_t replayed_ = 0;
    void keep_replayed_events();

    // the current execution
    std::size_t depth_ = 0;  // scheduling points so far
    bool blocked_ = false;
    bool epoch_ended_ = false;
    std::optional<std::uint64_t> last_key_;
    int preemptions_ = 0;
    Reused<Event> events_;
    std::vector<std::vector<std::size_t>> task_events_;  // by task id, in tick order
    Histories objects_;
    std::vector<std::uint32_t> frontier_clock_;  // joined over every event of earlier epochs
    std::vector<std::uint64_t> direct_bits_;     // step_done's working storage: a step's dependencies by event
    // reverse's working storage, kept between calls
    std::vector<std::size_t> reverse_sequence_;
    std::vector<char> reverse_into_last_;
    std::vector<std::uint64_t> reverse_matched_in_;  // by position in v: the reversal that matched it
    std::vector<std::pair<const std::size_t*, const std::size_t*>> reverse_shares_;  // not_after_by_task's
    std::size_t scan_limit_ = 64;
    std::uint64_t reversals_ = 0;
};

}  // namespace interleave
