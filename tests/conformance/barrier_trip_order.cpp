// Twin of barrier_trip_order.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> party(Barrier& barrier, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} arrives, n_waiting = {}", name, barrier.n_waiting());
    const int index = co_await barrier.wait();
    print("{} passed with index {}", name, index);
}
}  // namespace

CONFORMANCE_PROGRAM(barrier_trip_order) {
    Barrier barrier("barrier", 3);
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(party(barrier, "A", 1)));
    tasks.push_back(spawn(party(barrier, "B", 0)));
    tasks.push_back(spawn(party(barrier, "C", 2)));
    for (auto& t : tasks) co_await t;
    print("after trip: n_waiting = {} broken = {}", barrier.n_waiting(), repr(barrier.broken()));
    print("main done");
}
