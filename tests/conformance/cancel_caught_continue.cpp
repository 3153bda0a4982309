// Twin of cancel_caught_continue.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> stubborn() {
    try {
        co_await sleep(1s);
    } catch (const CancelledError&) {
        print("stubborn caught CancelledError, cancelling() = {}", current_task().cancelling());
    }
    co_await yield_now();
    print("stubborn continues after sleep(0)");
    auto task = current_task();
    print("stubborn uncancel() -> {}", task.uncancel());
    print("stubborn cancelling() now {}", task.cancelling());
    co_return "stubborn result";
}

Task<std::string> outer(TaskHandle<std::string> inner_task) {
    auto value = co_await inner_task;
    print("outer's await returned {}", value);
    print("outer cancelling() = {}", current_task().cancelling());
    co_return "outer result";
}
}  // namespace

CONFORMANCE_PROGRAM(cancel_caught_continue) {
    auto t = spawn(stubborn());
    co_await yield_now();
    print("main cancels stubborn: {}", repr(t.cancel()));
    print("main cancels stubborn again: {}", repr(t.cancel()));
    print("stubborn cancelling() = {}", t.cancelling());
    auto got = co_await t;
    print("main got {} / cancelled() = {}", got, repr(t.cancelled()));
    auto inner = spawn(stubborn());
    auto o = spawn(outer(inner));
    co_await yield_now();
    print("main cancels outer (forwarded to inner): {}", repr(o.cancel()));
    auto outer_got = co_await o;
    print("main got {} / outer cancelled() = {}", outer_got, repr(o.cancelled()));
    print("main done");
}
