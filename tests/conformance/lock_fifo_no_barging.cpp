// Twin of lock_fifo_no_barging.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> holder(Lock& lock) {
    co_await lock.acquire();
    print("A acquired");
    co_await yield_now();
    co_await yield_now();
    print("A releasing");
    lock.release();
    print("A sees locked() = {}", repr(lock.locked()));
    print("A re-acquiring");
    co_await lock.acquire();
    print("A re-acquired");
    lock.release();
}

Task<> waiter(Lock& lock, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} wants lock", name);
    auto held = co_await lock.scoped();
    print("{} acquired", name);
    co_await yield_now();
    print("{} releasing", name);
}
}  // namespace

CONFORMANCE_PROGRAM(lock_fifo_no_barging) {
    Lock lock("lock");
    auto ta = spawn(holder(lock));
    auto tb = spawn(waiter(lock, "B", 1));
    auto tc = spawn(waiter(lock, "C", 0));
    co_await ta;
    co_await tb;
    co_await tc;
    print("main done, locked = {}", repr(lock.locked()));
}
