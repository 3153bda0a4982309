// Twin of semaphore_release_many.py.
#include <vector>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Semaphore& sem, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} waiting", name);
    co_await sem.acquire();
    print("{} acquired", name);
}
}  // namespace

CONFORMANCE_PROGRAM(semaphore_release_many) {
    Semaphore sem("sem", 0);
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(waiter(sem, "W1", 2)));
    tasks.push_back(spawn(waiter(sem, "W2", 0)));
    tasks.push_back(spawn(waiter(sem, "W3", 1)));
    tasks.push_back(spawn(waiter(sem, "W4", 3)));
    for (int i = 0; i < 4; ++i) co_await yield_now();
    print("main releases 3 times");
    sem.release();
    sem.release();
    sem.release();
    print("main released");
    co_await yield_now();
    print("main after one sleep(0)");
    sem.release();
    for (const auto& t : tasks) co_await t;
    print("main done");
}
