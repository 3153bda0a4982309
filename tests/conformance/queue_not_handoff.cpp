// Twin of queue_not_handoff.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> getter(Queue<std::string>& q, std::string name) {
    print("{} waiting for an item", name);
    auto item = co_await q.get();
    print("{} got {}", name, item);
}
}  // namespace

CONFORMANCE_PROGRAM(queue_not_handoff) {
    Queue<std::string> q("q");
    auto w1 = spawn(getter(q, "W1"));
    auto w2 = spawn(getter(q, "W2"));
    co_await yield_now();
    print("main put x1 (wakes W1)");
    q.put_nowait("x1");
    print("main stole {}", q.get_nowait());
    co_await yield_now();
    print("main put x2");
    q.put_nowait("x2");
    co_await yield_now();
    print("main put x3");
    q.put_nowait("x3");
    co_await w1;
    co_await w2;
    print("main done, qsize = {}", q.qsize());
}
