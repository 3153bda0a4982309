// Twin of lock_waiter_cancelled.py.
#include <array>

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
        print("{} cancelled while waiting", name);
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(lock_waiter_cancelled) {
    Lock lock("lock");
    co_await lock.acquire();
    print("main acquired");
    auto tb = spawn(waiter(lock, "B"));
    auto tc = spawn(waiter(lock, "C"));
    auto td = spawn(waiter(lock, "D"));
    co_await yield_now();
    print("main cancels B (head waiter) and releases in one step");
    tb.cancel();
    lock.release();
    print("main released, locked = {}", repr(lock.locked()));
    const std::array<TaskHandle<>, 3> tasks{tb, tc, td};
    for (const auto& t : tasks) {
        try {
            co_await t;
        } catch (const CancelledError&) {
        }
    }
    print("B cancelled: {} C cancelled: {} D cancelled: {}", repr(tb.cancelled()), repr(tc.cancelled()),
          repr(td.cancelled()));
    print("main done, locked = {}", repr(lock.locked()));
}
