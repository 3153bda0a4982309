#pragma once
// A vector clock over task ids, for happens-before. Each task ticks its own entry at every
// step; synchronisation (a release seen by an acquire, a put seen by a get, a task's end seen
// by its awaiter ...) joins the releaser's clock into the acquirer's.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <interleave/strategy.hpp>

namespace interleave::detail {

class VectorClock {
public:
    std::uint32_t at(TaskId task) const { return task < entries_.size() ? entries_[task] : 0; }
    void tick(TaskId task) {
        if (task >= entries_.size()) entries_.resize(task + 1, 0);
        ++entries_[task];
    }
    void join(const VectorClock& other) {
        if (other.entries_.size() > entries_.size()) entries_.resize(other.entries_.size(), 0);
        for (std::size_t i = 0; i < other.entries_.size(); ++i) entries_[i] = std::max(entries_[i], other.entries_[i]);
    }
    bool empty() const { return entries_.empty(); }
    void clear() { entries_.clear(); }

private:
    std::vector<std::uint32_t> entries_;
};

}  // namespace interleave::detail
