// Twin of timer_registration_order.py.
#include <vector>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> sleeper(std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} registers sleep(0.1)", name);
    co_await sleep(100ms);
    print("{} woke", name);
}
}  // namespace

CONFORMANCE_PROGRAM(timer_registration_order) {
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(sleeper("A", 2)));
    tasks.push_back(spawn(sleeper("B", 0)));
    tasks.push_back(spawn(sleeper("C", 1)));
    tasks.push_back(spawn(sleeper("D", 0)));
    for (const auto& t : tasks) co_await t;
    print("main done");
}
