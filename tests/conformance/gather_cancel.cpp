// Twin of gather_cancel.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> child(std::string name) {
    print("{} started", name);
    try {
        co_await sleep(1s);
        print("{} finished", name);
    } catch (const CancelledError&) {
        print("{} cancelled", name);
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(gather_cancel) {
    auto g = gather(child("A"), child("B"), child("C"));
    co_await yield_now();
    print("main cancelling gather");
    print("cancel() returned {}", repr(g.cancel()));
    try {
        co_await g;
        print("main: gather returned");
    } catch (const CancelledError&) {
        print("main saw CancelledError");
    }
    print("gather done: {}", repr(g.done()));
    print("gather cancelled(): {}", repr(g.cancelled()));
    print("main done");
}
