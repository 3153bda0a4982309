#include <algorithm>
#include <string>

#include <interleave/scheduler/dfs.hpp>

namespace interleave {

void DfsStrategy::begin_execution() {
    depth_ = 0;
    last_.reset();
    preemptions_ = 0;
    begin_partitioned();
}

std::size_t DfsStrategy::choose(std::span<const Candidate> candidates) {
    // Preemptions count only against a bound: without one, the last task is not looked for.
    std::optional<std::size_t> continuing;
    if (bound_ && last_)
        for (std::size_t i = 0; i < candidates.size(); ++i)
            if (candidates[i].task == *last_) continuing = i;
    const bool only_continue = bound_ && continuing && preemptions_ >= *bound_;
    const auto options = static_cast<std::uint32_t>(only_continue ? 1 : candidates.size());
    if (depth_ < stack_.size()) {
        if (stack_[depth_].options != options)
            throw NondeterministicScenario("the same schedule prefix offered " + std::to_string(options) +
                                           " choices where it offered " + std::to_string(stack_[depth_].options) +
                                           " before (step " + std::to_string(depth_ + 1) + ")");
    } else {
        stack_.push_back(Point{options, 0});
    }
    if (split_ > 0 && options >= 2) ++branching_;
    if (split_ > 0 && options >= 2 && branching_ == split_ && !reached_split_) {
        if (!claim_at_split(depth_)) {
            stack_.resize(depth_);  // the prefix above this point is what the next execution varies
            return prune;
        }
    }
    const std::size_t pick = only_continue ? *continuing : stack_[depth_].taken;
    ++depth_;
    if (bound_) {
        if (continuing && pick != *continuing) ++preemptions_;
        last_ = candidates[pick].task;
    }
    return pick;
}

bool DfsStrategy::end_execution() {
    end_partitioned();
    stack_.resize(std::min(stack_.size(), depth_));
    while (!stack_.empty() && stack_.back().taken + 1 >= stack_.back().options) stack_.pop_back();
    if (stack_.empty()) return false;
    ++stack_.back().taken;
    if (split_ > 0 && reached_split_ && stack_.size() <= split_depth_) new_prefix_ = true;
    return true;
}

}  // namespace interleave
