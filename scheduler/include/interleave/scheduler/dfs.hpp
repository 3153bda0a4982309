#pragma once
// dfs: naive exhaustive search over every choice at every scheduling point, depth first — the
// reference the partial-order reduction is checked against. With a preemption bound K, a
// path switches away from a still-runnable task at most K times (CHESS's iterative bounding).
#include <optional>
#include <stdexcept>
#include <vector>

#include <interleave/strategy.hpp>

namespace interleave {

class DfsStrategy final : public Strategy {
public:
    explicit DfsStrategy(std::optional<int> preemption_bound = std::nullopt) : bound_(preemption_bound) {}
    void begin_execution() override;
    std::size_t choose(std::span<const Candidate> candidates) override;
    bool end_execution() override;
    std::string name() const override { return "dfs"; }

private:
    struct Point {
        std::uint32_t options;  // how many choices were allowed here
        std::uint32_t taken;    // which of them this path takes
    };
    std::optional<int> bound_;
    std::vector<Point> stack_;
    std::size_t depth_ = 0;
    std::optional<TaskId> last_;
    int preemptions_ = 0;
};

/// The scenario made different choices on the same path: it is not deterministic.
class NondeterministicScenario : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace interleave
