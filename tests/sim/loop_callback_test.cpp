// LoopCallback: a plain function runs as given and counts as user code (run in its context);
// the runtime's typed callback is not; an empty one fails as std::function does.
#include <gtest/gtest.h>

#include <functional>

#include <interleave/detail/loop_callback.hpp>

namespace interleave::detail {
namespace {

TEST(LoopCallback, APlainFunctionRunsAsUserCode) {
    int runs = 0;
    LoopCallback callback([&runs] { ++runs; });
    EXPECT_TRUE(callback.runs_user_code());
    callback();
    LoopCallback moved = std::move(callback);
    moved();
    EXPECT_EQ(runs, 2);
}

TEST(LoopCallback, TheRuntimesOwnCallbackIsNotUserCode) {
    EXPECT_FALSE(LoopCallback::release_waiter(nullptr).runs_user_code());
}

TEST(LoopCallback, AnEmptyOneThrowsBadFunctionCall) {
    LoopCallback empty;
    EXPECT_THROW(empty(), std::bad_function_call);
    LoopCallback empty_function{std::function<void()>()};
    EXPECT_THROW(empty_function(), std::bad_function_call);
}

}  // namespace
}  // namespace interleave::detail
