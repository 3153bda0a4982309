// Twin of semaphore_fifo_handoff.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> holder(Semaphore& sem) {
    co_await sem.acquire();
    print("A acquired");
    co_await yield_now();
    print("A releasing");
    sem.release();
    print("A sees locked() = {}", repr(sem.locked()));
    print("A re-acquiring");
    co_await sem.acquire();
    print("A re-acquired");
    sem.release();
}

Task<> waiter(Semaphore& sem, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} wants unit", name);
    auto held = co_await sem.scoped();
    print("{} acquired", name);
    co_await yield_now();
    print("{} releasing", name);
}
}  // namespace

CONFORMANCE_PROGRAM(semaphore_fifo_handoff) {
    Semaphore sem("sem", 1);
    auto ta = spawn(holder(sem));
    auto tb = spawn(waiter(sem, "B", 0));
    auto tc = spawn(waiter(sem, "C", 0));
    co_await ta;
    co_await tb;
    co_await tc;
    print("main done, locked = {}", repr(sem.locked()));
}
