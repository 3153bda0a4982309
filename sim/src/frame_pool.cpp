#include <array>
#include <new>
#include <utility>

#include <interleave/detail/frame_pool.hpp>

namespace interleave::detail {

namespace {
constexpr std::size_t granule = 64;
constexpr std::size_t classes = 32;     // blocks up to 2 KiB; larger ones come from the heap
constexpr std::size_t kept_per_class = 256;

struct FreeBlock {
    FreeBlock* next;
};

// Set while this thread's free lists exist: a block freed during thread exit, after they are
// gone, goes back to the heap (a trivially destructible flag outlives them).
thread_local bool lists_alive = false;

class FreeLists {
public:
    FreeLists() { lists_alive = true; }
    FreeLists(const FreeLists&) = delete;
    FreeLists& operator=(const FreeLists&) = delete;
    ~FreeLists() {
        lists_alive = false;
        for (std::size_t c = 0; c < classes; ++c)
            while (heads_[c]) ::operator delete(std::exchange(heads_[c], heads_[c]->next));
    }
    void* take(std::size_t size_class) {
        auto* block = heads_[size_class];
        if (!block) return nullptr;
        heads_[size_class] = block->next;
        --counts_[size_class];
        return block;
    }
    bool give(void* memory, std::size_t size_class) {
        if (counts_[size_class] >= kept_per_class) return false;
        heads_[size_class] = new (memory) FreeBlock{heads_[size_class]};
        ++counts_[size_class];
        return true;
    }

private:
    std::array<FreeBlock*, classes> heads_{};
    std::array<std::size_t, classes> counts_{};
};

thread_local FreeLists free_lists;

std::size_t size_class(std::size_t size) { return (size + granule - 1) / granule - 1; }
}  // namespace

void* pool_allocate(std::size_t size) {
    if (pool_enabled && size > 0 && size <= granule * classes) {
        const auto c = size_class(size);
        if (void* block = free_lists.take(c)) return block;
        return ::operator new((c + 1) * granule);
    }
    return ::operator new(size);
}

void pool_deallocate(void* block, std::size_t size) noexcept {
    if (pool_enabled && size > 0 && size <= granule * classes && lists_alive) {
        if (!free_lists.give(block, size_class(size))) ::operator delete(block);
        return;
    }
    ::operator delete(block);
}

}  // namespace interleave::detail
