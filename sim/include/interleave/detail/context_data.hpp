#pragma once
// The value store behind ContextVar: one per task, copied when a task is created (asyncio's
// copy_context()). Copy-on-write, so spawning a task costs a reference count, not a map copy.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace interleave::detail {

class ContextPtr;

struct ContextData {
    ContextData() = default;
    // A copy is a new context: it starts with no owners of its own.
    ContextData(const ContextData& other) : values(other.values) {}
    ContextData& operator=(const ContextData&) = delete;

    // Sorted by variable id; values are immutable once stored.
    std::vector<std::pair<std::uint32_t, std::shared_ptr<const void>>> values;

    const std::shared_ptr<const void>* find(std::uint32_t var) const {
        for (const auto& [id, value] : values)
            if (id == var) return &value;
        return nullptr;
    }

private:
    friend class ContextPtr;
    std::uint32_t owners_ = 0;
};

/// A shared owner of a ContextData, counted without atomics: a context never leaves the thread
/// of the runtime that made it (each explorer worker has its own), and a shared_ptr's atomic
/// count cost a locked instruction at every spawn, callback and task end.
class ContextPtr {
public:
    ContextPtr() = default;
    ContextPtr(std::nullptr_t) {}  // NOLINT: implicit, as shared_ptr's
    ContextPtr(const ContextPtr& other) : data_(other.data_) { own(); }
    ContextPtr(ContextPtr&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
    ContextPtr& operator=(const ContextPtr& other) {
        ContextPtr copy(other);
        std::swap(data_, copy.data_);
        return *this;
    }
    ContextPtr& operator=(ContextPtr&& other) noexcept {
        ContextPtr taken(std::move(other));
        std::swap(data_, taken.data_);
        return *this;
    }
    ~ContextPtr() { disown(); }

    /// A new context holding `values`' copy (none: empty).
    template <class... Args>
    static ContextPtr make(Args&&... args) {
        ContextPtr made;
        made.data_ = new ContextData(std::forward<Args>(args)...);
        made.own();
        return made;
    }

    void reset() { disown(); }
    ContextData* operator->() const { return data_; }
    ContextData& operator*() const { return *data_; }
    explicit operator bool() const { return data_ != nullptr; }
    bool operator==(const ContextPtr& other) const { return data_ == other.data_; }
    /// Whether this is the context's only owner (null: false).
    bool unique() const { return data_ && data_->owners_ == 1; }

private:
    void own() {
        if (data_) ++data_->owners_;
    }
    /// Leaves it null.
    void disown() {
        auto* data = std::exchange(data_, nullptr);
        if (data && --data->owners_ == 0) free(data);
    }
    /// Out of line: g++ 12 cannot follow the counts, and took a count read after an inlined
    /// delete of another owner's for a use after free. (Contexts are rarely freed.)
    [[gnu::noinline]] static void free(ContextData* data) { delete data; }
    ContextData* data_ = nullptr;
};

}  // namespace interleave::detail
