// Twin of gather_order.py.
#include <cctype>

#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<std::string> child(std::string name, Duration delay) {
    print("{} started", name);
    co_await sleep(delay);
    print("{} finished", name);
    std::string lower = name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    co_return lower;
}
}  // namespace

CONFORMANCE_PROGRAM(gather_order) {
    print("main calling gather");
    auto all = gather(child("A", 300ms), child("B", 100ms), child("C", 200ms));
    auto results = co_await all;
    print("results: {}", repr(results));
}
