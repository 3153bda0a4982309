// Twin of sleep0_round_robin.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> worker(std::string name) {
    for (int i = 0; i < 3; ++i) {
        print("{} step {}", name, i);
        co_await sleep(0ms);
    }
    print("{} done", name);
}
}  // namespace

CONFORMANCE_PROGRAM(sleep0_round_robin) {
    auto ta = spawn(worker("A"));
    auto tb = spawn(worker("B"));
    auto tc = spawn(worker("C"));
    co_await ta;
    co_await tb;
    co_await tc;
    print("main done");
}
