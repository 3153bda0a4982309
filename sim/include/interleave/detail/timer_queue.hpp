#pragma once
// TimerQueue: the loop's pending timers in (deadline, creation) order, in one vector sorted
// latest first, so the earliest is taken from the back. Few timers are pending at once: a
// sorted vector costs no allocation per timer, where a map allocated a node for each sleep.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace interleave::detail {

template <class Timer>
class TimerQueue {
public:
    using Key = std::pair<std::int64_t, std::uint64_t>;  // deadline (ns), then creation order

    bool empty() const { return entries_.empty(); }
    const Key& earliest_key() const { return entries_.back().first; }
    void clear() { entries_.clear(); }

    void insert(Key key, Timer timer) { entries_.emplace(position(key), key, std::move(timer)); }
    /// Takes out the timer of `key`, if pending.
    std::optional<Timer> take(const Key& key) {
        auto at = position(key);
        if (at == entries_.end() || at->first != key) return std::nullopt;
        Timer timer = std::move(at->second);
        entries_.erase(at);
        return timer;
    }
    Timer take_earliest() {
        Timer timer = std::move(entries_.back().second);
        entries_.pop_back();
        return timer;
    }
    /// Visits the timers earliest first.
    template <class Visit>
    void for_each(Visit&& visit) const {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) visit(it->first, it->second);
    }

private:
    using Entry = std::pair<Key, Timer>;
    // The first entry not later than `key` (entries are sorted latest first).
    typename std::vector<Entry>::iterator position(const Key& key) {
        return std::lower_bound(entries_.begin(), entries_.end(), key,
                                [](const Entry& entry, const Key& k) { return entry.first > k; });
    }
    std::vector<Entry> entries_;
};

}  // namespace interleave::detail
