// Twin of barrier_two_cycles.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> party(Barrier& barrier, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} arrives", name);
    const int index = co_await barrier.wait();
    print("{} passed with index {}", name, index);
}

Task<> twice(Barrier& barrier, std::string name) {
    for (int cycle = 0; cycle < 2; ++cycle) {
        const int index = co_await barrier.wait();
        print("{} cycle {} index {}", name, cycle, index);
    }
}
}  // namespace

CONFORMANCE_PROGRAM(barrier_two_cycles) {
    Barrier barrier("barrier", 2);
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(party(barrier, "A", 0)));
    tasks.push_back(spawn(party(barrier, "B", 0)));
    tasks.push_back(spawn(party(barrier, "C", 0)));
    tasks.push_back(spawn(party(barrier, "D", 0)));
    for (auto& t : tasks) co_await t;
    print("now A2 and B2 each pass the barrier twice");
    auto t1 = spawn(twice(barrier, "A2"));
    auto t2 = spawn(twice(barrier, "B2"));
    co_await t1;
    co_await t2;
    print("main done");
}
