// Twin of await_done_no_suspend.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> ticker() {
    for (int i = 0; i < 3; ++i) {
        print("tick {}", i);
        co_await yield_now();
    }
}

Task<std::string> quick() { co_return "quick"; }
}  // namespace

CONFORMANCE_PROGRAM(await_done_no_suspend) {
    auto done_task = spawn(quick());
    co_await done_task;
    Future<std::string> fut;
    fut.set_result("fut");
    auto tick = spawn(ticker());
    auto first = co_await done_task;
    print("main: await done task -> {}", first);
    auto again = co_await done_task;
    print("main: await done task again -> {}", again);
    auto from_future = co_await fut;
    print("main: await done future -> {}", from_future);
    std::vector<TaskHandle<int>> no_children;
    auto empty_gather = gather(std::move(no_children));
    auto gathered = co_await empty_gather;
    print("main: await gather() -> {}", repr(gathered));
    auto inline_value = co_await quick();
    print("main: await coroutine -> {}", inline_value);
    print("main: now sleep(0)");
    co_await yield_now();
    print("main resumed");
    co_await tick;
    print("main done");
}
