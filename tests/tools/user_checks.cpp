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
