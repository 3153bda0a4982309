#pragma once
// A vector clock over task ids, for happens-before. Each task ticks its own entry at every
// step; synchronisation (a release seen by an acquire, a put seen by a get, a task's end seen
// by its awaiter ...) joins the releaser's clock into the acquirer's.
// The first entries live inline: most scenarios have a handful of tasks, and clocks are copied
// at every completion, so a heap vector per clock was a large share of an execution's cost.
// The inline entries past the size are kept zero, so that joining two inline clocks is a
// fixed-width maximum the compiler vectorises, and growing within them writes nothing.
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <interleave/detail/frame_pool.hpp>
#include <interleave/strategy.hpp>

namespace interleave::detail {

class VectorClock {
public:
    VectorClock() = default;
    // Copies only what is in use: clocks are copied at every spawn and callback, and the
    // memberwise copy went through the (usually empty) spilled vector's assignment.
    VectorClock(const VectorClock& other) : size_(other.size_), inline_(other.inline_) {
        if (other.size_ > inline_entries) spilled_ = other.spilled_;
    }
    VectorClock& operator=(const VectorClock& other) {
        size_ = other.size_;
        inline_ = other.inline_;
        if (other.size_ > inline_entries) spilled_ = other.spilled_;  // (else spilled_ is unused, kept for its storage)
        return *this;
    }
    VectorClock(VectorClock&&) noexcept = default;
    VectorClock& operator=(VectorClock&&) noexcept = default;
    ~VectorClock() = default;

    std::uint32_t at(TaskId task) const { return task < size_ ? data()[task] : 0; }
    void tick(TaskId task) {
        if (task >= size_) grow(task + 1);
        ++data()[task];
    }
    void join(const VectorClock& other) {
        if (size_ <= inline_entries && other.size_ <= inline_entries) {
            // Most scenarios have a few tasks: the first half of the entries, when the other's
            // end there (the rest of its entries are zero, and a maximum with zero keeps ours).
            if (other.size_ <= inline_entries / 2)
                max_into<inline_entries / 2>(other);
            else
                max_into<inline_entries>(other);
            size_ = std::max(size_, other.size_);
            return;
        }
        if (other.size_ > size_) grow(other.size_);
        auto* mine = data();
        const auto* theirs = other.data();
        for (std::uint32_t i = 0; i < other.size_; ++i) mine[i] = std::max(mine[i], theirs[i]);
    }
    bool empty() const { return size_ == 0; }
    /// Every entry, by task id, up to the highest task it has seen.
    std::span<const std::uint32_t> entries() const { return {data(), size_}; }
    void clear() {
        size_ = 0;
        inline_.fill(0);
        spilled_.clear();
    }

private:
    static constexpr std::uint32_t inline_entries = 8;

    /// The entrywise maximum over the first `count` inline entries (a fixed width the compiler
    /// vectorises).
    template <std::uint32_t count>
    void max_into(const VectorClock& other) {
        for (std::uint32_t i = 0; i < count; ++i) inline_[i] = std::max(inline_[i], other.inline_[i]);
    }
    std::uint32_t* data() { return size_ <= inline_entries ? inline_.data() : spilled_.data(); }
    const std::uint32_t* data() const { return size_ <= inline_entries ? inline_.data() : spilled_.data(); }
    /// Within the inline entries a store (those past size_ are zero already); past them, out of
    /// line: a task's first tick grows its clock, and spilling is rare.
    void grow(std::uint32_t size) {
        if (size > inline_entries) spill(size);
        size_ = size;
    }
    [[gnu::noinline]] void spill(std::uint32_t size) {
        if (size_ <= inline_entries) spilled_.assign(inline_.begin(), inline_.begin() + size_);
        spilled_.resize(size, 0);
    }

    std::uint32_t size_ = 0;
    std::array<std::uint32_t, inline_entries> inline_{};  // past size_: zero (while size_ <= inline_entries)
    // Every entry once there are more than inline_entries. From the frame pool: a scenario of
    // more tasks spills the clocks of its tasks and callbacks in every execution.
    std::vector<std::uint32_t, PoolAllocator<std::uint32_t>> spilled_;
};

}  // namespace interleave::detail
