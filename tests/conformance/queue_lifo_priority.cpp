// Twin of queue_lifo_priority.py.
#include <tuple>
#include <vector>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

using Entry = std::tuple<int, std::string>;

template <class Q>
Task<> getter(Q& q, std::string name) {
    auto item = co_await q.get();
    print("{} got {}", name, repr(item));
}
}  // namespace

CONFORMANCE_PROGRAM(queue_lifo_priority) {
    LifoQueue<int> lq("lq");
    for (int i : {1, 2, 3}) lq.put_nowait(i);
    std::vector<int> lifo_order;
    for (int i = 0; i < 3; ++i) lifo_order.push_back(lq.get_nowait());
    print("LifoQueue order: {}", repr(lifo_order));
    PriorityQueue<Entry> pq("pq");
    const std::vector<Entry> entries{{3, "c"}, {1, "a"}, {2, "b"}};
    for (const auto& item : entries) pq.put_nowait(item);
    std::vector<Entry> priority_order;
    for (int i = 0; i < 3; ++i) priority_order.push_back(pq.get_nowait());
    print("PriorityQueue order: {}", repr(priority_order));
    auto t = spawn(getter(lq, "LIFO getter"));
    co_await yield_now();
    print("main puts 10 then 20 into LifoQueue");
    lq.put_nowait(10);
    lq.put_nowait(20);
    co_await t;
    print("left in LifoQueue: {}", lq.get_nowait());
    auto t2 = spawn(getter(pq, "priority getter"));
    co_await yield_now();
    print("main puts (5, 'e') then (4, 'd') into PriorityQueue");
    pq.put_nowait(Entry(5, "e"));
    pq.put_nowait(Entry(4, "d"));
    co_await t2;
    print("left in PriorityQueue: {}", repr(pq.get_nowait()));
    print("main done");
}
