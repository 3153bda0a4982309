#pragma once
// ReadyQueue: the loop's FIFO of ready handles, a vector with a moving front. Handles are small
// and trivially copyable, so removing one from the middle (a strategy's pick) is a short
// memmove, and the storage is kept across executions: no allocation once warm.
#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace interleave::detail {

template <class T>
class ReadyQueue {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    bool empty() const { return head_ == items_.size(); }
    std::size_t size() const { return items_.size() - head_; }
    T& front() { return items_[head_]; }
    T* begin() { return items_.data() + head_; }
    T* end() { return items_.data() + items_.size(); }
    const T* begin() const { return items_.data() + head_; }
    const T* end() const { return items_.data() + items_.size(); }

    void push_back(const T& item) {
        if (head_ > 0 && head_ * 2 >= items_.size()) {  // reclaim the consumed front before growing
            items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
            head_ = 0;
        }
        items_.push_back(item);
    }
    void pop_front() {
        if (++head_ == items_.size()) clear();
    }
    /// Removes the item at `at` (a pointer from begin()/end()), keeping the others' order.
    void erase(T* at) {
        if (at == begin()) {
            pop_front();
            return;
        }
        std::copy(at + 1, end(), at);
        items_.pop_back();
    }
    void clear() {
        items_.clear();
        head_ = 0;
    }

private:
    std::vector<T> items_;
    std::size_t head_ = 0;
};

}  // namespace interleave::detail
