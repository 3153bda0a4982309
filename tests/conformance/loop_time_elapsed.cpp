// Twin of loop_time_elapsed.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

// round(loop.time() - t0, 1): virtual time is exact, so one decimal prints Python's repr.
std::string elapsed(Duration t0) {
    return fmt::format("{:.1f}", std::chrono::duration<double>(now() - t0).count());
}

// The coroutine asyncio.sleep(d) is, which gather wraps in a task.
Task<> nap(Duration delay) { co_await sleep(delay); }
}  // namespace

CONFORMANCE_PROGRAM(loop_time_elapsed) {
    const Duration t0 = now();
    call_later(300ms, [t0] { print("call_later(0.3) callback at {}", elapsed(t0)); });
    co_await sleep(0ms);
    print("after sleep(0): {}", elapsed(t0));
    co_await sleep(100ms);
    print("after sleep(0.1): {}", elapsed(t0));
    auto both = gather(nap(100ms), nap(200ms));
    co_await both;
    print("after gather(sleep(0.1), sleep(0.2)): {}", elapsed(t0));
    co_await sleep(200ms);
    print("after sleep(0.2): {}", elapsed(t0));
}
