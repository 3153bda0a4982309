#pragma once
// random: a seeded random walk; each scheduling point picks a ready task uniformly.
#include <interleave/scheduler/prng.hpp>
#include <interleave/strategy.hpp>

namespace interleave {

/// A strategy whose choices come from a seed, reset before every execution.
class SeededStrategy : public Strategy {
public:
    virtual void set_seed(std::uint64_t seed) = 0;
};

class RandomWalkStrategy final : public SeededStrategy {
public:
    void set_seed(std::uint64_t seed) override { rng_ = Xoshiro256(seed); }
    std::size_t choose(std::span<const Candidate> candidates) override {
        return candidates.size() == 1 ? 0 : static_cast<std::size_t>(rng_.below(candidates.size()));
    }
    bool end_execution() override { return true; }
    std::string name() const override { return "random"; }

private:
    Xoshiro256 rng_{0};
};

}  // namespace interleave
