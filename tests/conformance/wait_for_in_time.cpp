// Twin of wait_for_in_time.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> fast(std::string name) {
    print("{} step 1", name);
    co_await yield_now();
    print("{} finished", name);
    co_return name + " result";
}

Task<> ticker() {
    for (int i = 0; i < 6; ++i) {
        print("tick {}", i);
        co_await yield_now();
    }
}
}  // namespace

CONFORMANCE_PROGRAM(wait_for_in_time) {
    auto tick = spawn(ticker());
    auto result = co_await wait_for(fast("F"), 1s);
    print("wait_for returned {}", result);
    co_await tick;
    tick = spawn(ticker());
    result = co_await spawn(fast("G"));
    print("plain await returned {}", result);
    co_await tick;
    print("main done");
}
