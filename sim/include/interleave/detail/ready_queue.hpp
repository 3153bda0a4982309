#pragma once
// ReadyQueue: the loop's FIFO of ready handles, over a buffer with a moving front and back.
// Handles are small and trivially copyable, so removing one from the middle (a strategy's pick)
// is a short copy, and the storage is kept across executions: no allocation once warm. Adding
// is a store and an increment; the consumed front is reclaimed only when the back reaches the
// end of the buffer (tasks are made ready several times a step).
#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace interleave::detail {

template <class T>
class ReadyQueue {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    bool empty() const { return head_ == tail_; }
    std::size_t size() const { return tail_ - head_; }
    T& front() { return buffer_[head_]; }
    T* begin() { return buffer_.data() + head_; }
    T* end() { return buffer_.data() + tail_; }
    const T* begin() const { return buffer_.data() + head_; }
    const T* end() const { return buffer_.data() + tail_; }

    void push_back(const T& item) {
        if (tail_ == buffer_.size()) make_room();
        buffer_[tail_++] = item;
    }
    void pop_front() {
        if (++head_ == tail_) clear();
    }
    /// Removes the item at `at` (a pointer from begin()/end()), keeping the others' order.
    void erase(T* at) {
        if (at == begin()) {
            pop_front();
            return;
        }
        std::copy(at + 1, end(), at);
        --tail_;
    }
    void clear() { head_ = tail_ = 0; }
    /// The buffer's slots (for tests: a queue that stays short keeps its buffer).
    std::size_t capacity() const { return buffer_.size(); }

private:
    /// Moves the items to the front of the buffer, first doubling it unless that frees half.
    [[gnu::noinline]] void make_room() {
        const std::size_t count = size();
        if (head_ * 2 < buffer_.size() || buffer_.empty()) {
            std::vector<T> larger(std::max<std::size_t>(16, buffer_.size() * 2));
            std::copy(begin(), end(), larger.begin());
            buffer_.swap(larger);
        } else {
            std::copy(begin(), end(), buffer_.begin());
        }
        head_ = 0;
        tail_ = count;
    }

    std::vector<T> buffer_;  // every slot in use or not: [head_, tail_) are the queue
    std::size_t head_ = 0;
    std::size_t tail_ = 0;
};

}  // namespace interleave::detail
