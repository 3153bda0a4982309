#include <string>

#include <interleave/scheduler/replay.hpp>

namespace interleave {

namespace {
std::string ready_list(std::span<const Candidate> candidates) {
    std::string text;
    for (const auto& c : candidates) text += (text.empty() ? "" : ", ") + std::string("task ") + std::to_string(c.task);
    return text;
}
}  // namespace

std::size_t ReplayStrategy::choose(std::span<const Candidate> candidates) {
    ++steps_;
    if (candidates.size() == 1) return 0;
    if (position_ >= choices_.size())
        throw ScheduleMismatch("the schedule ends after " + std::to_string(choices_.size()) +
                               " choices, but the scenario reached another choice at step " + std::to_string(steps_) +
                               " (ready: " + ready_list(candidates) + ")");
    const TaskId wanted = choices_[position_++];
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].task == wanted) return i;
    throw ScheduleMismatch("the schedule diverged at choice " + std::to_string(position_) + " (step " +
                           std::to_string(steps_) + "): task " + std::to_string(wanted) + " is not ready (ready: " +
                           ready_list(candidates) + ")");
}

bool ReplayStrategy::end_execution() {
    if (position_ < choices_.size())
        throw ScheduleMismatch("the scenario ended after " + std::to_string(position_) + " choices, but the schedule has " +
                               std::to_string(choices_.size()));
    return false;
}

}  // namespace interleave
