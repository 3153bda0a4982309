// TimerQueue: timers come out by deadline, then creation order, whatever order they went in;
// a timer is taken out by its key.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include <interleave/detail/timer_queue.hpp>

namespace interleave::detail {
namespace {

using Key = TimerQueue<int>::Key;

TEST(TimerQueue, TheEarliestDeadlineComesFirstAndTiesGoByCreation) {
    TimerQueue<int> timers;
    timers.insert({30, 1}, 1);
    timers.insert({10, 2}, 2);
    timers.insert({30, 3}, 3);
    timers.insert({20, 4}, 4);
    timers.insert({10, 5}, 5);
    std::vector<int> visited;
    timers.for_each([&](const Key&, int timer) { visited.push_back(timer); });
    EXPECT_EQ(visited, (std::vector<int>{2, 5, 4, 1, 3}));
    std::vector<int> taken;
    while (!timers.empty()) {
        EXPECT_EQ(timers.earliest_key().second, static_cast<std::uint64_t>(visited[taken.size()]));
        taken.push_back(timers.take_earliest());
    }
    EXPECT_EQ(taken, visited);
}

TEST(TimerQueue, ATimerIsTakenOutByItsKeyOnce) {
    TimerQueue<int> timers;
    timers.insert({10, 1}, 1);
    timers.insert({10, 2}, 2);
    timers.insert({5, 3}, 3);
    EXPECT_FALSE(timers.take({10, 9}).has_value()) << "no such timer";
    EXPECT_EQ(timers.take({10, 1}), 1);
    EXPECT_FALSE(timers.take({10, 1}).has_value()) << "already taken";
    EXPECT_EQ(timers.take_earliest(), 3);
    EXPECT_EQ(timers.take_earliest(), 2);
    EXPECT_TRUE(timers.empty());
}

}  // namespace
}  // namespace interleave::detail
