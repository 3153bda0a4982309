// Twin of gather_two_hops.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<int> work() {
    print("work step 1");
    co_await yield_now();
    print("work finished");
    co_return 1;
}

Task<> ticker() {
    for (int i = 0; i < 6; ++i) {
        print("tick {}", i);
        co_await yield_now();
    }
}

Task<> direct(TaskHandle<int> t) {
    co_await t;
    print("direct await resumed");
}

Task<> via_gather(TaskHandle<int> t) {
    co_await gather(t);
    print("gather await resumed");
}
}  // namespace

CONFORMANCE_PROGRAM(gather_two_hops) {
    auto tick = spawn(ticker());
    auto t = spawn(work());
    auto d = spawn(direct(t));
    auto g = spawn(via_gather(t));
    co_await d;
    co_await g;
    co_await tick;
    print("main done");
}
