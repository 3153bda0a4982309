// Twin of barrier_abort.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> party(Barrier& barrier, std::string name) {
    print("{} waiting", name);
    try {
        co_await barrier.wait();
        print("{} passed", name);
    } catch (const BrokenBarrierError&) {
        print("{} got BrokenBarrierError", name);
    }
}
}  // namespace

CONFORMANCE_PROGRAM(barrier_abort) {
    Barrier barrier("barrier", 3);
    auto ta = spawn(party(barrier, "A"));
    auto tb = spawn(party(barrier, "B"));
    co_await yield_now();
    print("main aborts, n_waiting = {}", barrier.n_waiting());
    co_await barrier.abort();
    print("main after abort, broken = {}", repr(barrier.broken()));
    co_await ta;
    co_await tb;
    auto late = party(barrier, "C");
    co_await std::move(late);
    print("main done");
}
