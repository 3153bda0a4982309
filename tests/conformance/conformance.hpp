#pragma once
// A conformance program: the C++ twin of tests/conformance/NAME.py. The test runs it under
// asyncio-default and compares its printed lines with NAME.out (and with a live python3 run).
//
//   CONFORMANCE_PROGRAM(lock_fifo_no_barging) { ... co_await ...; print("..."); }
#include <map>
#include <string>

#include <interleave/interleave.hpp>

using namespace std::chrono_literals;

namespace interleave::conformance {

using Program = Task<> (*)();
std::map<std::string, Program>& programs();
inline bool add(const char* name, Program program) {
    programs()[name] = program;
    return true;
}

}  // namespace interleave::conformance

#define CONFORMANCE_PROGRAM(NAME)                                                                         \
    static ::interleave::Task<> NAME##_conformance();                                                    \
    [[maybe_unused]] static const bool NAME##_conformance_added =                                        \
        ::interleave::conformance::add(#NAME, &NAME##_conformance);                                       \
    static ::interleave::Task<> NAME##_conformance()
