// Twin of call_later_zero_after_ready.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

std::function<void()> cb(std::string label) {
    return [label] { print("{}", label); };
}

Task<> child() {
    print("child first step");
    call_soon(cb("soon queued by child"));
    co_await yield_now();
    print("child second step");
}
}  // namespace

CONFORMANCE_PROGRAM(call_later_zero_after_ready) {
    call_later(0ms, cb("timer call_later(0)"));
    call_soon(cb("soon 1"));
    auto t = spawn(child());
    call_soon(cb("soon 2"));
    print("main before sleep(0)");
    co_await yield_now();
    print("main after sleep(0)");
    co_await t;
    print("main done");
}
