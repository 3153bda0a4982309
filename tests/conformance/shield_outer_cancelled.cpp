// Twin of shield_outer_cancelled.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> inner() {
    print("inner started");
    co_await sleep(100ms);
    print("inner finished");
    co_return "inner result";
}

Task<> outer(TaskHandle<std::string> inner_task) {
    try {
        auto shielded = shield(inner_task);
        auto r = co_await std::move(shielded);
        print("outer got {}", r);
    } catch (const CancelledError&) {
        print("outer cancelled, inner done = {}", repr(inner_task.done()));
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(shield_outer_cancelled) {
    auto it = spawn(inner());
    auto ot = spawn(outer(it));
    co_await yield_now();
    print("main cancels outer: {}", repr(ot.cancel()));
    try {
        co_await ot;
    } catch (const CancelledError&) {
        print("main: outer cancelled = {}", repr(ot.cancelled()));
    }
    auto result = co_await it;
    print("main awaits inner: {}", result);
    print("inner cancelled = {}", repr(it.cancelled()));
    print("main done");
}
