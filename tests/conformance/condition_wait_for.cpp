// Twin of condition_wait_for.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

struct State {
    int count = 0;
};

Task<> consumer(Condition& cond, State& state) {
    std::function<bool()> enough = [&state] {
        const bool ok = state.count >= 3;
        print("predicate checked: count={} -> {}", state.count, repr(ok));
        return ok;
    };
    auto held = co_await cond.scoped();
    const bool result = co_await cond.wait_for(enough);
    print("consumer proceeds, wait_for returned {}", repr(result));
}

Task<> producer(Condition& cond, State& state) {
    for (int i = 0; i < 4; ++i) {
        {
            auto held = co_await cond.scoped();
            state.count += 1;
            print("producer count={}, notify_all", state.count);
            cond.notify_all();
        }
        co_await yield_now();
    }
}
}  // namespace

CONFORMANCE_PROGRAM(condition_wait_for) {
    State state;
    Condition cond("cond");
    auto tc = spawn(consumer(cond, state));
    auto tp = spawn(producer(cond, state));
    co_await tc;
    co_await tp;
    print("main done");
}
