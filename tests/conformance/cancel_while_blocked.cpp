// Twin of cancel_while_blocked.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> blocked(Event& ev) {
    print("T waiting on event");
    try {
        co_await ev.wait();
        print("T event set");
    } catch (const CancelledError&) {
        print("T got CancelledError at await");
        print("T cleanup");
        throw;
    }
    print("T cleanup");
}

Task<> ticker() {
    for (int i = 0; i < 3; ++i) {
        print("tick {}", i);
        co_await yield_now();
    }
}
}  // namespace

CONFORMANCE_PROGRAM(cancel_while_blocked) {
    Event ev("ev");
    auto t = spawn(blocked(ev));
    co_await yield_now();
    auto tick = spawn(ticker());
    print("main cancels T, cancel() returned {}", repr(t.cancel()));
    try {
        co_await t;
    } catch (const CancelledError&) {
        print("main: T cancelled = {}", repr(t.cancelled()));
    }
    co_await tick;
    print("main done");
}
