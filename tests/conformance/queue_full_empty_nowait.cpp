// Twin of queue_full_empty_nowait.py.
#include "conformance/conformance.hpp"

namespace {
using namespace interleave;
}  // namespace

CONFORMANCE_PROGRAM(queue_full_empty_nowait) {
    Queue<int> q("q", 2);
    q.put_nowait(1);
    q.put_nowait(2);
    print("qsize = {} full = {}", q.qsize(), repr(q.full()));
    try {
        q.put_nowait(3);
    } catch (const QueueFull&) {
        print("put_nowait(3): QueueFull");
    }
    print("get_nowait -> {}", q.get_nowait());
    print("get_nowait -> {}", q.get_nowait());
    print("qsize = {} empty = {}", q.qsize(), repr(q.empty()));
    try {
        q.get_nowait();
    } catch (const QueueEmpty&) {
        print("get_nowait on empty: QueueEmpty");
    }
    Queue<int> u("u", 0);
    for (int i = 0; i < 100; ++i) u.put_nowait(i);
    print("unbounded queue: qsize = {} full = {}", u.qsize(), repr(u.full()));
    print("main done");
    co_return;
}
