// Twin of gather_return_exceptions.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> ok(std::string name, int n) {
    for (int i = 0; i < n; ++i) {
        co_await yield_now();
        print("{} tick {}", name, i);
    }
    print("{} finished", name);
    co_return name;
}

Task<std::string> bad() {
    co_await yield_now();
    print("bad raising");
    throw ValueError("boom");
}

// Python's str(e).
std::string message(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    }
}
}  // namespace

CONFORMANCE_PROGRAM(gather_return_exceptions) {
    auto all = gather(return_exceptions, ok("A", 3), bad(), ok("C", 2));
    auto results = co_await all;
    print("main resumed");
    for (const auto& r : results) {
        if (!r.has_value())
            print("result: exception {} {}", r.error_name(), message(r.error()));
        else
            print("result: {}", r.value());
    }
}
