// Twin of bounded_semaphore_over_release.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> user(Semaphore& sem, std::string name) {
    {
        auto held = co_await sem.scoped();
        print("{} inside", name);
        co_await yield_now();
    }
    print("{} left", name);
}
}  // namespace

CONFORMANCE_PROGRAM(bounded_semaphore_over_release) {
    BoundedSemaphore sem("sem", 2);
    auto ta = spawn(user(sem, "A"));
    auto tb = spawn(user(sem, "B"));
    co_await ta;
    co_await tb;
    print("both left, locked = {}", repr(sem.locked()));
    try {
        sem.release();
        print("extra release accepted");
    } catch (const ValueError& e) {
        print("BoundedSemaphore over-release: ValueError: {}", e.what());
    }
    Semaphore plain("plain", 2);
    plain.release();
    print("plain Semaphore over-release accepted");
    co_await plain.acquire();
    co_await plain.acquire();
    co_await plain.acquire();
    print("plain Semaphore gave 3 units, locked = {}", repr(plain.locked()));
}
