// Twin of wait_for_nonpositive.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> body(std::string name) {
    print("{} body runs", name);
    co_return name + " result";
}
}  // namespace

CONFORMANCE_PROGRAM(wait_for_nonpositive) {
    for (int timeout : {0, -1}) {
        try {
            auto r = co_await wait_for(body(fmt::format("timeout={}", timeout)), std::chrono::seconds(timeout));
            print("got {}", r);
        } catch (const TimeoutError&) {
            print("timeout={}: TimeoutError, body never ran", timeout);
        }
    }
    Future<std::string> fut;
    fut.set_result("done future result");
    auto from_future = co_await wait_for(fut, 0s);
    print("done future: {}", from_future);
    auto t = spawn(body("finished task"));
    co_await t;
    auto from_task = co_await wait_for(t, 0s);
    print("done task: {}", from_task);
    auto from_none = co_await wait_for(body("none"), std::nullopt);
    print("timeout=None: {}", from_none);
    print("main done");
}
