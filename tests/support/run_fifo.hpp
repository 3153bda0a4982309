#pragma once
// One execution of a test body under asyncio-default (CPython's own schedule).
#include <interleave/runtime.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

namespace interleave::testing {

inline ExecutionResult run_fifo(Task<> body, RuntimeOptions options = {}) {
    AsyncioDefaultStrategy strategy;
    Runtime runtime(strategy, options);
    return runtime.run(std::move(body));
}

}  // namespace interleave::testing
