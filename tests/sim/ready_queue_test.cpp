// ReadyQueue: FIFO order through pushes, pops and erasures from the middle, across the moves
// that reclaim the consumed front, and a buffer that stays bounded while the queue stays short.
#include <deque>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/detail/ready_queue.hpp>

namespace interleave::detail {
namespace {

std::vector<int> contents(const ReadyQueue<int>& queue) { return {queue.begin(), queue.end()}; }

TEST(ReadyQueue, KeepsFifoOrderAsADequeDoesThroughPushesPopsAndErasures) {
    ReadyQueue<int> queue;
    std::deque<int> model;
    int next = 0;
    // A fixed pattern that fills, drains and erases so the front is reclaimed many times.
    for (int round = 0; round < 500; ++round) {
        for (int i = 0; i < round % 7 + 1; ++i) {
            queue.push_back(next);
            model.push_back(next++);
        }
        if (round % 3 == 0 && queue.size() > 2) {
            const auto at = static_cast<std::ptrdiff_t>(queue.size() / 2);
            queue.erase(queue.begin() + at);
            model.erase(model.begin() + at);
        }
        for (int i = 0; i < round % 5 + 1 && !queue.empty(); ++i) {
            ASSERT_EQ(queue.front(), model.front());
            queue.pop_front();
            model.pop_front();
        }
        ASSERT_EQ(contents(queue), std::vector<int>(model.begin(), model.end())) << "round " << round;
    }
}

TEST(ReadyQueue, ErasingTheFrontOrTheBackKeepsTheRest) {
    ReadyQueue<int> queue;
    for (int i = 0; i < 5; ++i) queue.push_back(i);
    queue.erase(queue.begin());
    queue.erase(queue.end() - 1);
    EXPECT_EQ(contents(queue), (std::vector<int>{1, 2, 3}));
    queue.clear();
    EXPECT_TRUE(queue.empty());
    queue.push_back(7);
    EXPECT_EQ(contents(queue), (std::vector<int>{7}));
}

TEST(ReadyQueue, AQueueThatStaysShortKeepsItsBuffer) {
    ReadyQueue<int> queue;
    for (int i = 0; i < 3; ++i) queue.push_back(i);
    for (int i = 3; i < 100000; ++i) {  // one in, one out: at most four at a time
        queue.push_back(i);
        queue.pop_front();
    }
    EXPECT_EQ(contents(queue), (std::vector<int>{99997, 99998, 99999}));
    EXPECT_LE(queue.capacity(), 16u);
}

}  // namespace
}  // namespace interleave::detail
