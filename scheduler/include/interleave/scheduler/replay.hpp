#pragma once
// replay: follows a recorded schedule — the task picked at each point with two or more
// candidates. A schedule that does not fit (the task is not ready there, or the schedule is
// too short or too long) stops with ScheduleMismatch naming the choice and the step.
#include <stdexcept>
#include <vector>

#include <interleave/strategy.hpp>

namespace interleave {

class ScheduleMismatch : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ReplayStrategy final : public Strategy {
public:
    explicit ReplayStrategy(std::vector<TaskId> choices) : choices_(std::move(choices)) {}
    void begin_execution() override {
        position_ = 0;
        steps_ = 0;
    }
    std::size_t choose(std::span<const Candidate> candidates) override;
    /// Throws ScheduleMismatch when the execution made fewer choices than the schedule has.
    bool end_execution() override;
    std::string name() const override { return "replay"; }

private:
    std::vector<TaskId> choices_;
    std::size_t position_ = 0;
    std::size_t steps_ = 0;
};

}  // namespace interleave
