// Twin of sleep_negative_is_yield.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> worker(std::string name, Duration delay) {
    for (int i = 0; i < 3; ++i) {
        print("{} step {}", name, i);
        co_await sleep(delay);
    }
    print("{} done", name);
}
}  // namespace

CONFORMANCE_PROGRAM(sleep_negative_is_yield) {
    auto ta = spawn(worker("A", 0s));
    auto tb = spawn(worker("B", -1s));
    auto tc = spawn(worker("C", -500ms));
    co_await ta;
    co_await tb;
    co_await tc;
    print("main done");
}
