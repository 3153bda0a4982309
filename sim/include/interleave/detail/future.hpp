#pragma once
// FutureBase: asyncio.Future without a value type. Completing it never runs anything inline:
// each registered callback is queued on the runtime's ready queue, in registration order
// (SEMANTICS.md §2). A callback is either "wake this task" (a task step) or a plain function.
#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

#include <interleave/detail/context_data.hpp>
#include <interleave/detail/loop_callback.hpp>
#include <interleave/detail/vector_clock.hpp>

namespace interleave::detail {

class TaskState;
class GatherState;

class FutureBase {
public:
    enum class Status : std::uint8_t { pending, finished, cancelled };

    FutureBase();
    FutureBase(const FutureBase&) = delete;
    FutureBase& operator=(const FutureBase&) = delete;
    virtual ~FutureBase() = default;

    bool done() const { return status_ != Status::pending; }
    bool cancelled() const { return status_ == Status::cancelled; }
    Status status() const { return status_; }
    const std::exception_ptr& error() const { return error_; }

    /// asyncio Future.cancel(): false when already done.
    virtual bool cancel();
    void set_result();
    void set_exception(std::exception_ptr error);

    /// Registers "resume this task" (Task.__wakeup). Returns an id for remove_done_callback.
    std::uint64_t add_wakeup(TaskState* task);
    /// Registers a plain callback, run as its own handle in the context current now.
    std::uint64_t add_done_callback(LoopCallback callback);
    void remove_done_callback(std::uint64_t id);
    /// The clock of whoever completed the future (joined with what join_clock added): an
    /// awaiter that sees the completion happens after it.
    const VectorClock& completer_clock() const { return completer_clock_; }
    void join_clock(const VectorClock& clock) { completer_clock_.join(clock); }
    /// Names this future in step records (DPOR); a task's key names the task.
    std::uint64_t key_ = 0;
    /// Tells the running step's record that it looked at whether the future is done. (Inline,
    /// defined in runtime.hpp, which includes this header: every await of a future asks.)
    inline void touch_read() const;
    /// done() and cancelled() as user code asks them: a read of the future.
    bool observe_done() const {
        touch_read();
        return done();
    }
    bool observe_cancelled() const {
        touch_read();
        return cancelled();
    }

protected:
    /// With its key already made (a task's, by its spawn): no call to reach the runtime.
    explicit FutureBase(std::uint64_t key) : key_(key) {}
    void mark_done(Status status);
    /// Registers a task's wakeup or a gather's count (TaskState::count_in), which carry no
    /// function and no context, as add_done_callback registers a function.
    std::uint64_t add_plain(TaskState* wake, GatherState* counting);
    /// How completing it touches it: a gather's normal completion commutes with its counting.
    AccessKind completion_kind_ = AccessKind::write;

private:
    /// One of: resume `wake`; let `counting` count this future, a task, as done (a gather's
    /// callback on its child, queued as an entry of its own); run `function` in `context`.
    struct Callback {
        std::uint64_t id;
        TaskState* wake;
        GatherState* counting;
        LoopCallback function;
        ContextPtr context;
    };
    /// A new callback's id; registering one is a write of the future (DPOR).
    std::uint64_t register_callback();
    /// `last_at_completion`: the last callback run by the future's completion (mark_done). (Only
    /// a gather's count reads it: that is on a task, whose completion ends its step.)
    void run_callback(Callback& callback, bool last_at_completion);
    void run_plain_callback(TaskState* wake, GatherState* counting, bool last_at_completion);

    Status status_ = Status::pending;
    std::exception_ptr error_;
    VectorClock completer_clock_;
    // The callbacks in registration order: first_, then more_. Most futures get one, a task's
    // awaiter or a gather's count: the first one of those kinds is kept as its parts alone (no
    // function, no context to build, move and destroy); any other goes to more_.
    struct PlainCallback {
        std::uint64_t id = 0;  // 0: none
        TaskState* wake = nullptr;
        GatherState* counting = nullptr;
    };
    PlainCallback first_;
    std::vector<Callback> more_;
    std::uint64_t next_callback_id_ = 1;
};

/// A future in a waiter list (a lock's, a queue's ...). It lives in the waiting coroutine's
/// frame and unlinks itself when destroyed, because tearing down a deadlocked execution
/// destroys frames that are still waiting.
class WaitNode : public FutureBase {
public:
    WaitNode() = default;
    ~WaitNode() override { unlink(); }
    bool linked() const { return owner_ != nullptr; }
    void unlink();

private:
    friend class WaiterList;
    class WaiterList* owner_ = nullptr;
    WaitNode* prev_ = nullptr;
    WaitNode* next_ = nullptr;
};

/// Intrusive FIFO of WaitNodes (the `_waiters` deque of asyncio's primitives).
class WaiterList {
public:
    WaiterList() = default;
    WaiterList(const WaiterList&) = delete;
    WaiterList& operator=(const WaiterList&) = delete;
    ~WaiterList();

    void push_back(WaitNode& node);
    void remove(WaitNode& node) { node.unlink(); }
    WaitNode* front() const { return head_; }
    static WaitNode* next(const WaitNode* node) { return node->next_; }
    bool empty() const { return head_ == nullptr; }
    std::size_t size() const;

private:
    friend class WaitNode;
    WaitNode* head_ = nullptr;
    WaitNode* tail_ = nullptr;
};

}  // namespace interleave::detail
