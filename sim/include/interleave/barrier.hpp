#pragma once
// Barrier: asyncio.Barrier, new in 3.11 (SEMANTICS.md §12), built on a Condition as CPython's
// is. The task that trips the barrier does not suspend and returns first, with index
// parties-1; the others follow in wait order. abort() breaks it: waiters and later callers get
// BrokenBarrierError. A cancelled party just leaves; it does not break the barrier.
#include <string>

#include <interleave/condition.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/task.hpp>

namespace interleave {

class Barrier : public detail::ObjectBase {
public:
    Barrier(std::string name, int parties);

    /// Returns this task's arrival index (0 .. parties-1).
    Task<int> wait();
    Task<> reset();
    Task<> abort();
    int parties() const { return parties_; }
    int n_waiting() const {
        touch(AccessKind::read);
        return state_ == State::filling ? count_ : 0;
    }
    bool broken() const {
        touch(AccessKind::read);
        return state_ == State::broken;
    }
    std::string describe() const override;

private:
    enum class State { filling, draining, resetting, broken };
    Task<> block();
    Task<> wait_for_trip();
    void exit();

    Condition condition_;
    int parties_;
    State state_ = State::filling;
    int count_ = 0;
};

}  // namespace interleave
