// Twin of wait_for_exact_tie.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> inner() {
    print("inner started");
    try {
        co_await sleep(100ms);
        print("inner woke normally");
        co_return "inner result";
    } catch (const CancelledError&) {
        print("inner cancelled");
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(wait_for_exact_tie) {
    try {
        auto result = co_await wait_for(inner(), 100ms);
        print("main got {}", result);
    } catch (const TimeoutError&) {
        print("main: TimeoutError");
    }
    print("main done");
}
