// Twin of queue_join_task_done.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;

Task<> joiner(Queue<std::string>& q, std::string name, int pre_yields) {
    for (int i = 0; i < pre_yields; ++i) co_await yield_now();
    print("{} joining", name);
    co_await q.join();
    print("{} join returned", name);
}

Task<> worker(Queue<std::string>& q) {
    while (true) {
        auto item = co_await q.get();
        print("worker got {}", item);
        co_await yield_now();
        print("worker task_done for {}", item);
        q.task_done();
        if (item == "c") co_return;
    }
}
}  // namespace

CONFORMANCE_PROGRAM(queue_join_task_done) {
    Queue<std::string> q("q");
    for (const char* item : {"a", "b", "c"}) q.put_nowait(item);
    auto j1 = spawn(joiner(q, "J1", 1));
    auto j2 = spawn(joiner(q, "J2", 0));
    auto w = spawn(worker(q));
    co_await j1;
    co_await j2;
    co_await w;
    try {
        q.task_done();
    } catch (const ValueError& e) {
        print("extra task_done: ValueError: {}", e.what());
    }
    co_await q.join();
    print("join on finished queue returns at once");
    print("main done");
}
