// Twin of timeout_context.py. Each `async with asyncio.timeout(d) as cm:` block is a coroutine
// run by timeout(d, block, cm).
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

// round(loop.time() - t0, 1): virtual time is exact, so one decimal prints Python's repr.
std::string elapsed(Duration t0) {
    return fmt::format("{:.1f}", std::chrono::duration<double>(now() - t0).count());
}

Task<> first_block() {
    print("inside timeout(0.1), sleeping 0.3");
    try {
        co_await sleep(300ms);
        print("sleep finished");
    } catch (const CancelledError&) {
        print("sleep got CancelledError inside the block");
        throw;
    }
}

Task<> second_block() {
    co_await sleep(100ms);
    print("sleep(0.1) finished inside timeout(0.3)");
}

Task<> zero_block() {
    print("timeout(0) body runs until its first suspension");
    co_await sleep(0ms);
    print("not reached");
}
}  // namespace

CONFORMANCE_PROGRAM(timeout_context) {
    const Duration t0 = now();
    Timeout cm;
    try {
        co_await timeout(100ms, first_block(), cm);
    } catch (const TimeoutError&) {
        print("TimeoutError after {} s, expired = {}", elapsed(t0), repr(cm.expired()));
    }
    print("cancelling() = {}", current_task().cancelling());
    Timeout cm2;
    co_await timeout(300ms, second_block(), cm2);
    print("second block expired = {}", repr(cm2.expired()));
    try {
        co_await timeout(0ms, zero_block());
    } catch (const TimeoutError&) {
        print("timeout(0): TimeoutError");
    }
    print("main done");
}
