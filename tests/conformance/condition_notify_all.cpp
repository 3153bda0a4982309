// Twin of condition_notify_all.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Condition& cond, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    auto held = co_await cond.scoped();
    print("{} waiting", name);
    co_await cond.wait();
    print("{} re-acquired lock", name);
    co_await yield_now();
    print("{} releasing", name);
}
}  // namespace

CONFORMANCE_PROGRAM(condition_notify_all) {
    Condition cond("cond");
    std::vector<TaskHandle<>> tasks;
    tasks.push_back(spawn(waiter(cond, "A", 1)));
    tasks.push_back(spawn(waiter(cond, "B", 0)));
    tasks.push_back(spawn(waiter(cond, "C", 2)));
    for (int i = 0; i < 3; ++i) co_await yield_now();
    {
        auto held = co_await cond.scoped();
        print("main notify_all()");
        cond.notify_all();
        print("main releasing");
    }
    for (auto& t : tasks) co_await t;
    print("main done");
}
