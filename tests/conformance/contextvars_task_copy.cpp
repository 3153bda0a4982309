// Twin of contextvars_task_copy.py. The module-level ContextVar lives in main's frame, which
// outlives every task that reads it.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> child(ContextVar<std::string>& var, std::string name) {
    print("{} first step sees {}", name, var.get());
    var.set(name + "-own");
    co_await yield_now();
    print("{} second step sees {}", name, var.get());
}

Task<> gathered(ContextVar<std::string>& var, std::string name) {
    print("{} (gather child) sees {}", name, var.get());
    co_return;
}
}  // namespace

CONFORMANCE_PROGRAM(contextvars_task_copy) {
    ContextVar<std::string> var("var", "default");
    print("main starts with {}", var.get());
    var.set("main-1");
    auto t1 = spawn(child(var, "t1"));
    var.set("main-2");
    auto t2 = spawn(child(var, "t2"));
    var.set("main-3");
    co_await t1;
    co_await t2;
    print("main after children sees {}", var.get());
    var.set("main-4");
    auto g = gather(gathered(var, "g1"));
    var.set("main-5");
    co_await g;
    print("main finally sees {}", var.get());
}
