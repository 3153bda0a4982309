#pragma once
// The one interface through which every scheduling decision is made. The runtime (the engine)
// asks the strategy at each scheduling point and records the answer itself, so every strategy
// gets replay for free.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace interleave {

using TaskId = std::uint32_t;
using ObjectId = std::uint32_t;
inline constexpr ObjectId no_object = static_cast<ObjectId>(-1);

/// A task that may run at this scheduling point. Candidates come in a stable order: the
/// runtime's FIFO ready order, then (relaxed time model) sleeping tasks by timer order.
struct Candidate {
    TaskId task;
    bool sleeping;      // relaxed time model: choosing it fires its timer early
    std::uint64_t key;  // the task's name for partial-order reduction, the same in every execution
                        // (0 for a strategy that does not observe steps: only those read it)
};

/// How a step touched an object. Reads commute with reads and adds with adds (a gather
/// counting its finished children); every other pair of touches of one object is dependent.
enum class AccessKind : std::uint8_t { read, add, write };

/// One object a step touched. Keys name objects, futures and tasks by who created them (the
/// creating task's key and its creation count), so the same object has the same key in every
/// execution that shares the prefix that created it.
struct Access {
    std::uint64_t key;
    AccessKind kind;
    bool operator==(const Access&) const = default;
};

/// A task whose cancellation a step requested.
struct CancelRequest {
    TaskId task;
    std::uint64_t task_key;
};

/// What one task step did, with the callbacks it caused: reported to strategies that observe
/// steps (DPOR) after it ran and before the next choice. Besides its accesses, every step reads
/// whether its task was asked to cancel and whether the body has ended; those two reads are
/// left implicit, as every step makes them: `cancels` and `ends_body` say what writes them.
struct StepRecord {
    TaskId task;
    std::uint64_t task_key;
    std::uint32_t tick;                // the task's own step count, this step included
    std::uint32_t epoch;               // quiescent points before it: time ordered it after every earlier epoch
    std::vector<Access> accesses;      // sorted by key, one per key
    std::vector<std::uint32_t> enabled_by;  // the happens-before clock (by task id) when the task was last made ready
    std::vector<CancelRequest> cancels;     // tasks it asked to cancel (each also a write of Runtime::cancel_key)
    bool ends_body = false;                 // the body returned in it: no other step can follow
};

class Strategy {
public:
    virtual ~Strategy() = default;
    /// A fresh execution starts.
    virtual void begin_execution() {}
    /// Picks an index into `candidates` (never empty). Called at every scheduling point, also
    /// when there is only one candidate, so a strategy sees every step; only choices among two
    /// or more enter the recorded schedule. Or `prune`: the execution ends there, cut short (an
    /// exhaustive search's worker leaving it to another, a reduction knowing it redundant).
    virtual std::size_t choose(std::span<const Candidate> candidates) = 0;
    /// (Returned, not thrown: a search of several workers cuts thousands of executions short,
    /// and unwinding cost each as much as several whole executions.)
    static constexpr std::size_t prune = SIZE_MAX;
    /// The execution ended; returns whether there is more to explore.
    virtual bool end_execution() { return false; }
    /// Strategies that answer true receive every step's StepRecord (the runtime only collects
    /// accesses for them) ...
    virtual bool observes_steps() const { return false; }
    /// ... except for a step, just chosen, that the strategy says it knows already: a DPOR
    /// replaying the prefix its previous execution ran.
    virtual bool needs_step_record() const { return true; }
    virtual void step_done(const StepRecord&) {}
    /// Nothing could run: timers fired and virtual time advanced (an epoch ends).
    virtual void quiescent() {}
    /// True for asyncio-default: run CPython's exact batch algorithm (SEMANTICS.md §17),
    /// callbacks at their queue positions, instead of asking at every scheduling point.
    virtual bool fifo_batches() const { return false; }
    virtual std::string name() const = 0;
};

}  // namespace interleave
