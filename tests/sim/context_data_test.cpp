// ContextPtr: the owners of a ContextData share it, the last one frees it (with the values it
// holds), a copy of the data is a context of its own, and unique() says when one owner is left
// (what lets a restarted runtime reuse its context).
#include <memory>
#include <utility>

#include <gtest/gtest.h>

#include <interleave/detail/context_data.hpp>

namespace interleave::detail {
namespace {

/// A context holding one value, and a weak view of that value: expired once the context is freed.
std::pair<ContextPtr, std::weak_ptr<const void>> context_with_value() {
    auto context = ContextPtr::make();
    auto value = std::make_shared<const int>(7);
    context->values.emplace_back(1, value);
    return {std::move(context), std::weak_ptr<const void>(value)};
}

TEST(ContextPtr, TheLastOfItsOwnersFreesTheContext) {
    auto [first, value] = context_with_value();
    ContextPtr second = first;
    ContextPtr third;
    third = second;
    EXPECT_TRUE(first == third);
    first.reset();
    second = nullptr;
    EXPECT_FALSE(value.expired()) << "one owner is left";
    third.reset();
    EXPECT_TRUE(value.expired());
}

TEST(ContextPtr, MovingHandsOverOwnershipWithoutCounting) {
    auto [first, value] = context_with_value();
    ContextPtr moved(std::move(first));
    EXPECT_FALSE(static_cast<bool>(first));  // NOLINT(bugprone-use-after-move): moved-from is null
    EXPECT_TRUE(moved.unique());
    ContextPtr assigned;
    assigned = std::move(moved);
    EXPECT_TRUE(assigned.unique());
    auto& alias = assigned;
    assigned = alias;  // self-assignment keeps it
    EXPECT_TRUE(assigned.unique());
    EXPECT_FALSE(value.expired());
    assigned = ContextPtr::make();  // replacing the last owner frees the old context
    EXPECT_TRUE(value.expired());
}

TEST(ContextPtr, UniqueWhileOneOwnerIsLeft) {
    EXPECT_FALSE(ContextPtr().unique()) << "null has no context";
    auto context = ContextPtr::make();
    EXPECT_TRUE(context.unique());
    {
        const ContextPtr copy = context;
        EXPECT_FALSE(context.unique());
        EXPECT_FALSE(copy.unique());
    }
    EXPECT_TRUE(context.unique());
}

TEST(ContextPtr, ACopyOfTheDataIsAContextOfItsOwn) {
    auto [original, value] = context_with_value();
    const ContextPtr shared = original;
    auto copy = ContextPtr::make(*original);
    EXPECT_TRUE(copy.unique()) << "the copy does not count the original's owners";
    EXPECT_FALSE(copy == original);
    ASSERT_NE(copy->find(1), nullptr);
    copy->values.clear();
    EXPECT_NE(original->find(1), nullptr) << "the original keeps its values";
    original.reset();
    EXPECT_FALSE(value.expired());
}

}  // namespace
}  // namespace interleave::detail
