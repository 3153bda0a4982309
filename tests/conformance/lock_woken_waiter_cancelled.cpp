// Twin of lock_woken_waiter_cancelled.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Lock& lock, std::string name) {
    print("{} wants lock", name);
    try {
        auto held = co_await lock.scoped();
        print("{} acquired", name);
        co_await yield_now();
        print("{} releasing", name);
    } catch (const CancelledError&) {
        print("{} got CancelledError, locked = {}", name, repr(lock.locked()));
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(lock_woken_waiter_cancelled) {
    Lock lock("lock");
    co_await lock.acquire();
    print("main acquired");
    auto tb = spawn(waiter(lock, "B"));
    auto tc = spawn(waiter(lock, "C"));
    co_await yield_now();
    lock.release();
    print("main released (B woken)");
    print("main cancels B, cancel() returned {}", repr(tb.cancel()));
    try {
        co_await tb;
    } catch (const CancelledError&) {
        print("main: B is cancelled: {}", repr(tb.cancelled()));
    }
    co_await tc;
    print("main done, locked = {}", repr(lock.locked()));
}
