// The seed chapter's 13 asyncio examples (shared/seed/000_d199af112ed09023.txt, chapter 11),
// ported line by line. Under asyncio-default each prints what CPython 3.11 prints, which is
// not always what the chapter says (see README).
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <interleave/builtin_scenarios.hpp>
#include <interleave/interleave.hpp>

namespace interleave {
namespace {
using namespace std::chrono_literals;

// 11.2.1 — a read, an await, a write: every increment reads 0 before any writes.
Task<> increment(Shared<int>& counter) {
    int temp = counter.get();
    co_await sleep(100ms);
    counter.set(temp + 1);
}

Task<> counter_race() {
    Shared<int> counter{"counter", 0};
    std::vector<Task<>> increments;
    for (std::int64_t i = 0; i < param("tasks", 3); ++i) increments.push_back(increment(counter));
    co_await gather(std::move(increments));
    print("Valor final del contador: {}", counter.get());
}

// 11.2.2 — `state["value"] += 1`, await, `state["value"] *= 2`.
Task<> modify_state(Shared<int>& value) {
    value.update([](int v) { return v + 1; });
    co_await sleep(100ms);
    value.update([](int v) { return v * 2; });
}

Task<> state_corruption() {
    Shared<int> value{"value", 0};
    co_await gather(modify_state(value), modify_state(value));
    print("Estado final: {{'value': {}}}", value.get());
}

// 11.3.1
Task<> safe_increment(Lock& lock, Shared<int>& counter) {
    auto held = co_await lock.scoped();
    int temp = counter.get();
    co_await sleep(100ms);
    counter.set(temp + 1);
}

Task<> counter_lock() {
    Shared<int> counter{"counter", 0};
    Lock lock{"lock"};
    co_await gather(safe_increment(lock, counter), safe_increment(lock, counter), safe_increment(lock, counter));
    print("Valor final del contador: {}", counter.get());
}

// 11.3.2
Task<> limited_task(Semaphore& sem, std::string name) {
    auto held = co_await sem.scoped();
    print("Tarea {} iniciada", name);
    co_await sleep(1s);
    print("Tarea {} completada", name);
}

Task<> semaphore_tasks() {
    Semaphore sem{"sem", 2};
    co_await gather(limited_task(sem, "A"), limited_task(sem, "B"), limited_task(sem, "C"), limited_task(sem, "D"));
}

// 11.3.3 — None as the end-of-stream sentinel.
Task<> producer(Queue<std::optional<int>>& queue) {
    for (int i = 0; i < 5; ++i) {
        co_await sleep(100ms);
        co_await queue.put(i);
        print("Productor agregó: {}", i);
    }
    co_await queue.put(std::nullopt);
}

Task<> consumer(Queue<std::optional<int>>& queue) {
    for (;;) {
        auto item = co_await queue.get();
        if (!item) break;
        print("Consumidor procesó: {}", *item);
    }
    print("Consumidor ha terminado el trabajo");
}

Task<> queue_pipeline() {
    Queue<std::optional<int>> queue{"queue"};
    co_await gather(producer(queue), consumer(queue));
}

// 11.4.1 — two consumers, one sentinel: consumer B waits on the empty queue for ever.
Task<> counting_producer(Queue<std::optional<int>>& queue, int n) {
    for (int i = 0; i < n; ++i) {
        co_await sleep(100ms);
        co_await queue.put(i);
        print("Productor agregó: {}", i);
    }
    co_await queue.put(std::nullopt);
}

Task<> named_consumer(Queue<std::optional<int>>& queue, std::string name) {
    for (;;) {
        auto item = co_await queue.get();
        if (!item) {
            queue.task_done();
            break;
        }
        co_await sleep(200ms);
        print("Consumidor {} procesó: {}", name, *item);
        queue.task_done();
    }
}

Task<> producer_two_consumers() {
    Queue<std::optional<int>> queue{"queue"};
    co_await gather(counting_producer(queue, 10), named_consumer(queue, "A"), named_consumer(queue, "B"));
    co_await queue.join();
    print("Todas las tareas están completadas");
}

// 11.5.1
Task<> waiter(Event& event, std::string name) {
    print("Waiter {} está esperando el evento...", name);
    co_await event.wait();
    print("Waiter {} ha recibido el evento!", name);
}

Task<> setter(Event& event) {
    co_await sleep(2s);
    print("Configurando el evento.");
    event.set();
}

Task<> event_waiters() {
    Event event{"event"};
    co_await gather(waiter(event, "A"), waiter(event, "B"), setter(event));
}

// 11.6.1
Task<> safe_modify(Lock& lock, Shared<int>& shared_resource, std::string name) {
    auto held = co_await lock.scoped();
    print("{} adquirió el lock.", name);
    int temp = shared_resource.get();
    co_await sleep(100ms);
    shared_resource.set(temp + 1);
    print("{} actualizó el recurso a {}", name, shared_resource.get());
}

Task<> lock_resource() {
    Shared<int> shared_resource{"shared_resource", 0};
    Lock lock{"lock"};
    co_await gather(safe_modify(lock, shared_resource, "Corrutina A"), safe_modify(lock, shared_resource, "Corrutina B"),
                    safe_modify(lock, shared_resource, "Corrutina C"));
    print("Valor final del recurso: {}", shared_resource.get());
}

// 11.6.2
Task<> access_resource(Semaphore& sem, std::string name) {
    auto held = co_await sem.scoped();
    print("{} ha accedido al recurso.", name);
    co_await sleep(1s);
    print("{} ha liberado el recurso.", name);
}

Task<> semaphore_resource() {
    Semaphore sem{"sem", 2};
    co_await gather(access_resource(sem, "Corrutina A"), access_resource(sem, "Corrutina B"),
                    access_resource(sem, "Corrutina C"), access_resource(sem, "Corrutina D"));
}

// 11.7.1
using Triple = std::tuple<int, int, int>;

Task<> tuple_producer(Queue<Triple>& queue) {
    Triple data{1, 2, 3};
    co_await queue.put(data);
    print("Productor agregó datos: {}", repr(data));
}

Task<> tuple_consumer(Queue<Triple>& queue) {
    Triple data = co_await queue.get();
    print("Consumidor recibió datos: {}", repr(data));
}

Task<> immutable_tuple() {
    Queue<Triple> queue{"queue"};
    co_await gather(tuple_producer(queue), tuple_consumer(queue));
}

// 11.8.1 — each gathered task runs in its own copy of the context.
Task<> set_user(ContextVar<std::string>& user_var, std::string name) {
    auto token = user_var.set(name);
    co_await sleep(100ms);
    print("Usuario actual: {}", user_var.get());
    user_var.reset(token);
}

Task<> get_user(ContextVar<std::string>& user_var) {
    co_await sleep(200ms);
    std::string current_user;
    try {
        current_user = user_var.get();
    } catch (const LookupError&) {
        current_user = "Usuario desconocido";
    }
    print("Usuario recuperado: {}", current_user);
}

Task<> context_user() {
    ContextVar<std::string> user_var{"user"};
    co_await gather(set_user(user_var, "Alice"), get_user(user_var));
}

// 11.9.1
class SafeCounter {
public:
    Task<> increment() {
        auto held = co_await lock_.scoped();
        int temp = value_.get();
        co_await sleep(100ms);
        value_.set(temp + 1);
        print("Contador incrementado a {}", value_.get());
    }
    int value() const { return value_.get(); }

private:
    Shared<int> value_{"counter", 0};
    Lock lock_{"lock"};
};

Task<> safe_counter() {
    SafeCounter counter;
    co_await gather(counter.increment(), counter.increment(), counter.increment());
    print("Valor final del contador: {}", counter.value());
}

// 11.9.2
class AsyncCache {
public:
    Task<std::optional<int>> get(std::string key) {
        auto held = co_await lock_.scoped();
        const auto& cache = cache_.get();
        auto it = cache.find(key);
        co_return it == cache.end() ? std::nullopt : std::optional<int>(it->second);
    }
    Task<> set(std::string key, int value) {
        auto held = co_await lock_.scoped();
        auto cache = cache_.get();
        cache[key] = value;
        cache_.set(std::move(cache));
        print("Caché actualizada: {} = {}", key, value);
    }

private:
    Shared<std::map<std::string, int>> cache_{"cache", {}};
    Lock lock_{"lock"};
};

Task<> async_cache() {
    AsyncCache cache;
    co_await gather(cache.set("a", 1), cache.set("b", 2), cache.set("c", 3), cache.get("a"), cache.get("b"),
                    cache.get("c"));
}

}  // namespace

void register_seed_chapter_scenarios() {
    struct Entry {
        const char* name;
        const char* section;
        const char* description;
        bool serializable;
        Task<> (*body)();
    };
    const Entry entries[] = {
        {"counter_race", "11.2.1", "three increments read, await, write: a race on counter", true, counter_race},
        {"state_corruption", "11.2.2", "+= 1, await, *= 2 in two tasks: the order corrupts value", true,
         state_corruption},
        {"counter_lock", "11.3.1", "the counter race with each increment under a Lock", true, counter_lock},
        {"semaphore_tasks", "11.3.2", "four tasks through a Semaphore(2)", false, semaphore_tasks},
        {"queue_pipeline", "11.3.3", "a producer and a consumer over a Queue with a None sentinel", false,
         queue_pipeline},
        {"producer_two_consumers", "11.4.1", "one producer, two consumers, one sentinel: hangs", false,
         producer_two_consumers},
        {"event_waiters", "11.5.1", "two waiters released by one Event", false, event_waiters},
        {"lock_resource", "11.6.1", "three tasks update a resource under a Lock", true, lock_resource},
        {"semaphore_resource", "11.6.2", "four tasks share a resource through a Semaphore(2)", false,
         semaphore_resource},
        {"immutable_tuple", "11.7.1", "a tuple passed through a Queue", false, immutable_tuple},
        {"context_user", "11.8.1", "a ContextVar set in one task is unseen in another", false, context_user},
        {"safe_counter", "11.9.1", "a counter class whose increment holds a Lock", true, safe_counter},
        {"async_cache", "11.9.2", "a dict cache whose get and set hold a Lock", true, async_cache},
    };
    for (const auto& entry : entries) {
        Scenario scenario{entry.name, entry.description, entry.section, {}, entry.serializable, entry.body};
        if (scenario.name == "counter_race")
            scenario.params = {{"tasks", 3, "number of concurrent increments", 1, max_tasks}};
        register_scenario(std::move(scenario));
    }
}

void register_builtin_scenarios() {
    register_seed_chapter_scenarios();
    register_classic_bug_scenarios();
    register_dpor_benchmark_scenarios();
}

}  // namespace interleave
