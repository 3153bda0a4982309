// FramePool: blocks of a size class are reused after they are freed; large blocks and
// sanitizer builds go to the heap.
#include <gtest/gtest.h>

#include <vector>

#include <interleave/detail/frame_pool.hpp>

namespace interleave::detail {
namespace {

TEST(FramePool, AFreedBlockIsReusedForTheSameSizeClass) {
    if (!pool_enabled) GTEST_SKIP() << "the pool is off under AddressSanitizer";
    void* first = pool_allocate(200);
    pool_deallocate(first, 200);
    void* again = pool_allocate(250);  // 200 and 250 bytes share the 256-byte class
    EXPECT_EQ(again, first);
    void* other = pool_allocate(40);  // another class: not that block
    EXPECT_NE(other, first);
    pool_deallocate(again, 250);
    pool_deallocate(other, 40);
}

TEST(FramePool, BlocksAreUsableAndDistinctWhileLive) {
    std::vector<unsigned char*> blocks;
    for (int i = 0; i < 100; ++i) {
        auto* block = static_cast<unsigned char*>(pool_allocate(96));
        for (int b = 0; b < 96; ++b) block[b] = static_cast<unsigned char>(i);
        blocks.push_back(block);
    }
    for (std::size_t i = 0; i < blocks.size(); ++i)
        for (int b = 0; b < 96; ++b) ASSERT_EQ(blocks[i][b], static_cast<unsigned char>(i));
    for (auto* block : blocks) pool_deallocate(block, 96);
}

TEST(FramePool, LargeBlocksComeFromTheHeap) {
    void* big = pool_allocate(1 << 20);
    static_cast<char*>(big)[(1 << 20) - 1] = 1;
    pool_deallocate(big, 1 << 20);
    void* again = pool_allocate(1 << 20);
    pool_deallocate(again, 1 << 20);
    SUCCEED() << "no pool class holds a 1 MiB block; the heap round trip must not crash";
}

}  // namespace
}  // namespace interleave::detail
