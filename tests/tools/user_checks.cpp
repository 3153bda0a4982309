// README's "Writing scenarios" example, verbatim: a user's executable of their own scenarios,
// linked with interleave::main (cli_test runs it).
#include <interleave/interleave.hpp>
using namespace interleave;
using namespace std::chrono_literals;

Task<> increment(Shared<int>& counter) {
    int temp = counter.get();  // recorded read, no suspension
    co_await sleep(100ms);     // a real suspension: a scheduling point
    counter.set(temp + 1);     // recorded write
}

INTERLEAVE_SCENARIO(my_race, "three unsynchronized increments") {
    Shared<int> counter{"counter", 0};
    co_await gather(increment(counter), increment(counter), increment(counter));
    print("Valor final del contador: {}", counter.get());
}

// With traits: a parameter, and the serializability check (gathered increments should add up).
INTERLEAVE_SCENARIO_WITH(my_counted_race, "N unsynchronized increments",
                         {.serializable = true, .params = {{"tasks", 3, "number of increments", 1, 100}}}) {
    Shared<int> counter{"counter", 0};
    std::vector<Task<>> increments;
    for (std::int64_t i = 0; i < param("tasks", 3); ++i) increments.push_back(increment(counter));
    co_await gather(std::move(increments));
    print("counter: {}", counter.get());
}
