// Twin of event_set_wakes_all.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Event& ev, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} waiting", name);
    const bool result = co_await ev.wait();
    print("{} woke, wait() returned {}", name, repr(result));
}
}  // namespace

CONFORMANCE_PROGRAM(event_set_wakes_all) {
    Event ev("ev");
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(waiter(ev, "A", 2)));
    tasks.push_back(spawn(waiter(ev, "B", 0)));
    tasks.push_back(spawn(waiter(ev, "C", 1)));
    for (int i = 0; i < 3; ++i) co_await yield_now();
    print("main setting event");
    ev.set();
    print("main after set, is_set = {}", repr(ev.is_set()));
    auto late = spawn(waiter(ev, "Late", 0));
    for (auto& t : tasks) co_await t;
    co_await late;
    print("main done");
}
