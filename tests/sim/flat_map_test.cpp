// FlatMap: every key inserted is found with its value through growth and collisions, a key
// inserted twice keeps its first value, a missing key is not found, and for_each visits each
// entry once.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include <interleave/detail/flat_map.hpp>

namespace interleave::detail {
namespace {

struct AsIs {
    std::uint64_t operator()(std::uint64_t key) const { return key; }
};
/// Every key in one slot's run: lookups must compare keys, not trust the slot.
struct AllCollide {
    std::uint64_t operator()(std::uint64_t) const { return 42; }
};

template <class Hash>
void expect_all_found(std::uint64_t count, std::uint64_t stride) {
    FlatMap<std::uint64_t, std::string, Hash> map;
    for (std::uint64_t i = 0; i < count; ++i) {
        auto [value, added] = map.try_emplace(i * stride);
        ASSERT_TRUE(added) << i;
        ASSERT_TRUE(value->empty()) << "a new value starts value-initialised";
        *value = std::to_string(i);
    }
    EXPECT_EQ(map.size(), count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto* value = map.find(i * stride);
        ASSERT_NE(value, nullptr) << i;
        EXPECT_EQ(*value, std::to_string(i));
    }
    EXPECT_EQ(map.find(count * stride), nullptr);
    EXPECT_EQ(map.find(1 + count * stride), nullptr);
}

TEST(FlatMap, KeysInsertedPastSeveralGrowthsAreAllFound) { expect_all_found<AsIs>(1000, 1); }

TEST(FlatMap, KeysThatDifferOnlyInHighBitsAreAllFound) {
    expect_all_found<AsIs>(300, std::uint64_t{1} << 40);  // (pointers and hashes aligned alike)
}

TEST(FlatMap, KeysWithTheSameHashAreToldApartByTheirKeys) { expect_all_found<AllCollide>(100, 7); }

TEST(FlatMap, AKeyInsertedAgainKeepsItsValue) {
    FlatMap<std::uint64_t, int, AsIs> map;
    *map.try_emplace(5).first = 50;
    auto [value, added] = map.try_emplace(5);
    EXPECT_FALSE(added);
    EXPECT_EQ(*value, 50);
    EXPECT_EQ(map.size(), 1u);
}

TEST(FlatMap, AnEmptyMapFindsNothing) {
    FlatMap<std::uint64_t, int, AsIs> map;
    EXPECT_EQ(map.find(0), nullptr);
    EXPECT_EQ(map.size(), 0u);
}

TEST(FlatMap, ForEachVisitsEveryEntryOnce) {
    FlatMap<std::uint64_t, std::uint64_t, AsIs> map;
    for (std::uint64_t i = 1; i <= 50; ++i) *map.try_emplace(i * 3).first = i;
    std::map<std::uint64_t, std::uint64_t> seen;
    map.for_each([&](std::uint64_t key, std::uint64_t value) { EXPECT_TRUE(seen.emplace(key, value).second); });
    ASSERT_EQ(seen.size(), 50u);
    for (const auto& [key, value] : seen) EXPECT_EQ(key, value * 3);
}

}  // namespace
}  // namespace interleave::detail
