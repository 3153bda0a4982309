// Twin of semaphore_newcomer_no_barging.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Semaphore& sem, std::string name) {
    print("{} waiting", name);
    co_await sem.acquire();
    print("{} acquired", name);
}
}  // namespace

CONFORMANCE_PROGRAM(semaphore_newcomer_no_barging) {
    Semaphore sem("sem", 0);
    auto w1 = spawn(waiter(sem, "W1"));
    auto w2 = spawn(waiter(sem, "W2"));
    co_await yield_now();
    print("main releases 3 times (2 handed to W1, W2; 1 unit left free)");
    sem.release();
    sem.release();
    sem.release();
    print("main sees locked() = {}", repr(sem.locked()));
    print("main (newcomer) acquiring");
    co_await sem.acquire();
    print("main acquired");
    co_await w1;
    co_await w2;
    print("main done, locked = {}", repr(sem.locked()));
}
