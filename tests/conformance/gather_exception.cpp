// Twin of gather_exception.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> ok(std::string name, int n) {
    for (int i = 0; i < n; ++i) {
        co_await yield_now();
        print("{} tick {}", name, i);
    }
    print("{} finished", name);
    co_return name;
}

Task<std::string> bad() {
    co_await yield_now();
    print("bad raising");
    throw ValueError("boom");
}
}  // namespace

CONFORMANCE_PROGRAM(gather_exception) {
    try {
        auto all = gather(ok("A", 4), bad(), ok("C", 4));
        co_await all;
    } catch (const ValueError& e) {
        print("main caught ValueError: {}", e.what());
    }
    print("main sleeping 0.1");
    co_await sleep(100ms);
    print("main done");
}
