// Twin of cancel_before_first_step.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> body() {
    try {
        print("body started");
        co_await yield_now();
    } catch (const CancelledError&) {
        print("body saw CancelledError");
        print("body finally");
        throw;
    }
    print("body finally");
}
}  // namespace

CONFORMANCE_PROGRAM(cancel_before_first_step) {
    auto t = spawn(body());
    print("cancel() returned {}", repr(t.cancel()));
    print("done right after cancel(): {}", repr(t.done()));
    try {
        co_await t;
    } catch (const CancelledError&) {
        print("main: await raised CancelledError");
    }
    print("task cancelled(): {}", repr(t.cancelled()));
    print("cancel() on done task returned {}", repr(t.cancel()));
    print("main done");
}
