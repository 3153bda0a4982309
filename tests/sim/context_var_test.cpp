// ContextVar: every task runs in a copy of its creator's context taken at spawn; callbacks in
// the copy taken at registration; set() is private to the task that made it (SEMANTICS.md §13).
#include <gtest/gtest.h>

#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

#include "support/run_fifo.hpp"
#include "support/scripted_strategy.hpp"

namespace interleave {
namespace {
using namespace std::chrono_literals;
using testing::run_fifo;
using Log = std::vector<std::string>;

Task<> report(ContextVar<std::string>& var, Log& log, std::string name) {
    log.push_back(name + " sees " + var.get("<unset>"));
    co_return;
}

TEST(ContextVar, GetWithNoValueAndNoDefaultRaisesLookupError) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> var{"request_id"};
        try {
            (void)var.get();
            ADD_FAILURE() << "get() without a value did not throw";
        } catch (const LookupError& e) {
            EXPECT_STREQ(e.what(), "<ContextVar name='request_id'>");
        }
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, GetFallsBackToTheVariablesDefaultOrTheGivenOne) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> with_default{"with_default", 5};
        ContextVar<int> without{"without"};
        EXPECT_EQ(with_default.get(), 5);
        EXPECT_EQ(with_default.get(7), 7) << "get(default) prefers its argument to the variable's default";
        EXPECT_EQ(without.get(9), 9);
        with_default.set(1);
        EXPECT_EQ(with_default.get(7), 1);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ATaskSeesItsCreatorsValueAtCreationNotLaterSets) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<std::string> var{"user"};
        Log log;
        var.set("main-1");
        auto t1 = spawn(report(var, log, "t1"), "t1");
        var.set("main-2");
        auto t2 = spawn(report(var, log, "t2"), "t2");
        co_await gather(t1, t2);
        EXPECT_EQ(log, (Log{"t1 sees main-1", "t2 sees main-2"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ASetInsideATaskIsInvisibleToItsCreatorAndSiblings) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<std::string> var{"user"};
        Log log;
        auto setter = [](ContextVar<std::string>& v) -> Task<> {
            v.set("child");
            co_return;
        };
        auto child = spawn(setter(var), "child");
        auto sibling = spawn(report(var, log, "sibling"), "sibling");
        co_await gather(child, sibling);
        EXPECT_EQ(var.get("<unset>"), "<unset>");
        EXPECT_EQ(log, Log{"sibling sees <unset>"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ATasksOwnSetPersistsAcrossItsSteps) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> var{"counter", 0};
        auto worker = [](ContextVar<int>& v) -> Task<int> {
            v.set(1);
            co_await yield_now();
            v.set(v.get() + 1);
            co_await sleep(10ms);
            co_return v.get();
        };
        auto interferer = [](ContextVar<int>& v) -> Task<> {
            v.set(100);
            co_await yield_now();
        };
        auto w = spawn(worker(var), "worker");
        auto i = spawn(interferer(var), "interferer");
        co_await i;
        const int seen = co_await w;
        EXPECT_EQ(seen, 2);
        EXPECT_EQ(var.get(), 0);
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, GatherGivesEachChildItsOwnCopy) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<std::string> var{"user", "unknown"};
        Log log;
        auto login = [](ContextVar<std::string>& v) -> Task<> {
            v.set("alice");
            co_return;
        };
        auto get_user = [](ContextVar<std::string>& v, Log& l) -> Task<> {
            l.push_back("get_user sees " + v.get());
            co_return;
        };
        co_await gather(login(var), get_user(var, log));
        EXPECT_EQ(log, Log{"get_user sees unknown"});
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ResetRestoresTheValueFromBeforeTheSet) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> var{"depth"};
        auto first = var.set(1);
        auto second = var.set(2);
        EXPECT_EQ(second.old_value(), std::optional<int>(1));
        var.reset(second);
        EXPECT_EQ(var.get(), 1);
        EXPECT_TRUE(second.used());
        var.reset(first);
        EXPECT_THROW((void)var.get(), LookupError) << "reset to before the first set: no value at all";
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ResettingWithAUsedTokenRaisesRuntimeError) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> var{"depth"};
        auto token = var.set(1);
        var.reset(token);
        EXPECT_THROW(var.reset(token), RuntimeError);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, ResettingWithAnotherVariablesTokenRaisesValueError) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<int> a{"a"};
        ContextVar<int> b{"b"};
        auto token = a.set(1);
        EXPECT_THROW(b.reset(token), ValueError);
        EXPECT_FALSE(token.used());
        EXPECT_EQ(a.get(), 1);
        co_return;
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

TEST(ContextVar, CallbacksRunInTheContextCopiedWhenTheyWereRegistered) {
    auto result = run_fifo([]() -> Task<> {
        ContextVar<std::string> var{"user"};
        Log log;
        var.set("at call_soon");
        call_soon([&var, &log] { log.push_back("soon sees " + var.get()); });
        var.set("at call_later");
        call_later(1ms, [&var, &log] { log.push_back("later sees " + var.get()); });
        var.set("afterwards");
        co_await sleep(2ms);
        EXPECT_EQ(log, (Log{"soon sees at call_soon", "later sees at call_later"}));
    }());
    EXPECT_EQ(result.verdict, Verdict::completed);
}

}  // namespace
}  // namespace interleave
