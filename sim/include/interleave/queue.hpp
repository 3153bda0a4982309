#pragma once
// Queue<T>, LifoQueue<T>, PriorityQueue<T>: asyncio's queues (SEMANTICS.md §11).
// get() on a non-empty queue and put() on a non-full one do not suspend. Each put wakes one
// parked getter and each get one parked putter, FIFO — but the item is not reserved: a task
// that gets before the woken getter runs takes it, and the woken getter parks again at the
// tail. maxsize <= 0 means unbounded. task_done()/join() count unfinished items.
#include <algorithm>
#include <coroutine>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <interleave/detail/await_future.hpp>
#include <interleave/detail/future.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/event.hpp>
#include <interleave/repr.hpp>
#include <interleave/task.hpp>

namespace interleave {

namespace detail {
template <class T>
struct FifoStorage {
    std::deque<T> items;
    void push(T item) { items.push_back(std::move(item)); }
    T pop() {
        T item = std::move(items.front());
        items.pop_front();
        return item;
    }
};
template <class T>
struct LifoStorage {
    std::vector<T> items;
    void push(T item) { items.push_back(std::move(item)); }
    T pop() {
        T item = std::move(items.back());
        items.pop_back();
        return item;
    }
};
template <class T>
struct PriorityStorage {  // heapq: the smallest item first
    std::vector<T> items;
    void push(T item) {
        items.push_back(std::move(item));
        std::push_heap(items.begin(), items.end(), std::greater<>{});
    }
    T pop() {
        std::pop_heap(items.begin(), items.end(), std::greater<>{});
        T item = std::move(items.back());
        items.pop_back();
        return item;
    }
};
}  // namespace detail

template <class T, template <class> class Storage>
class BasicQueue : public detail::ObjectBase {
public:
    BasicQueue(std::string_view kind, std::string name, int maxsize)
        : ObjectBase(kind, name), maxsize_(maxsize), finished_(name + ".join") {
        finished_.set();
    }

    std::size_t qsize() const {
        this->touch(AccessKind::read);
        return storage_.items.size();
    }
    int maxsize() const { return maxsize_; }
    bool empty() const {
        this->touch(AccessKind::read);
        return storage_.items.empty();
    }
    bool full() const { return maxsize_ > 0 && qsize() >= static_cast<std::size_t>(maxsize_); }

    /// Raises QueueFull when full.
    void put_nowait(T item) {
        if (full()) throw QueueFull{};
        record("put", recording() ? detail::repr_if_possible(item) : std::string());
        put_clock_.join(Runtime::current().clock());
        storage_.push(std::move(item));
        ++unfinished_;
        finished_.clear();
        wake_next(getters_);
    }
    /// Raises QueueEmpty when empty.
    T get_nowait() {
        if (empty()) throw QueueEmpty{};
        T item = storage_.pop();
        // Over-approximation: a get happens after every put so far, not only its item's.
        Runtime::current().synchronize_with(put_clock_);
        record("get", recording() ? detail::repr_if_possible(item) : std::string());
        wake_next(putters_);
        return item;
    }

    /// Waits while the queue is full, then puts.
    Task<> put(T item) {
        while (full()) co_await park(putters_, "put (full)", [this] { return !full(); });
        put_nowait(std::move(item));
    }
    /// Waits while the queue is empty, then gets.
    Task<T> get() {
        while (empty()) co_await park(getters_, "get (empty)", [this] { return !empty(); });
        co_return get_nowait();
    }

    /// Raises ValueError when called more times than there were items.
    void task_done() {
        if (unfinished_ <= 0) throw ValueError("task_done() called too many times");
        record("task_done");
        done_clock_.join(Runtime::current().clock());
        if (--unfinished_ == 0) finished_.set();
    }
    /// Waits until every item put has been marked task_done().
    Task<> join() {
        this->touch(AccessKind::read);
        if (unfinished_ > 0) co_await finished_.wait();
        Runtime::current().synchronize_with(done_clock_);
    }

    std::string describe() const override {
        std::string text = empty() ? "empty" : std::to_string(qsize()) + (qsize() == 1 ? " item" : " items");
        if (auto n = getters_.size()) text += ", " + std::to_string(n) + " getters waiting";
        if (auto n = putters_.size()) text += ", " + std::to_string(n) + " putters waiting";
        return text;
    }

private:
    // asyncio's `while full/empty: waiter = create_future(); append; await` with its cleanup.
    template <class StillHolds>
    Task<> park(detail::WaiterList& waiters, const char* what, StillHolds can_proceed) {
        detail::WaitNode node;
        this->touch(AccessKind::write);
        waiters.push_back(node);
        std::exception_ptr error;
        try {
            detail::FutureAwaiter woken(node, detail::WaitReason::on_object(id(), kind_name(), what));
            co_await woken;
        } catch (...) {
            error = std::current_exception();
        }
        if (error) {
            this->touch(AccessKind::write);
            const bool was_woken = node.done() && !node.cancelled();
            node.cancel();
            waiters.remove(node);
            if (can_proceed() && was_woken) wake_next(waiters);  // pass the wake-up on
            std::rethrow_exception(error);
        }
    }
    static const char* kind_name() { return "Queue"; }
    static void wake_next(detail::WaiterList& waiters) {
        while (auto* node = waiters.front()) {
            waiters.remove(*node);
            if (!node->done()) {
                node->set_result();
                return;
            }
        }
    }

    Storage<T> storage_;
    int maxsize_;
    int unfinished_ = 0;
    Event finished_;
    detail::VectorClock put_clock_;
    detail::VectorClock done_clock_;
    detail::WaiterList getters_;
    detail::WaiterList putters_;
};

/// asyncio.Queue: first in, first out.
template <class T>
class Queue : public BasicQueue<T, detail::FifoStorage> {
public:
    explicit Queue(std::string name = "queue", int maxsize = 0)
        : BasicQueue<T, detail::FifoStorage>("Queue", std::move(name), maxsize) {}
};
/// asyncio.LifoQueue: last in, first out.
template <class T>
class LifoQueue : public BasicQueue<T, detail::LifoStorage> {
public:
    explicit LifoQueue(std::string name = "queue", int maxsize = 0)
        : BasicQueue<T, detail::LifoStorage>("LifoQueue", std::move(name), maxsize) {}
};
/// asyncio.PriorityQueue: the smallest item first.
template <class T>
class PriorityQueue : public BasicQueue<T, detail::PriorityStorage> {
public:
    explicit PriorityQueue(std::string name = "queue", int maxsize = 0)
        : BasicQueue<T, detail::PriorityStorage>("PriorityQueue", std::move(name), maxsize) {}
};

}  // namespace interleave
