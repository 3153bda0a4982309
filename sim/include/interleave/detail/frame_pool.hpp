#pragma once
// FramePool: recycles the memory of coroutine frames and task states, per thread. An
// exploration creates and destroys the same few frames in every execution; taking them from a
// free list of their size class instead of malloc was a large share of an execution's cost.
// Blocks go back to the free list of the thread that frees them (memory is memory), and each
// list is capped, so the pool holds at most what one execution's worth of frames needs.
// Under AddressSanitizer the pool is off, so that a use of a destroyed frame is still caught.
// The common paths are inline: a frame is taken and given back several times per step.
#include <array>
#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define INTERLEAVE_FRAME_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INTERLEAVE_FRAME_POOL 0
#endif
#endif
#ifndef INTERLEAVE_FRAME_POOL
#define INTERLEAVE_FRAME_POOL 1
#endif

namespace interleave::detail {

/// False under AddressSanitizer: every block then comes from the heap and goes back to it.
inline constexpr bool pool_enabled = INTERLEAVE_FRAME_POOL != 0;

namespace frame_pool {
inline constexpr std::size_t granule = 64;
inline constexpr std::size_t classes = 32;  // blocks up to 2 KiB; larger ones come from the heap
inline constexpr std::uint32_t kept_per_class = 256;

struct FreeBlock {
    FreeBlock* next;
};
enum class ListsState : std::uint8_t { unused, alive, gone };
/// This thread's free lists. Trivial to construct and destroy, so reaching them costs no TLS
/// guard; the blocks go back to the heap at thread exit through a guard that the thread's
/// first give-back sets up (give_back_slow).
struct FreeLists {
    std::array<FreeBlock*, classes> heads;
    std::array<std::uint32_t, classes> counts;
    ListsState state;
};
inline thread_local constinit FreeLists free_lists{};

/// size - 1 < limit: sizes 1 .. 2 KiB (0 wraps around).
inline bool pooled_size(std::size_t size) { return pool_enabled && size - 1 < granule * classes; }
inline std::size_t size_class(std::size_t size) { return (size - 1) / granule; }
/// A thread's first give-back (registers the release at exit), or one after its lists are gone.
void give_back_slow(void* block, std::size_t size) noexcept;
}  // namespace frame_pool

inline void* pool_allocate(std::size_t size) {
    if (frame_pool::pooled_size(size)) {
        const auto c = frame_pool::size_class(size);
        auto& lists = frame_pool::free_lists;
        if (auto* block = lists.heads[c]) {
            lists.heads[c] = block->next;
            --lists.counts[c];
            return block;
        }
        return ::operator new((c + 1) * frame_pool::granule);
    }
    return ::operator new(size);
}

inline void pool_deallocate(void* block, std::size_t size) noexcept {
    if (!frame_pool::pooled_size(size)) {
        ::operator delete(block);
        return;
    }
    const auto c = frame_pool::size_class(size);
    auto& lists = frame_pool::free_lists;
    if (lists.state != frame_pool::ListsState::alive) {
        frame_pool::give_back_slow(block, size);
    } else if (lists.counts[c] < frame_pool::kept_per_class) {
        lists.heads[c] = new (block) frame_pool::FreeBlock{lists.heads[c]};
        ++lists.counts[c];
    } else {
        ::operator delete(block);
    }
}

/// A standard allocator over the pool, for small containers that an exploration builds and
/// drops in every execution (DPOR's copies of steps, its wakeup trees).
template <class T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() = default;
    template <class U>
    PoolAllocator(const PoolAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(pool_allocate(n * sizeof(T))); }
    void deallocate(T* block, std::size_t n) noexcept { pool_deallocate(block, n * sizeof(T)); }
    template <class U>
    bool operator==(const PoolAllocator<U>&) const noexcept {
        return true;
    }
};

/// Inherit to have `new`/`delete` of the class (and of coroutine promises: their frames) go
/// through the pool. Deleting through a base pointer needs a virtual destructor, as always.
struct Pooled {
    static void* operator new(std::size_t size) { return pool_allocate(size); }
    static void operator delete(void* block, std::size_t size) noexcept { pool_deallocate(block, size); }
};

}  // namespace interleave::detail
