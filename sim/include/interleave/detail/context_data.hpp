#pragma once
// The value store behind ContextVar: one per task, copied when a task is created (asyncio's
// copy_context()). Copy-on-write, so spawning a task costs a reference count, not a map copy.
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace interleave::detail {

struct ContextData {
    // Sorted by variable id; values are immutable once stored.
    std::vector<std::pair<std::uint32_t, std::shared_ptr<const void>>> values;

    const std::shared_ptr<const void>* find(std::uint32_t var) const {
        for (const auto& [id, value] : values)
            if (id == var) return &value;
        return nullptr;
    }
};
using ContextPtr = std::shared_ptr<ContextData>;

}  // namespace interleave::detail
