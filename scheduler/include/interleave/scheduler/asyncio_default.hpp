#pragma once
// asyncio-default: the one schedule CPython 3.11 takes. It asks the runtime for CPython's exact
// batch loop (SEMANTICS.md §17) and, were it asked to choose, takes the first ready task —
// the head of the FIFO queue.
#include <interleave/strategy.hpp>

namespace interleave {

class AsyncioDefaultStrategy final : public Strategy {
public:
    std::size_t choose(std::span<const Candidate>) override { return 0; }
    bool fifo_batches() const override { return true; }
    std::string name() const override { return "asyncio-default"; }
};

}  // namespace interleave
