// Twin of condition_notified_behind_lock_waiters.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> cond_waiter(Condition& cond) {
    auto held = co_await cond.scoped();
    print("A waiting on condition");
    co_await cond.wait();
    print("A re-acquired lock");
}

Task<> lock_user(Condition& cond) {
    print("X wants the lock");
    auto held = co_await cond.scoped();
    print("X acquired lock");
    co_await yield_now();
    print("X releasing");
}
}  // namespace

CONFORMANCE_PROGRAM(condition_notified_behind_lock_waiters) {
    Condition cond("cond");
    auto ta = spawn(cond_waiter(cond));
    co_await yield_now();
    TaskHandle<> tx;
    {
        auto held = co_await cond.scoped();
        print("main holds lock");
        tx = spawn(lock_user(cond));
        co_await yield_now();
        print("main notify()");
        cond.notify();
        print("main releasing");
    }
    co_await ta;
    co_await tx;
    print("main done");
}
