// Twin of cancel_woken_not_resumed.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> consumer(Future<int> fut) {
    print("T awaiting future");
    try {
        const int value = co_await fut;
        print("T got {}", value);
    } catch (const CancelledError&) {
        print("T got CancelledError although future result is {}", fut.result());
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(cancel_woken_not_resumed) {
    Future<int> fut;
    auto t = spawn(consumer(fut));
    co_await yield_now();
    fut.set_result(42);
    print("main set result 42 (T woken, not yet resumed)");
    print("main cancels T, cancel() returned {}", repr(t.cancel()));
    try {
        co_await t;
    } catch (const CancelledError&) {
        print("main: T cancelled = {}", repr(t.cancelled()));
    }
    print("main done");
}
