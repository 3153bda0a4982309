#pragma once
// FramePool: recycles the memory of coroutine frames and task states, per thread. An
// exploration creates and destroys the same few frames in every execution; taking them from a
// free list of their size class instead of malloc was a large share of an execution's cost.
// Blocks go back to the free list of the thread that frees them (memory is memory), and each
// list is capped, so the pool holds at most what one execution's worth of frames needs.
// Under AddressSanitizer the pool is off, so that a use of a destroyed frame is still caught.
#include <cstddef>

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

void* pool_allocate(std::size_t size);
void pool_deallocate(void* block, std::size_t size) noexcept;

/// Inherit to have `new`/`delete` of the class (and of coroutine promises: their frames) go
/// through the pool. Deleting through a base pointer needs a virtual destructor, as always.
struct Pooled {
    static void* operator new(std::size_t size) { return pool_allocate(size); }
    static void operator delete(void* block, std::size_t size) noexcept { pool_deallocate(block, size); }
};

}  // namespace interleave::detail
