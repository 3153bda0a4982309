// Twin of create_task_first_step.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> child(std::string name) {
    print("{} first step", name);
    co_await yield_now();
    print("{} second step", name);
}
}  // namespace

CONFORMANCE_PROGRAM(create_task_first_step) {
    auto t1 = spawn(child("T1"));
    print("main created T1");
    auto t2 = spawn(child("T2"));
    print("main created T2");
    print("main still running, T1 done: {}", repr(t1.done()));
    co_await yield_now();
    print("main resumed after sleep(0)");
    co_await t1;
    co_await t2;
    print("main done");
}
