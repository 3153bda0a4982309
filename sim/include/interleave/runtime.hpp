#pragma once
// Runtime: one execution of a scenario on a virtual clock. It owns every task, the ready queue
// of handles (task steps and plain callbacks) and the timers, and asks a Strategy to choose at
// every scheduling point. Two loops:
//  - fifo_batches (asyncio-default): CPython 3.11's _run_once exactly (SEMANTICS.md §17):
//    handles run in batches, due timers appended after already-queued handles, callbacks at
//    their queue positions, asyncio.run's shutdown after the body returns.
//  - exploring (every other strategy): pending callbacks run first, in FIFO order (they are
//    bookkeeping, not choices); then the strategy picks any ready task step. The execution ends
//    when the body returns.
// Time advances only when nothing is ready, to the earliest timer. In the relaxed time model a
// task sleeping on a timer is also a candidate, as if its timer could fire now.
#include <array>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <interleave/detail/detectors.hpp>
#include <interleave/detail/loop_callback.hpp>
#include <interleave/detail/ready_queue.hpp>
#include <interleave/detail/task_state.hpp>
#include <interleave/detail/text_words.hpp>
#include <interleave/detail/timer_queue.hpp>
#include <interleave/detail/vector_clock.hpp>
#include <interleave/errors.hpp>
#include <interleave/execution.hpp>
#include <interleave/strategy.hpp>
#include <interleave/task.hpp>

namespace interleave {

namespace detail {
class ObjectBase;
class GatherState;
}

struct RuntimeOptions {
    TimeModel time_model = TimeModel::strict;
    std::uint64_t max_steps = 100000;
    bool record_events = true;
    /// Printing is an access to one shared stream (when the outcome includes the output).
    bool output_is_shared = false;
    /// print() formats its line and keeps it in the result. An exploring run whose outcome is
    /// the state alone reads no output and turns this off: formatting is most of a print's
    /// cost. Recording keeps the output whatever this says.
    bool keep_output = true;
    /// The outcome as the words of its JSON text (ExecutionResult::outcome_words), with no JSON
    /// built: what an explorer's exploring runs ask for, as it compares outcomes by them.
    bool outcome_as_words = false;
};

/// A timer registered with call_at; cancel it through the runtime.
struct TimerHandle {
    std::int64_t when = 0;
    std::uint64_t seq = 0;
    /// asyncio TimerHandle.cancel(): the callback will not run.
    void cancel() const;
};

namespace detail {
/// A spawned task's end (PromiseBase::RootEnd): its result, exception or cancellation
/// completes its TaskState.
template <class T>
void end_root(PromiseBase* promise, void* task) noexcept;
}  // namespace detail

class Runtime {
public:
    Runtime(Strategy& strategy, RuntimeOptions options = {});
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    /// Runs `main` as the root task ("main") to the end of one execution. Call once, or again
    /// after restart().
    ExecutionResult run(Task<> main);
    /// run() into `result`, emptied and filled in place: a loop that passes the same result
    /// reuses its storage, and allocates little once warm.
    void run_into(Task<> main, ExecutionResult& result);

    /// Makes a finished runtime ready for another execution, as if newly constructed with these
    /// arguments, but keeping its containers' storage (an explorer runs millions of executions)
    /// and becoming the current runtime again. Pair with release(); restarted while still
    /// current, it keeps the runtime that was current before it for release() to restore.
    void restart(Strategy& strategy, RuntimeOptions options);
    /// After run()/finish(): this runtime stops being the current one, until restart().
    void release();

    // Explicit stepping (exploring loop only), for tests that assert between steps:
    //   runtime.start(body()); while (runtime.step()) { ... }; auto result = runtime.finish();
    /// Spawns `main` as the root task without running anything.
    void start(Task<> main);
    /// Runs pending callbacks, advances time if nothing is ready, then one task step chosen by
    /// the strategy. False once the execution has ended (the body returned, deadlock, limit).
    bool step();
    /// Ends the execution: fills in the verdict and outcome, destroys every frame.
    ExecutionResult finish();
    void finish_into(ExecutionResult& result);

    /// The runtime of the execution running on this thread; throws when there is none.
    /// (Inline: every primitive asks for it, several times a step.)
    static Runtime& current() {
        if (!current_runtime_) throw_no_runtime();
        return *current_runtime_;
    }
    static Runtime* current_or_null() { return current_runtime_; }

    std::int64_t now_ns() const { return now_; }
    /// The virtual time as a step observes it (now(), a deadline `d` from now). In the relaxed
    /// model the order sleepers wake in decides it (fire_sleeper): a read of the clock, for
    /// strategies that observe steps. (In the strict model time moves only between steps.)
    std::int64_t observed_now_ns() {
        if (options_.time_model == TimeModel::relaxed) access(clock_key(), AccessKind::read);
        return now_;
    }
    TimeModel time_model() const { return options_.time_model; }
    std::uint64_t step() const { return steps_; }

    // --- tasks ---
    template <class T>
    /// `name` empty: "<function>#<n>", the n-th task of that coroutine function.
    detail::TypedTaskState<T>* spawn(Task<T> task, std::string_view name = {});
    detail::TaskState* current_task() const { return current_task_; }
    detail::TaskState* task(TaskId id) const { return tasks_.at(id).get(); }
    std::string_view task_name(TaskId id) const { return result_->tasks.at(id).name; }
    const detail::ContextPtr& current_context() const { return current_context_; }
    /// ContextVar.set: replaces the running task's (or callback's) context.
    void set_current_context(detail::ContextPtr context) {
        current_context_ = std::move(context);
        if (current_task_) current_task_->context_ = current_context_;
    }

    // --- the ready queue and timers (loop.call_soon / call_at) ---
    /// (Inline, with the next: tasks are made ready several times a step.)
    void schedule_step(detail::TaskState* task) { schedule_step(task, clock()); }
    /// Makes `task` ready because of a completion whose happens-before is `cause`.
    void schedule_step(detail::TaskState* task, const detail::VectorClock& cause) {
        if (tearing_down_) return;
        if (observing_) note_enabling(task, cause);
        if (fifo_)
            ready_.push_back(Handle{task, nullptr, 0, 0});
        else
            ready_steps_.push_back(Candidate{task->id(), false, task->key_});
    }
    void call_soon(detail::LoopCallback callback, detail::ContextPtr context);
    /// call_soon(gather counts `child` as done), after `child`'s completion. (Its own handle,
    /// with no callback slot: a gather counts each child of every execution this way.)
    /// `last_at_completion`: nothing follows it in the step (see the definition).
    void call_soon_gather_child_done(detail::GatherState* gather, detail::TaskState* child, bool last_at_completion);
    /// A callback that happens after whatever `clock` has seen (a future's completion).
    /// (Moved from: a future's completion hands over its callbacks without copies.)
    void call_soon(detail::LoopCallback&& callback, detail::ContextPtr&& context, const detail::VectorClock& clock);
    /// `sleeper`: the task this timer wakes from sleep(d), a candidate in the relaxed time model.
    TimerHandle call_at(std::int64_t when, detail::LoopCallback callback, detail::ContextPtr context,
                        detail::TaskState* sleeper = nullptr);
    void cancel_timer(TimerHandle timer);

    /// Suspends the current task on `future` (Task.__step's blocking branch).
    void suspend_on(detail::FutureBase& future, std::coroutine_handle<> frame, detail::WaitReason reason);
    /// After resuming from suspend_on: the exception the task must see (cancellation or the
    /// future's error), or null.
    std::exception_ptr wake_exception(detail::FutureBase& future);
    /// Bare `yield` (sleep(0)): back to the tail of the ready queue, waiting on `reason` (for
    /// reports) until it runs again. (Inline: every Shared access yields first.)
    void yield_current(std::coroutine_handle<> frame, detail::WaitReason reason = {no_object, "sleep(0)"}) {
        auto* task = current_task_;
        if (!task) throw_yield_outside_task();
        task->resume_point_ = frame;
        task->waiting_ = reason;
        schedule_step(task);
    }
    /// Throws the exception a bare yield was resumed with (a pending cancellation). (The check
    /// inline: every Shared access makes it, and it is rarely true.)
    void rethrow_resume_exception() {
        if (current_task_ && current_task_->resume_exception_) rethrow_pending_resume_exception();
    }

    // --- happens-before and the detectors ---
    /// The clock of the running task or callback (empty outside both).
    const detail::VectorClock& clock() const { return current_clock_ ? *current_clock_ : no_clock_; }
    /// The running task or callback now happens after `clock` (an acquire).
    void synchronize_with(const detail::VectorClock& clock);
    /// `value`: its repr, when recording (only descriptions show values), else empty.
    /// (Inline, with the next: every Shared access makes one, straight into the detectors.)
    void on_shared_read(ObjectId variable, std::string_view value) {
        if (!current_task_ || tearing_down_) return;  // loop callbacks are not tracked
        detectors_.on_read(variable, {current_task_->id(), current_task_->clock_, steps_, now_}, value);
    }
    void on_shared_write(ObjectId variable, std::string_view value) {
        if (!current_task_ || tearing_down_) return;
        detectors_.on_write(variable, {current_task_->id(), current_task_->clock_, steps_, now_}, value);
    }
    void on_lock_request(ObjectId lock);
    void on_lock_acquired(ObjectId lock);
    void on_lock_released(ObjectId lock);
    /// The task holding `lock`, as far as the runtime knows (the last acquirer).
    std::optional<TaskId> lock_holder(ObjectId lock) const;

    // --- what each step touched, for strategies that observe steps (DPOR) ---
    void access(std::uint64_t key, AccessKind kind) {
        if (in_step_record_) step_record_.accesses.push_back(Access{key, kind});
    }
    /// A key for a new object, future or task: the creator's key and its creation count. Keys
    /// only name things in step records and candidates for a strategy that observes steps;
    /// without one nothing reads them, and they are all 0 (no hashing per future).
    std::uint64_t new_key() {
        if (!observing_) return 0;
        if (current_task_) return derived_key(current_task_->key_, ++current_task_->created_);
        return derived_key(0, ++loose_created_ + (1ULL << 40));
    }
    std::uint64_t object_key(ObjectId id) const { return object_keys_[id]; }
    /// Derived keys: a task's spawn, its cancellation requests ...
    static constexpr std::uint64_t derived_key(std::uint64_t base, std::uint64_t salt) {
        // SplitMix64's finaliser over both: distinct (base, salt) pairs collide with probability 2^-64.
        std::uint64_t z = base * 0x9E3779B97F4A7C15ULL + salt + 0x632BE59BD9B4E019ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// The virtual clock's, in the relaxed model: a sleeper woken early moves it on
    /// (commutatively: the clock is the latest deadline woken), steps that observe it read it.
    static constexpr std::uint64_t clock_key() { return derived_key(0xC10C, 2); }
    /// What a task's spawn writes and its first step reads: nothing else touches it, so that
    /// step depends on the spawn alone (and on what touches the task's cancellation).
    static constexpr std::uint64_t spawn_key(std::uint64_t task_key) { return derived_key(task_key, 2); }
    /// What a request to cancel a task writes, and each of the task's steps reads (implicitly:
    /// see StepRecord).
    static constexpr std::uint64_t cancel_key(std::uint64_t task_key) { return derived_key(task_key, 3); }
    /// The running step asks `task` to cancel.
    void access_cancel_request(TaskId task, std::uint64_t task_key) {
        if (!in_step_record_) return;
        access(cancel_key(task_key), AccessKind::write);
        step_record_.cancels.push_back(CancelRequest{task, task_key});
    }

    /// An empty list for a gather's children, with the storage of one a gather gave back: an
    /// explorer gathers in every execution, and a new vector each time was a heap allocation.
    std::vector<detail::TaskState*> take_task_list() {
        if (spare_task_lists_.empty()) return {};
        auto list = std::move(spare_task_lists_.back());
        spare_task_lists_.pop_back();
        return list;
    }
    void give_back_task_list(std::vector<detail::TaskState*>&& list) {
        constexpr std::size_t max_spare = 64;  // bounded: memory stays flat whatever a scenario does
        if (spare_task_lists_.size() >= max_spare || list.capacity() == 0) return;
        list.clear();
        spare_task_lists_.push_back(std::move(list));
    }

    /// Keeps a future (a gather's) alive until the execution ends, for callbacks that outlive
    /// whoever awaited it.
    template <class Future>
    Future* keep_until_end(std::unique_ptr<Future> future) {
        auto* raw = future.get();
        kept_futures_.push_back(std::move(future));
        return raw;
    }

    // --- objects, events, output ---
    /// `kind`: a literal ("Lock", "Shared" ...), kept as a view in the result.
    ObjectId register_object(std::string_view kind, std::string_view name);
    void attach(ObjectId id, detail::ObjectBase* object);
    void detach(ObjectId id);
    /// The current state of a live object, for deadlock reports ("held by philosopher#2").
    std::string describe_object(ObjectId id) const;
    void record(std::string_view op, ObjectId object, std::string value = {});
    bool recording() const { return options_.record_events; }
    void print_line(std::string line);
    bool keeps_output() const { return options_.keep_output || options_.record_events; }
    /// A print's access to the output stream (when the outcome includes the output), whether or
    /// not its line is kept: all a print does when keeps_output() is false.
    void touch_output();
    void expect_failed(std::string message);
    const std::string& object_name(ObjectId id) const { return result_->objects.at(id).name; }
    bool tearing_down() const { return tearing_down_; }

private:
    [[noreturn]] static void throw_no_runtime();
    [[noreturn]] static void throw_yield_outside_task();
    static const detail::VectorClock no_clock_;  // clock() outside tasks and callbacks
    static inline thread_local Runtime* current_runtime_ = nullptr;

    /// A ready queue entry: a task step, a gather counting a finished child, or a callback kept
    /// in callbacks_ (handles stay small and trivially copyable, so the queue moves them cheaply).
    struct Handle {
        detail::TaskState* task = nullptr;      // a task step when set
        detail::GatherState* gather = nullptr;  // else, when set: it counts tasks_[callback] as done
        std::uint32_t callback = 0;             // else callbacks_[callback]
        std::uint64_t timer_seq = 0;
    };
    struct Callback {
        detail::LoopCallback function;
        detail::ContextPtr context;
        detail::VectorClock clock;  // its happens-before (empty for timers: time is no sync)
    };
    struct Timer {
        Handle handle;
        detail::TaskState* sleeper = nullptr;
    };

    Handle callback_handle(detail::LoopCallback&& function, detail::ContextPtr&& context,
                           const detail::VectorClock& clock, std::uint64_t timer_seq);
    /// Queues a callback's handle (a timer's too); task steps go to ready_ through schedule_step.
    void push_callback(const Handle& handle);
    /// What made `task` ready, for the step record of its next step (DPOR).
    void note_enabling(detail::TaskState* task, const detail::VectorClock& cause);
    TaskId add_task(std::unique_ptr<detail::TaskState> state, const char* function_name, std::string_view name);
    /// The entry of task_names_ that numbers the tasks of the coroutine function `function_name`.
    std::size_t task_names_entry(const char* function_name);
    void run_handle(Handle handle);
    void run_step(detail::TaskState* task);
    /// step()'s body, inlined into run_into's loop: no call and no register saves per step.
    bool take_step();
    bool step_limit_reached() const { return steps_ > options_.max_steps; }
    void run_fifo_batches(detail::TaskState* main);
    void shut_down_fifo();
    bool end_with(Verdict verdict);
    void run_pending_callbacks();
    bool fire_due_timers();
    void fire_sleeper(detail::TaskState* task);
    void conclude(detail::TaskState* main);
    void describe_deadlock();
    std::string wait_text(const detail::WaitReason& reason) const;
    void find_wait_cycle();
    void snapshot_shared();
    /// Adds an object's final value to a JSON outcome, keyed by its name (taken: name#id).
    void add_outcome_member(nlohmann::ordered_json::object_t& outcome, ObjectId id, nlohmann::ordered_json value);
    /// outcome_as_words: the object's outcome value's words, kept for the snapshot.
    void keep_final_words(ObjectId id, const detail::ObjectBase& object);
    /// The outcome as words (snapshot_shared's, under outcome_as_words).
    void snapshot_words();
    /// Whether the outcome's member names, in `words` at `name_at`, are all different.
    bool names_distinct(const detail::TextWords& words, const std::vector<std::uint32_t>& name_at);
    void tear_down();
    [[noreturn]] void rethrow_pending_resume_exception();
    /// Starts the record of `task`'s step when the strategy observes steps and needs this one.
    /// (The check inline: a strategy that does not observe pays no call per step.)
    void begin_step_record(detail::TaskState* task) {
        if (observing_ && strategy_->needs_step_record()) start_step_record(task);
    }
    void start_step_record(detail::TaskState* task);
    void flush_step_record();

    Strategy* strategy_;
    RuntimeOptions options_;
    Runtime* previous_ = nullptr;
    std::int64_t now_ = 0;
    std::uint64_t steps_ = 0;
    bool fifo_ = false;  // the strategy runs the fifo_batches loop
    // The exploring loop keeps callbacks apart from the task steps a strategy chooses among:
    // they all run, in FIFO order, before the next choice. The fifo loop keeps both in ready_.
    detail::ReadyQueue<Handle> ready_;
    detail::ReadyQueue<Handle> callbacks_due_;
    // The exploring loop's ready task steps, in FIFO order, kept as the candidates the strategy
    // chooses among: no list is built per step.
    detail::ReadyQueue<Candidate> ready_steps_;
    // By Handle::callback; free slots reused. A deque: a callback runs in its slot, which stays
    // put while what it runs schedules more.
    std::deque<Callback> callbacks_;
    std::vector<std::uint32_t> free_callbacks_;
    detail::TimerQueue<Timer> timers_;
    std::vector<std::uint64_t> cancelled_in_ready_;
    std::uint64_t next_timer_seq_ = 1;
    std::vector<std::unique_ptr<detail::TaskState>> tasks_;
    struct TaskNames {
        std::string_view base;                // a coroutine function's name
        int count;                            // its tasks in this execution
        std::vector<std::string_view> names;  // "<base>#<n>", interned once for every later execution
    };
    std::vector<TaskNames> task_names_;  // few functions: a vector
    /// A function name literal -> its entry in task_names_, found by the pointer (spawning
    /// compares no text once a function has been seen; literals of one text share an entry).
    std::vector<std::pair<const char*, std::size_t>> task_names_by_literal_;
    std::string_view last_given_name_;  // interned: the name a spawn last gave ("main")
    std::vector<std::unique_ptr<detail::FutureBase>> kept_futures_;
    std::vector<std::vector<detail::TaskState*>> spare_task_lists_;  // kept across executions
    detail::TaskState* current_task_ = nullptr;
    detail::ContextPtr current_context_;
    std::vector<detail::ObjectBase*> live_objects_;  // by object id; null once destroyed
    // (outcome_as_words: only the values whose words do not give them back, see keep_final_words)
    std::vector<std::pair<ObjectId, nlohmann::ordered_json>> shared_final_;
    // outcome_as_words: the objects' final value words, each a segment of final_words_.
    struct FinalWords {
        ObjectId id;
        std::uint32_t begin;
        std::uint32_t end;
    };
    detail::TextWords final_words_;
    std::vector<FinalWords> final_segments_;
    std::vector<std::uint32_t> outcome_name_at_;  // snapshot_words: where each name's words start
    // names_distinct: the last execution's names as words, in order, and whether they were
    // distinct (kept only past a few names).
    detail::TextWords outcome_names_;
    bool outcome_names_distinct_ = true;
    std::vector<Candidate> candidates_;  // relaxed time: the ready steps, then the sleepers
    detail::Detectors detectors_;
    detail::VectorClock* current_clock_ = nullptr;
    detail::VectorClock gather_callback_clock_;  // a gather's callback runs on a copy of its child's clock
    // by lock's ObjectId (ids are small and dense): the task holding it, or no_holder
    static constexpr TaskId no_holder = UINT32_MAX;
    std::vector<TaskId> lock_holders_;
    std::array<TaskId, 32> recent_tasks_{};  // by step number modulo 32: the tasks of the last steps, for
                                             // step-limit reports
    ExecutionResult own_result_;
    ExecutionResult* result_ = &own_result_;  // what the execution fills: the caller's in run_into
    bool stopping_ = false;
    bool ended_ = false;
    detail::TaskState* main_ = nullptr;
    bool tearing_down_ = false;
    bool outcome_taken_ = false;
    // Step observation (DPOR): the record of the step running now and its callbacks.
    bool observing_ = false;
    bool in_step_record_ = false;
    StepRecord step_record_{};
    std::uint32_t epoch_ = 0;
    std::vector<std::uint64_t> object_keys_;  // by object id
    std::uint64_t loose_created_ = 0;         // objects created outside any task
};

// ---------------------------------------------------------------- implementation

namespace detail {
inline void FutureBase::touch_read() const {
    if (auto* runtime = Runtime::current_or_null()) runtime->access(key_, AccessKind::read);
}

template <class T>
void end_root(PromiseBase* promise, void* task) noexcept {
    auto& root = *static_cast<typename Task<T>::promise_type*>(promise);
    auto* state = static_cast<TypedTaskState<T>*>(task);
    if (auto error = root.error()) {
        try {
            std::rethrow_exception(error);
        } catch (const CancelledError&) {
            state->finish_cancelled();
        } catch (...) {
            state->finish_exception(error);
        }
        return;
    }
    if constexpr (!std::is_void_v<T>) state->result_.emplace(std::move(*root.value_));
    state->finish_value();
}
}  // namespace detail

template <class T>
detail::TypedTaskState<T>* Runtime::spawn(Task<T> task, std::string_view name) {
    auto id = static_cast<TaskId>(tasks_.size());
    const TaskId parent = current_task_ ? current_task_->id() : detail::TaskState::no_parent;
    // (The task is named by its creator, as objects are.)
    auto state = std::make_unique<detail::TypedTaskState<T>>(id, parent, current_context_, new_key());
    auto* raw = state.get();
    raw->clock_ = clock();  // the child happens after its creation
    const char* function_name = task.function_name();
    auto frame = task.release();
    frame.promise().set_root_end(&detail::end_root<T>, raw);
    raw->set_root(frame);
    add_task(std::move(state), function_name, name);
    schedule_step(raw);
    return raw;
}

}  // namespace interleave
