#include <mutex>
#include <string>
#include <unordered_set>

#include <interleave/detail/interned.hpp>

namespace interleave::detail {

std::string_view intern(std::string_view text) {
    // Each thread remembers the copies it has met, so only a text new to the thread locks.
    thread_local std::unordered_set<std::string_view> met;
    if (auto found = met.find(text); found != met.end()) return *found;
    static std::mutex mutex;
    static std::unordered_set<std::string> copies;  // in nodes: a copy never moves
    std::string_view copy;
    {
        const std::lock_guard lock(mutex);
        copy = *copies.emplace(text).first;
    }
    met.insert(copy);
    return copy;
}

}  // namespace interleave::detail
