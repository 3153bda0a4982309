// intern: one copy per distinct text, shared by all threads, valid after the source is gone.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>

#include <interleave/detail/interned.hpp>

namespace interleave::detail {
namespace {

TEST(Interned, EqualTextsAreOneCopyThatOutlivesTheSource) {
    std::string_view first;
    {
        std::string source = "interned-test-" + std::to_string(42);
        first = intern(source);
        source.assign(source.size(), 'x');  // the copy does not share the source's buffer
    }
    EXPECT_EQ(first, "interned-test-42");
    EXPECT_EQ(intern("interned-test-42").data(), first.data());
}

TEST(Interned, DifferentTextsAreDifferentCopies) {
    const auto whole = intern("interned-abc");
    const auto prefix = intern("interned-ab");
    const auto empty = intern("");
    EXPECT_NE(whole.data(), prefix.data());
    EXPECT_EQ(prefix, "interned-ab");
    EXPECT_EQ(empty, "");
    EXPECT_EQ(intern(std::string()).data(), empty.data());
}

TEST(Interned, ThreadsShareTheCopies) {
    const auto here = intern("interned-shared-by-threads");
    std::string_view there;
    std::string_view new_there;
    std::thread other([&] {
        there = intern("interned-shared-by-threads");
        new_there = intern("interned-first-met-in-a-thread");
    });
    other.join();
    EXPECT_EQ(there.data(), here.data());
    EXPECT_EQ(intern("interned-first-met-in-a-thread").data(), new_there.data());
}

}  // namespace
}  // namespace interleave::detail
