#pragma once
// serial: runs the scenario's tasks one at a time in a given order — the ready task earliest
// in `order` always runs (the body first, unlisted tasks last). Used in the relaxed time model
// so that a sleeping task can go on at once: each task runs to completion before the next
// starts, unless it waits for one that comes later. The explorer's reference for
// serializability.
#include <vector>

#include <interleave/strategy.hpp>

namespace interleave {

class SerialStrategy final : public Strategy {
public:
    explicit SerialStrategy(std::vector<TaskId> order) : order_(std::move(order)) {}
    std::size_t choose(std::span<const Candidate> candidates) override {
        std::size_t best = 0;
        for (std::size_t i = 1; i < candidates.size(); ++i)
            if (rank(candidates[i].task) < rank(candidates[best].task)) best = i;
        return best;
    }
    std::string name() const override { return "serial"; }

private:
    std::size_t rank(TaskId task) const {
        if (task == 0) return 0;
        for (std::size_t i = 0; i < order_.size(); ++i)
            if (order_[i] == task) return i + 1;
        return order_.size() + 1 + task;
    }
    std::vector<TaskId> order_;
};

}  // namespace interleave
