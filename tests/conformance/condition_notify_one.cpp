// Twin of condition_notify_one.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> waiter(Condition& cond, std::string name) {
    auto held = co_await cond.scoped();
    print("{} waiting", name);
    co_await cond.wait();
    print("{} notified, holds lock = {}", name, repr(cond.locked()));
}
}  // namespace

CONFORMANCE_PROGRAM(condition_notify_one) {
    Condition cond("cond");
    std::vector<TaskHandle<>> tasks;
    for (const char* name : {"A", "B", "C"}) tasks.push_back(spawn(waiter(cond, name)));
    co_await yield_now();
    for (int round_no = 0; round_no < 3; ++round_no) {
        {
            auto held = co_await cond.scoped();
            print("main notify(1) round {}", round_no);
            cond.notify(1);
            co_await yield_now();
            print("main releasing after round {}", round_no);
        }
        co_await yield_now();
    }
    for (auto& t : tasks) co_await t;
    print("main done");
}
