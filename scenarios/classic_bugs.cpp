// Classic concurrency bugs, each (but the leak and the livelock) with a fixed twin that
// explores clean. Every one is written as an asyncio user would write it.
#include <map>
#include <string>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/interleave.hpp>

namespace interleave {
namespace {
using namespace std::chrono_literals;

// ABBA: two tasks take two locks in opposite orders, with an await in between.
Task<> take_two(Lock& first, Lock& second, Shared<int>& transfers) {
    auto held_first = co_await first.scoped();
    co_await sleep(10ms);
    auto held_second = co_await second.scoped();
    transfers.update([](int n) { return n + 1; });
}

Task<> abba_deadlock() {
    Lock a{"a"}, b{"b"};
    Shared<int> transfers{"transfers", 0};
    co_await gather(take_two(a, b, transfers), take_two(b, a, transfers));
    print("transfers: {}", transfers.get());
}

Task<> abba_fixed() {
    Lock a{"a"}, b{"b"};
    Shared<int> transfers{"transfers", 0};
    co_await gather(take_two(a, b, transfers), take_two(a, b, transfers));  // one global order: a, then b
    print("transfers: {}", transfers.get());
}

// Dining philosophers: each takes the left fork, thinks a moment, takes the right one.
Task<> philosopher(Lock& left, Lock& right, Shared<int>& meals) {
    auto held_left = co_await left.scoped();
    co_await sleep(1ms);
    auto held_right = co_await right.scoped();
    meals.update([](int n) { return n + 1; });
}

Task<> dining_philosophers() {
    Lock fork0{"fork0"}, fork1{"fork1"}, fork2{"fork2"};
    Shared<int> meals{"meals", 0};
    co_await gather(philosopher(fork0, fork1, meals), philosopher(fork1, fork2, meals),
                    philosopher(fork2, fork0, meals));
    print("meals: {}", meals.get());
}

Task<> dining_philosophers_ordered() {
    Lock fork0{"fork0"}, fork1{"fork1"}, fork2{"fork2"};
    Shared<int> meals{"meals", 0};
    // The last philosopher takes the lower-numbered fork first: no cycle can form.
    co_await gather(philosopher(fork0, fork1, meals), philosopher(fork1, fork2, meals),
                    philosopher(fork0, fork2, meals));
    print("meals: {}", meals.get());
}

// Lost wake-up: the waiter checks the flag, does something that awaits, then waits on the
// condition without re-checking; a notify in between reaches nobody.
Task<> unchecked_waiter(Condition& cond, Shared<bool>& ready) {
    const bool seen = ready.get();
    co_await sleep(1ms);  // e.g. flushing a log line
    if (!seen) {
        auto held = co_await cond.scoped();
        co_await cond.wait();
    }
    print("waiter proceeds");
}

Task<> notifier(Condition& cond, Shared<bool>& ready) {
    co_await sleep(1ms);
    auto held = co_await cond.scoped();
    ready.set(true);
    cond.notify_all();
}

Task<> lost_wakeup() {
    Condition cond{"cond"};
    Shared<bool> ready{"ready", false};
    co_await gather(unchecked_waiter(cond, ready), notifier(cond, ready));
}

Task<> predicate_waiter(Condition& cond, Shared<bool>& ready) {
    co_await sleep(1ms);
    auto held = co_await cond.scoped();
    co_await cond.wait_for([&ready] { return ready.get(); });
    print("waiter proceeds");
}

Task<> lost_wakeup_fixed() {
    Condition cond{"cond"};
    Shared<bool> ready{"ready", false};
    co_await gather(predicate_waiter(cond, ready), notifier(cond, ready));
}

// Check-then-act on an async cache: both callers miss, both fetch.
Task<int> fetch(Shared<int>& fetches) {
    fetches.update([](int n) { return n + 1; });
    co_await sleep(10ms);
    co_return 42;
}

using Cache = std::map<std::string, int>;

Task<> cached_get(Shared<Cache>& cache, Shared<int>& fetches, std::string key) {
    if (!cache.get().count(key)) {
        int value = co_await fetch(fetches);
        auto updated = cache.get();
        updated[key] = value;
        cache.set(std::move(updated));
    }
}

Task<> check_then_act() {
    Shared<Cache> cache{"cache", {}};
    Shared<int> fetches{"fetches", 0};
    co_await gather(cached_get(cache, fetches, "user:1"), cached_get(cache, fetches, "user:1"));
    print("fetches: {}", fetches.get());
}

Task<> locked_cached_get(Lock& lock, Shared<Cache>& cache, Shared<int>& fetches, std::string key) {
    auto held = co_await lock.scoped();
    if (!cache.get().count(key)) {
        int value = co_await fetch(fetches);
        auto updated = cache.get();
        updated[key] = value;
        cache.set(std::move(updated));
    }
}

Task<> check_then_act_fixed() {
    Shared<Cache> cache{"cache", {}};
    Shared<int> fetches{"fetches", 0};
    Lock lock{"lock"};
    co_await gather(locked_cached_get(lock, cache, fetches, "user:1"), locked_cached_get(lock, cache, fetches, "user:1"));
    print("fetches: {}", fetches.get());
}

// Bank overdraft: check the balance, await, subtract.
Task<> withdraw(Shared<int>& balance, int amount) {
    if (balance.get() >= amount) {
        co_await sleep(10ms);  // talking to the payment network
        balance.update([amount](int b) { return b - amount; });
    }
    expect(balance.get() >= 0, "balance >= 0");
}

Task<> bank_overdraft() {
    Shared<int> balance{"balance", 100};
    co_await gather(withdraw(balance, 80), withdraw(balance, 80));
    print("balance: {}", balance.get());
}

Task<> locked_withdraw(Lock& lock, Shared<int>& balance, int amount) {
    auto held = co_await lock.scoped();
    co_await withdraw(balance, amount);
}

Task<> bank_fixed() {
    Shared<int> balance{"balance", 100};
    Lock lock{"account"};
    co_await gather(locked_withdraw(lock, balance, 80), locked_withdraw(lock, balance, 80));
    print("balance: {}", balance.get());
}

// A task spawned and never awaited: still pending when the body returns.
Task<> heartbeat() {
    for (int beat = 0; beat < 5; ++beat) co_await sleep(1s);
}

Task<> task_leak() {
    spawn(heartbeat());
    co_await sleep(10ms);
    print("done");
}

// Livelock: two tasks at a doorway, each insisting the other go first, for ever.
Task<> polite(Shared<int>& turn, Shared<bool>& other_waiting, int me, int other) {
    for (;;) {
        if (turn.get() == me) {
            if (!other_waiting.get()) break;
            turn.set(other);  // "after you"
        }
        co_await yield_now();
    }
    print("{} goes through", me);
}

Task<> livelock() {
    Shared<int> turn{"turn", 1};
    Shared<bool> one_waiting{"one_waiting", true};
    Shared<bool> two_waiting{"two_waiting", true};
    co_await gather(polite(turn, two_waiting, 1, 2), polite(turn, one_waiting, 2, 1));
}

}  // namespace

void register_classic_bug_scenarios() {
    struct Entry {
        const char* name;
        const char* description;
        bool serializable;
        Task<> (*body)();
    };
    const Entry entries[] = {
        {"abba_deadlock", "two tasks take locks a, b in opposite orders with an await between", false, abba_deadlock},
        {"abba_fixed", "abba_deadlock with one global lock order", false, abba_fixed},
        {"dining_philosophers", "3 philosophers take the left fork, then the right", false, dining_philosophers},
        {"dining_philosophers_ordered", "dining philosophers taking the lower-numbered fork first", false,
         dining_philosophers_ordered},
        {"lost_wakeup", "a waiter checks a flag, awaits, then waits without re-checking: the notify is lost", false,
         lost_wakeup},
        {"lost_wakeup_fixed", "the waiter checks the flag under the lock with wait_for", false, lost_wakeup_fixed},
        {"check_then_act", "two callers miss an async cache and both fetch", true, check_then_act},
        {"check_then_act_fixed", "the cache lookup and fill under one lock", true, check_then_act_fixed},
        {"bank_overdraft", "two withdrawals check the balance, await, subtract", false, bank_overdraft},
        {"bank_fixed", "each withdrawal holds the account lock", false, bank_fixed},
        {"task_leak", "spawns a heartbeat task it never awaits", false, task_leak},
        {"livelock", "two tasks at a doorway politely yield to each other for ever", false, livelock},
    };
    for (const auto& entry : entries)
        register_scenario(Scenario{entry.name, entry.description, "", {}, entry.serializable, entry.body});
}

}  // namespace interleave
