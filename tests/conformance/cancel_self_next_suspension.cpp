// Twin of cancel_self_next_suspension.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> no_suspend() { co_return "inline"; }

Task<> self_canceller(Future<std::string> done_fut) {
    print("S cancels itself, cancel() returned {}", repr(current_task().cancel()));
    print("S still running");
    auto inline_value = co_await no_suspend();
    print("S awaited coroutine -> {}", inline_value);
    auto ready = co_await done_fut;
    print("S awaited done future -> {}", ready);
    try {
        co_await yield_now();
        print("S after sleep(0)");
    } catch (const CancelledError&) {
        print("S got CancelledError at sleep(0)");
        throw;
    }
}

Task<std::string> returner() {
    current_task().cancel();
    print("R cancelled itself and returns without suspending");
    co_return "lost value";
}
}  // namespace

CONFORMANCE_PROGRAM(cancel_self_next_suspension) {
    Future<std::string> done_fut;
    done_fut.set_result("ready");
    auto s = spawn(self_canceller(done_fut));
    auto r = spawn(returner());
    try {
        co_await s;
        print("main: S returned None");
    } catch (const CancelledError&) {
        print("main: S cancelled = {}", repr(s.cancelled()));
    }
    try {
        auto value = co_await r;
        print("main: R returned {}", value);
    } catch (const CancelledError&) {
        print("main: R cancelled = {}", repr(r.cancelled()));
    }
    print("main done");
}
