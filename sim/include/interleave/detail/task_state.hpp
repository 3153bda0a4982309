#pragma once
// TaskState: what asyncio.Task is, minus the coroutine's type. Owned by the Runtime; a
// TaskHandle is a non-owning view of it (the runtime outlives every frame).
#include <coroutine>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <interleave/detail/context_data.hpp>
#include <interleave/detail/frame_pool.hpp>
#include <interleave/detail/future.hpp>
#include <interleave/detail/vector_clock.hpp>
#include <interleave/strategy.hpp>

namespace interleave::detail {

/// What a suspended task waits on, for deadlock reports. Kept in parts and put into words only
/// when a report needs it: tasks wait at almost every step.
///   {object, "load"}                      -> "load"
///   on_object(id, "Lock", "acquire")      -> "Lock.acquire 'fork1'"
///   awaiting(task)                        -> "await worker#2"
///   sleeping_until(ns)                    -> "sleep until 0.1s"
///   described(text)                       -> the text, "wait_for worker#1" (rare waits)
/// Trivially copyable, so that setting it at every step costs no string work: a described
/// text is the waiter's, which keeps it alive in its frame for as long as it waits.
struct WaitReason {
    ObjectId object = no_object;
    const char* what = "";
    const char* kind = nullptr;  // set: "<kind>.<what> '<object's name>'"
    std::optional<TaskId> task = std::nullopt;  // the task it awaits, if it awaits one
    std::int64_t until_ns = -1;                 // a sleep's deadline

    static WaitReason on_object(ObjectId object, const char* kind, const char* what) {
        return WaitReason{object, what, kind};
    }
    static WaitReason awaiting(TaskId task) { return WaitReason{no_object, "await", nullptr, task}; }
    static WaitReason sleeping_until(std::int64_t ns) {
        return WaitReason{no_object, "sleep until", nullptr, std::nullopt, ns};
    }
    /// `text` must outlive the wait (a local of the waiting coroutine).
    static WaitReason described(const std::string& text) { return WaitReason{no_object, text.c_str()}; }
};

static_assert(std::is_trivially_copyable_v<WaitReason>);

class TaskState : public FutureBase, public Pooled {
public:
    static constexpr TaskId no_parent = UINT32_MAX;
    /// `parent`: the creating task, or no_parent. (A plain id: an optional passed by value was
    /// stored in halves and read back whole, a store-forwarding stall at every spawn.) `key`:
    /// its name in step records, made by its creator (Runtime::new_key).
    TaskState(TaskId id, TaskId parent, ContextPtr context, std::uint64_t key)
        : FutureBase(key), context_(std::move(context)), id_(id), parent_(parent) {}
    ~TaskState() override;

    TaskId id() const { return id_; }
    /// Its name, kept once, in the running execution's task list (Runtime::task_name).
    std::string_view name() const;
    std::optional<TaskId> parent() const {
        return parent_ == no_parent ? std::nullopt : std::optional<TaskId>(parent_);
    }

    /// asyncio Task.cancel(): forwards to the awaited future, else cancels at the next step.
    bool cancel() override;
    /// Registers `gather` counting this task as done once it finishes: the gather's done
    /// callback on its child, in turn with the task's other callbacks.
    void count_in(GatherState* gather) { add_plain(nullptr, gather); }
    int cancelling() const { return num_cancels_requested_; }
    int uncancel() {
        if (num_cancels_requested_ > 0) --num_cancels_requested_;
        return num_cancels_requested_;
    }

    // --- used by the runtime and by awaiters ---
    void set_root(std::coroutine_handle<> root) { root_ = resume_point_ = root; }
    std::coroutine_handle<> root() const { return root_; }
    std::coroutine_handle<> resume_point_;
    ContextPtr context_;
    FutureBase* fut_waiter_ = nullptr;
    bool must_cancel_ = false;
    bool started_ = false;
    bool error_retrieved_ = false;
    std::exception_ptr resume_exception_;  // thrown at the next await_resume
    WaitReason waiting_;
    std::uint64_t sleep_timer_ = 0;        // timer sequence while in sleep(d > 0)
    std::int64_t sleep_deadline_ = 0;
    VectorClock clock_;                    // happens-before
    std::vector<ObjectId> held_locks_;     // in acquisition order, for lock_order
    std::uint64_t created_ = 0;            // objects, futures and tasks it created: their keys
    VectorClock scheduled_clock_;          // happens-before when it was last made ready (DPOR)

    /// Called by the driver coroutine when the task's coroutine ends.
    void finish_value();
    void finish_cancelled();
    void finish_exception(std::exception_ptr error);

private:
    TaskId id_;
    TaskId parent_;
    std::coroutine_handle<> root_;
    int num_cancels_requested_ = 0;
};

template <class T>
class TypedTaskState : public TaskState {
public:
    using TaskState::TaskState;
    std::optional<T> result_;
};
template <>
class TypedTaskState<void> : public TaskState {
public:
    using TaskState::TaskState;
};

}  // namespace interleave::detail
