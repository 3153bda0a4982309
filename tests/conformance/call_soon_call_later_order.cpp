// Twin of call_soon_call_later_order.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

std::function<void()> cb(std::string label) {
    return [label] { print("{}", label); };
}

void chaining_cb() {
    print("soon A (queues soon A2)");
    call_soon(cb("soon A2"));
}

Task<> task_body() {
    print("T step 1");
    co_await yield_now();
    print("T step 2");
    co_await sleep(100ms);
    print("T step 3 after sleep(0.1)");
}
}  // namespace

CONFORMANCE_PROGRAM(call_soon_call_later_order) {
    auto t = spawn(task_body());
    call_soon(chaining_cb);
    call_later(100ms, cb("later 0.1"));
    call_later(50ms, cb("later 0.05"));
    call_soon(cb("soon B"));
    print("main scheduled everything");
    co_await t;
    print("main done");
}
