#include <algorithm>

#include <interleave/scheduler/pct.hpp>

namespace interleave {

void PctStrategy::begin_execution() {
    priorities_.clear();
    change_points_.clear();
    steps_ = 0;
    for (int i = 0; i + 1 < depth_; ++i) change_points_.push_back(1 + rng_.below(estimated_steps_));
    std::sort(change_points_.begin(), change_points_.end());
}

std::uint64_t PctStrategy::priority_of(TaskId task) {
    auto it = priorities_.find(task);
    if (it != priorities_.end()) return it->second;
    // Initial priorities lie above every change-point priority (1 .. depth-1).
    const std::uint64_t priority = static_cast<std::uint64_t>(depth_) + 1 + rng_.below(1ULL << 40);
    priorities_.emplace(task, priority);
    return priority;
}

std::size_t PctStrategy::choose(std::span<const Candidate> candidates) {
    ++steps_;
    auto highest = [&] {
        std::size_t best = 0;
        for (std::size_t i = 1; i < candidates.size(); ++i) {
            const auto a = priority_of(candidates[i].task);
            const auto b = priority_of(candidates[best].task);
            if (a > b || (a == b && candidates[i].task < candidates[best].task)) best = i;
        }
        return best;
    };
    std::size_t pick = highest();
    for (std::size_t j = 0; j < change_points_.size(); ++j) {
        if (change_points_[j] == steps_) {
            priorities_[candidates[pick].task] = change_points_.size() - j;  // below all initial ones
            pick = highest();
        }
    }
    return pick;
}

bool PctStrategy::end_execution() {
    estimated_steps_ = std::max(estimated_steps_, steps_);
    return true;
}

}  // namespace interleave
