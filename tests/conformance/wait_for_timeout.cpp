// Twin of wait_for_timeout.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

// round(loop.time() - t0, 1): virtual time is exact, so one decimal prints Python's repr.
std::string elapsed(Duration t0) {
    return fmt::format("{:.1f}", std::chrono::duration<double>(now() - t0).count());
}

Task<std::string> slow() {
    print("slow started");
    try {
        co_await sleep(300ms);
        print("slow finished");
        co_return "slow result";
    } catch (const CancelledError&) {
        print("slow cancelled");
        throw;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(wait_for_timeout) {
    const Duration t0 = now();
    try {
        co_await wait_for(slow(), 100ms);
        print("main got result");
    } catch (const TimeoutError&) {
        print("main: TimeoutError after {} s", elapsed(t0));
    }
    // One type, interleave::TimeoutError, is both asyncio.TimeoutError and the builtin.
    print("TimeoutError is builtin TimeoutError: {}", repr(std::is_same_v<TimeoutError, interleave::TimeoutError>));
    print("main done");
}
