// FramePool: blocks of a size class are reused after they are freed; large blocks and
// sanitizer builds go to the heap.
#include <gtest/gtest.h>

#include <cstdint>
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

TEST(FramePool, AContainerOnThePoolAllocatorReusesFreedBlocks) {
    if (!pool_enabled) GTEST_SKIP() << "the pool is off under AddressSanitizer";
    using Pooled = std::vector<std::uint64_t, PoolAllocator<std::uint64_t>>;
    const std::uint64_t* first = nullptr;
    {
        Pooled values(20, 7);  // 160 bytes: the 192-byte class
        first = values.data();
    }
    Pooled again(24, 9);  // 192 bytes: the same class, the block the first gave back
    EXPECT_EQ(again.data(), first);
    EXPECT_EQ(again.front(), 9U);
    EXPECT_EQ(again.back(), 9U);
    Pooled copy = again;  // a copy takes its own block
    EXPECT_NE(copy.data(), again.data());
    EXPECT_EQ(copy, again);
}

TEST(FramePool, AContainerOnThePoolAllocatorGrowsPastThePooledSizes) {
    std::vector<std::uint32_t, PoolAllocator<std::uint32_t>> values;
    for (std::uint32_t i = 0; i < 5000; ++i) values.push_back(i);  // 20 KB at the end: from the heap
    for (std::uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(values[i], i);
}

}  // namespace
}  // namespace interleave::detail
