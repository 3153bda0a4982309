#pragma once
// The one PRNG: xoshiro256** seeded through SplitMix64, with our own bounded draw, so a seed
// gives the same choices with any standard library (std::uniform_int_distribution does not).
#include <cstdint>

namespace interleave {

/// SplitMix64: seeds xoshiro, and derives per-execution seeds.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// The seed of execution `index` of a run started with `seed`.
constexpr std::uint64_t execution_seed(std::uint64_t seed, std::uint64_t index) {
    std::uint64_t state = seed ^ (index * 0xD1B54A32D192ED03ULL);
    splitmix64(state);
    return splitmix64(state);
}

class Xoshiro256 {
public:
    explicit constexpr Xoshiro256(std::uint64_t seed) {
        for (auto& word : s_) word = splitmix64(seed);
    }
    constexpr std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, bound), bound > 0: Lemire's multiply-and-reject, no modulo bias.
    constexpr std::uint64_t below(std::uint64_t bound) {
        std::uint64_t x = next();
        __uint128_t m = static_cast<__uint128_t>(x) * bound;
        auto low = static_cast<std::uint64_t>(m);
        if (low < bound) {
            const std::uint64_t threshold = -bound % bound;
            while (low < threshold) {
                x = next();
                m = static_cast<__uint128_t>(x) * bound;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

}  // namespace interleave
