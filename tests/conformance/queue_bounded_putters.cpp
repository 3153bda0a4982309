// Twin of queue_bounded_putters.py.
#include <vector>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> putter(Queue<std::string>& q, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} putting (full = {})", name, repr(q.full()));
    co_await q.put(name);
    print("{} put done", name);
}
}  // namespace

CONFORMANCE_PROGRAM(queue_bounded_putters) {
    Queue<std::string> q("q", 1);
    q.put_nowait("first");
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(putter(q, "P1", 2)));
    tasks.push_back(spawn(putter(q, "P2", 0)));
    tasks.push_back(spawn(putter(q, "P3", 1)));
    for (int i = 0; i < 3; ++i) co_await yield_now();
    for (int i = 0; i < 4; ++i) {
        auto item = co_await q.get();
        print("main got {}", item);
        co_await yield_now();
    }
    for (const auto& t : tasks) co_await t;
    print("main done, empty = {}", repr(q.empty()));
}
