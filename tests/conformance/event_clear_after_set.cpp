// Twin of event_clear_after_set.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Event& ev, std::string name) {
    print("{} waiting", name);
    const bool result = co_await ev.wait();
    print("{} woke, wait() returned {}, is_set = {}", name, repr(result), repr(ev.is_set()));
}
}  // namespace

CONFORMANCE_PROGRAM(event_clear_after_set) {
    Event ev("ev");
    auto ta = spawn(waiter(ev, "A"));
    auto tb = spawn(waiter(ev, "B"));
    co_await yield_now();
    print("main set() then clear()");
    ev.set();
    ev.clear();
    auto tc = spawn(waiter(ev, "C"));
    co_await ta;
    co_await tb;
    print("C still blocked: {}", repr(!tc.done()));
    print("main set() again");
    ev.set();
    co_await tc;
    print("main done");
}
