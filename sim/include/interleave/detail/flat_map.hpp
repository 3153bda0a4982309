#pragma once
// FlatMap: a hash map for the small tables an explorer looks up in every execution (interned
// finding keys, outcomes by hash). Open addressing with linear probing over a power-of-two
// table, its slot taken from the hash's high bits by a multiplication: std::unordered_map's
// prime bucket count costs a division at every lookup, which profiles showed. Insert and find
// only; values move when the table grows, so keep no pointer to one across an insertion.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace interleave::detail {

template <class Key, class Value, class Hash>
class FlatMap {
public:
    /// The value of `key`, or null.
    Value* find(const Key& key) {
        if (size_ == 0) return nullptr;
        for (std::size_t at = slot_of(Hash{}(key));; at = (at + 1) & mask()) {
            Slot& slot = slots_[at];
            if (!slot.used) return nullptr;
            if (slot.key == key) return &slot.value;
        }
    }
    /// The value of `key`, value-initialised when it is new; and whether it is.
    std::pair<Value*, bool> try_emplace(const Key& key) {
        if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full: probes stay short
        for (std::size_t at = slot_of(Hash{}(key));; at = (at + 1) & mask()) {
            Slot& slot = slots_[at];
            if (slot.used && slot.key == key) return {&slot.value, false};
            if (!slot.used) {
                slot.used = true;
                slot.key = key;
                ++size_;
                return {&slot.value, true};
            }
        }
    }
    std::size_t size() const { return size_; }
    /// Every entry, in no particular order.
    template <class Visit>
    void for_each(Visit&& visit) {
        for (auto& slot : slots_)
            if (slot.used) visit(slot.key, slot.value);
    }

private:
    struct Slot {
        Key key{};
        Value value{};
        bool used = false;
    };

    std::size_t mask() const { return slots_.size() - 1; }
    /// Fibonacci hashing: the product's high bits depend on every bit of the hash.
    std::size_t slot_of(std::uint64_t hash) const {
        return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits_));
    }
    void grow() {
        std::vector<Slot> old(slots_.empty() ? 16 : 2 * slots_.size());
        old.swap(slots_);
        bits_ = 0;
        while ((std::size_t{1} << bits_) < slots_.size()) ++bits_;
        for (auto& slot : old) {
            if (!slot.used) continue;
            std::size_t at = slot_of(Hash{}(slot.key));
            while (slots_[at].used) at = (at + 1) & mask();
            slots_[at] = std::move(slot);
        }
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
    unsigned bits_ = 0;
};

}  // namespace interleave::detail
