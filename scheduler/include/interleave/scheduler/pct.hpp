#pragma once
// pct: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// ASPLOS 2010). Each task gets a random priority; the highest-priority ready task runs; at
// d-1 random change points the running task drops below every initial priority. A bug of
// depth d is found with probability at least 1/(n k^(d-1)) per execution. n (tasks) and k
// (steps) are estimated from the executions seen so far.
#include <map>
#include <vector>

#include <interleave/scheduler/random_walk.hpp>

namespace interleave {

class PctStrategy final : public SeededStrategy {
public:
    explicit PctStrategy(int depth) : depth_(depth < 1 ? 1 : depth) {}
    void set_seed(std::uint64_t seed) override { rng_ = Xoshiro256(seed); }
    void begin_execution() override;
    std::size_t choose(std::span<const Candidate> candidates) override;
    bool end_execution() override;
    std::string name() const override { return "pct"; }

private:
    std::uint64_t priority_of(TaskId task);

    int depth_;
    Xoshiro256 rng_{0};
    std::map<TaskId, std::uint64_t> priorities_;
    std::vector<std::uint64_t> change_points_;  // step numbers, ascending
    std::uint64_t steps_ = 0;
    std::uint64_t estimated_steps_ = 32;
};

}  // namespace interleave
