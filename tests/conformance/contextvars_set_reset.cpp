// Twin of contextvars_set_reset.py. The module-level ContextVars live in main's frame, which
// outlives the child it awaits.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> child(ContextVar<std::string>& with_default, ContextVar<std::string>& no_default) {
    try {
        (void)no_default.get();
    } catch (const LookupError&) {
        print("child: no_default.get() -> LookupError");
    }
    print("child: no_default.get('fallback') -> {}", no_default.get("fallback"));
    auto token = no_default.set("child-value");
    print("child: after set -> {}", no_default.get());
    print("child: token.old_value is MISSING: {}", repr(!token.old_value().has_value()));
    co_await yield_now();
    print("child: after sleep(0) -> {}", no_default.get());
    no_default.reset(token);
    try {
        (void)no_default.get();
    } catch (const LookupError&) {
        print("child: after reset -> LookupError again");
    }
    auto t2 = with_default.set("second");
    auto t3 = with_default.set("third");
    print("child: with_default -> {}", with_default.get());
    with_default.reset(t3);
    print("child: reset third -> {}", with_default.get());
    with_default.reset(t2);
    print("child: reset second -> {}", with_default.get());
}
}  // namespace

CONFORMANCE_PROGRAM(contextvars_set_reset) {
    ContextVar<std::string> with_default("with_default", "dflt");
    ContextVar<std::string> no_default("no_default");
    print("main: with_default.get() -> {}", with_default.get());
    print("main: with_default.get('fb') -> {}", with_default.get("fb"));
    auto t = spawn(child(with_default, no_default));
    co_await t;
    print("main: no_default.get('none') -> {}", no_default.get("none"));
}
