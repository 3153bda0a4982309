#pragma once
// Event: asyncio.Event (SEMANTICS.md §9). wait() on a set event returns without suspending.
// set() wakes every waiter, in wait() order, each one hop later; clear() right after set()
// does not stop them.
#include <coroutine>
#include <string>

#include <interleave/detail/future.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/detail/vector_clock.hpp>

namespace interleave {

class Event : public detail::ObjectBase {
public:
    explicit Event(std::string name = "event");

    class [[nodiscard]] WaitAwaiter {
    public:
        explicit WaitAwaiter(Event& event) : event_(event) {}
        bool await_ready();
        void await_suspend(std::coroutine_handle<> frame);
        bool await_resume();

    private:
        Event& event_;
        detail::WaitNode node_;
        bool suspended_ = false;
    };

    WaitAwaiter wait() { return WaitAwaiter(*this); }
    void set();
    void clear();
    bool is_set() const {
        touch(AccessKind::read);
        return value_;
    }
    std::string describe() const override;

private:
    bool value_ = false;
    detail::WaiterList waiters_;
    detail::VectorClock set_clock_;  // set -> waits that find it set
};

}  // namespace interleave
