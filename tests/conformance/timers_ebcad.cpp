// Twin of timers_ebcad.py.
#include <vector>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> sleeper(std::string name, int pre_yields, Duration delay) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    co_await sleep(delay);
    print("{} woke", name);
}
}  // namespace

CONFORMANCE_PROGRAM(timers_ebcad) {
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(sleeper("A", 1, 100ms)));
    tasks.push_back(spawn(sleeper("B", 0, 100ms)));
    tasks.push_back(spawn(sleeper("C", 0, 100ms)));
    tasks.push_back(spawn(sleeper("D", 1, 100ms)));
    tasks.push_back(spawn(sleeper("E", 0, 50ms)));
    for (const auto& t : tasks) co_await t;
    print("main done");
}
