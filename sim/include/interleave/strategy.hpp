#pragma once
// The one interface through which every scheduling decision is made. The runtime (the engine)
// asks the strategy at each scheduling point and records the answer itself, so every strategy
// gets replay for free.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace interleave {

using TaskId = std::uint32_t;
using ObjectId = std::uint32_t;
inline constexpr ObjectId no_object = static_cast<ObjectId>(-1);

/// What a ready task will do when it runs next, where the runtime knows it (for DPOR).
enum class NextOp : std::uint8_t { unknown, load, store, timer };

/// A task that may run at this scheduling point. Candidates come in a stable order: the
/// runtime's FIFO ready order, then (relaxed time model) sleeping tasks by timer order.
struct Candidate {
    TaskId task;
    bool sleeping;      // relaxed time model: choosing it fires its timer early
    NextOp next_op;     // the access it is about to make, for thread-like steps
    ObjectId object;    // the object of that access
};

class Strategy {
public:
    virtual ~Strategy() = default;
    /// A fresh execution starts.
    virtual void begin_execution() {}
    /// Picks an index into `candidates` (never empty). Called at every scheduling point, also
    /// when there is only one candidate, so a strategy sees every step; only choices among two
    /// or more enter the recorded schedule.
    virtual std::size_t choose(std::span<const Candidate> candidates) = 0;
    /// The execution ended; returns whether there is more to explore.
    virtual bool end_execution() { return false; }
    /// True for asyncio-default: run CPython's exact batch algorithm (SEMANTICS.md §17),
    /// callbacks at their queue positions, instead of asking at every scheduling point.
    virtual bool fifo_batches() const { return false; }
    virtual std::string name() const = 0;
};

}  // namespace interleave
