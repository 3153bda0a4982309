#include <algorithm>
#include <cassert>
#include <stdexcept>

#include <interleave/clock.hpp>
#include <interleave/detail/interned.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/gather.hpp>
#include <interleave/runtime.hpp>

namespace interleave {

namespace {
// Keys of the runtime's own shared things, distinct from every derived key in practice.
constexpr std::uint64_t timers_key = Runtime::derived_key(0xC10C, 1);
constexpr std::uint64_t output_key = Runtime::derived_key(0x0B57, 1);
}  // namespace

// A new runtime is a restarted empty one: the initial state is set in one place.
Runtime::Runtime(Strategy& strategy, RuntimeOptions options) { restart(strategy, options); }

Runtime::~Runtime() {
    tear_down();
    release();
}

void Runtime::release() {
    if (current_runtime_ == this) current_runtime_ = previous_;
}

void Runtime::restart(Strategy& strategy, RuntimeOptions options) {
    tear_down();  // (which empties the ready queue, the callbacks, the timers and the kept futures)
    strategy_ = &strategy;
    options_ = options;
    if (current_runtime_ != this) previous_ = current_runtime_;  // (restarted while current: keep the one before)
    current_runtime_ = this;
    now_ = 0;
    steps_ = 0;
    cancelled_in_ready_.clear();
    next_timer_seq_ = 1;
    tasks_.clear();
    for (auto& named : task_names_) named.count = 0;
    current_task_ = nullptr;
    if (current_context_.unique())
        current_context_->values.clear();
    else
        current_context_ = detail::ContextPtr::make();
    live_objects_.clear();
    shared_final_.clear();
    final_words_.clear();
    final_segments_.clear();
    candidates_.clear();
    detectors_.clear();
    current_clock_ = nullptr;
    lock_holders_.clear();
    result_ = &own_result_;
    own_result_.clear();
    stopping_ = false;
    ended_ = false;
    main_ = nullptr;
    tearing_down_ = false;
    outcome_taken_ = false;
    fifo_ = strategy_->fifo_batches();
    observing_ = strategy_->observes_steps() && !fifo_;
    in_step_record_ = false;
    step_record_.accesses.clear();
    step_record_.enabled_by.clear();
    step_record_.cancels.clear();
    step_record_.ends_body = false;
    epoch_ = 0;
    object_keys_.clear();
    loose_created_ = 0;
}

std::string_view detail::TaskState::name() const { return Runtime::current().task_name(id()); }

void Runtime::throw_no_runtime() { throw std::logic_error("interleave: no Runtime is running on this thread"); }

void Runtime::throw_yield_outside_task() { throw std::logic_error("interleave: yielding outside a task"); }

ExecutionResult Runtime::run(Task<> main) {
    ExecutionResult result;
    run_into(std::move(main), result);
    return result;
}

void Runtime::run_into(Task<> main, ExecutionResult& result) {
    // Filled in place: the caller's storage is reused with no swap at the end. On the way out,
    // an exception's included, the runtime stops pointing at it.
    struct Unbind {
        Runtime& runtime;
        ~Unbind() { runtime.result_ = &runtime.own_result_; }
    } unbind{*this};
    result.clear();
    // Objects made between restart and now (a test's Lock, say) registered in own_result_:
    // their result then goes to the caller whole.
    if (!own_result_.empty()) result.swap(own_result_);
    result_ = &result;
    start(std::move(main));
    if (fifo_)
        run_fifo_batches(main_);
    else
        while (take_step()) {
        }
    conclude(main_);
    tear_down();
}

void Runtime::start(Task<> main) {
    if (main_) throw std::logic_error("interleave: a Runtime runs one execution");
    detectors_.set_execution(result_);
    detectors_.set_describe(options_.record_events);
    main_ = spawn(std::move(main), "main");
}

ExecutionResult Runtime::finish() {
    ExecutionResult result;
    finish_into(result);
    return result;
}

void Runtime::finish_into(ExecutionResult& result) {
    conclude(main_);
    tear_down();
    result.swap(own_result_);  // own_result_ keeps the caller's old storage, emptied at restart
}

std::size_t Runtime::task_names_entry(const char* function_name) {
    for (const auto& [literal, entry] : task_names_by_literal_)
        if (literal == function_name) return entry;
    // (function names are literals: a view of one stays valid)
    const std::string_view base =
        function_name && *function_name && std::string_view(function_name) != "operator()" ? function_name : "task";
    auto counted =
        std::find_if(task_names_.begin(), task_names_.end(), [&](const auto& entry) { return entry.base == base; });
    if (counted == task_names_.end()) counted = task_names_.insert(task_names_.end(), {base, 0, {}});
    const auto entry = static_cast<std::size_t>(counted - task_names_.begin());
    task_names_by_literal_.emplace_back(function_name, entry);
    return entry;
}

TaskId Runtime::add_task(std::unique_ptr<detail::TaskState> state, const char* function_name, std::string_view name) {
    auto id = state->id();
    auto& info = result_->tasks.emplace_back();  // (in place: a temporary was copied through the stack)
    info.id = id;
    info.parent = state->parent();
    auto& kept = info.name;  // interned: the detectors match task names by pointer
    if (name.empty()) {
        auto& counted = task_names_[task_names_entry(function_name)];
        const auto number = static_cast<std::size_t>(++counted.count);
        if (counted.names.size() < number)  // spelled once, for every later execution
            counted.names.push_back(detail::intern(std::string(counted.base) + '#' + std::to_string(number)));
        kept = counted.names[number - 1];
    } else {
        if (name != last_given_name_) last_given_name_ = detail::intern(name);
        kept = last_given_name_;
    }
    tasks_.push_back(std::move(state));
    if (recording()) record("spawn", no_object, std::string(result_->tasks.back().name));
    if (in_step_record_) access(spawn_key(tasks_.back()->key_), AccessKind::write);  // the child's first step reads it
    return id;
}

// ---------------------------------------------------------------- ready queue and timers

void Runtime::note_enabling(detail::TaskState* task, const detail::VectorClock& cause) {
    task->scheduled_clock_ = cause;
    // (A task that yields is made ready by its own clock, at every Shared access: joining the
    // clock with itself changed nothing.)
    if (&cause != &clock()) task->scheduled_clock_.join(clock());
}

void Runtime::push_callback(const Handle& handle) { (fifo_ ? ready_ : callbacks_due_).push_back(handle); }

Runtime::Handle Runtime::callback_handle(detail::LoopCallback&& function, detail::ContextPtr&& context,
                                         const detail::VectorClock& clock, std::uint64_t timer_seq) {
    std::uint32_t slot;
    if (free_callbacks_.empty()) {
        slot = static_cast<std::uint32_t>(callbacks_.size());
        callbacks_.emplace_back();
    } else {
        slot = free_callbacks_.back();
        free_callbacks_.pop_back();
    }
    auto& callback = callbacks_[slot];
    callback.function = std::move(function);
    callback.context = std::move(context);
    callback.clock = clock;
    return Handle{nullptr, nullptr, slot, timer_seq};
}

void Runtime::call_soon(detail::LoopCallback callback, detail::ContextPtr context) {
    call_soon(std::move(callback), std::move(context), clock());
}

void Runtime::call_soon(detail::LoopCallback&& callback, detail::ContextPtr&& context,
                        const detail::VectorClock& clock) {
    if (tearing_down_) return;
    push_callback(callback_handle(std::move(callback), std::move(context), clock, 0));
}

void Runtime::call_soon_gather_child_done(detail::GatherState* gather, detail::TaskState* child,
                                          bool last_at_completion) {
    if (tearing_down_) return;
    // The exploring loop runs every pending callback, in FIFO order, before the next choice.
    // A count queued last by a completion that ends its step, with none queued before it, is
    // run next whatever happens: it runs now instead, sparing the queue's round trip. (The
    // task's clock is its completion's; the gather's callbacks are queued as they would be.)
    if (last_at_completion && !fifo_ && callbacks_due_.empty()) {
        gather->child_done(child);
        return;
    }
    push_callback(Handle{nullptr, gather, child->id(), 0});
}

TimerHandle Runtime::call_at(std::int64_t when, detail::LoopCallback callback, detail::ContextPtr context,
                             detail::TaskState* sleeper) {
    TimerHandle timer{when, next_timer_seq_++};
    if (tearing_down_) return timer;
    // Timers that wake a sleeper only wake it; others run callbacks in deadline order.
    if (!sleeper) access(timers_key, AccessKind::write);
    timers_.insert({when, timer.seq},
                   Timer{callback_handle(std::move(callback), std::move(context), {}, timer.seq), sleeper});
    return timer;
}

void TimerHandle::cancel() const {
    if (auto* runtime = Runtime::current_or_null()) runtime->cancel_timer(*this);
}

void Runtime::cancel_timer(TimerHandle timer) {
    if (timer.seq == 0 || tearing_down_) return;
    if (auto taken = timers_.take({timer.when, timer.seq})) {
        if (!taken->sleeper) access(timers_key, AccessKind::write);
        return;
    }
    // Already collected into the ready queue: skipped when it comes up (asyncio's cancelled handle).
    for (const auto* queue : {&ready_, &callbacks_due_})
        for (const auto& handle : *queue)
            if (handle.timer_seq == timer.seq) cancelled_in_ready_.push_back(timer.seq);
}

bool Runtime::fire_due_timers() {
    bool fired = false;
    while (!timers_.empty() && timers_.earliest_key().first <= now_) {
        push_callback(timers_.take_earliest().handle);
        fired = true;
    }
    return fired;
}

void Runtime::fire_sleeper(detail::TaskState* task) {
    auto timer = timers_.take({task->sleep_deadline_, task->sleep_timer_});
    assert(timer && "a sleeping candidate has its timer");
    // (Woken in either order, two sleepers leave the clock at the later deadline: they commute,
    // but for a step that observes the time in between.)
    access(clock_key(), AccessKind::add);
    now_ = std::max(now_, task->sleep_deadline_);
    push_callback(timer->handle);
}

// ---------------------------------------------------------------- suspension

void Runtime::suspend_on(detail::FutureBase& future, std::coroutine_handle<> frame, detail::WaitReason reason) {
    auto* task = current_task_;
    if (!task) throw std::logic_error("interleave: awaiting outside a task");
    task->resume_point_ = frame;
    task->fut_waiter_ = &future;
    task->waiting_ = reason;
    future.add_wakeup(task);
    if (task->must_cancel_ && future.cancel()) task->must_cancel_ = false;
}

std::exception_ptr Runtime::wake_exception(detail::FutureBase& future) {
    auto* task = current_task_;
    future.touch_read();
    synchronize_with(future.completer_clock());
    if (task->resume_exception_) return std::exchange(task->resume_exception_, nullptr);
    if (future.cancelled()) return std::make_exception_ptr(CancelledError{});
    return future.error();
}

void Runtime::rethrow_pending_resume_exception() {
    std::rethrow_exception(std::exchange(current_task_->resume_exception_, nullptr));
}

// ---------------------------------------------------------------- running handles

[[gnu::always_inline]] inline void Runtime::run_step(detail::TaskState* task) {
    ++steps_;
    // (waiting_ is left as it is: every suspension sets it, and only a suspended task's is read.)
    task->fut_waiter_ = nullptr;
    task->sleep_timer_ = 0;
    if (task->must_cancel_) {
        task->must_cancel_ = false;
        task->resume_exception_ = std::make_exception_ptr(CancelledError{});
    }
    current_task_ = task;
    // (Tasks mostly share their creator's context: no reference count to touch then.)
    if (current_context_ != task->context_) current_context_ = task->context_;
    current_clock_ = &task->clock_;
    task->clock_.tick(task->id());
    recent_tasks_[steps_ % recent_tasks_.size()] = task->id();
    if (recording()) record("step", no_object);
    if (!task->started_) {
        if (in_step_record_) access(spawn_key(task->key_), AccessKind::read);
        task->started_ = true;
        if (task->resume_exception_) {  // cancelled before its first step: the body never runs
            task->resume_exception_ = nullptr;
            task->finish_cancelled();
            current_task_ = nullptr;
            current_clock_ = nullptr;
            return;
        }
    }
    task->resume_point_.resume();
    current_task_ = nullptr;
    current_clock_ = nullptr;
    if (task->id() == 0 && task->done()) {
        // Every step that could have run before it depends on it (see StepRecord).
        if (in_step_record_) step_record_.ends_body = true;
        snapshot_shared();  // the outcome is the state when the body returns
    }
}

void Runtime::run_handle(Handle handle) {
    if (handle.task) {
        run_step(handle.task);
        return;
    }
    if (handle.gather) {
        // The child's completion clock is final once it is done: the copy is the one call_soon
        // would have taken.
        auto* child = tasks_[handle.callback].get();
        current_task_ = nullptr;
        gather_callback_clock_ = child->completer_clock();
        current_clock_ = &gather_callback_clock_;
        handle.gather->child_done(child);
        current_clock_ = nullptr;
        return;
    }
    // It runs in its slot, freed only afterwards: what it schedules takes other slots.
    auto& callback = callbacks_[handle.callback];
    const auto free_slot = [&] {
        callback.function = {};
        callback.context.reset();
        free_callbacks_.push_back(handle.callback);
    };
    if (handle.timer_seq != 0) {
        auto it = std::find(cancelled_in_ready_.begin(), cancelled_in_ready_.end(), handle.timer_seq);
        if (it != cancelled_in_ready_.end()) {
            cancelled_in_ready_.erase(it);
            free_slot();
            return;
        }
    }
    current_task_ = nullptr;
    if (callback.function.runs_user_code())  // (the runtime's own callbacks read no context)
        current_context_ = callback.context ? std::move(callback.context) : detail::ContextPtr::make();
    current_clock_ = &callback.clock;
    callback.function();
    current_clock_ = nullptr;
    free_slot();
}

void Runtime::run_fifo_batches(detail::TaskState* main) {
    main->add_done_callback([this] { stopping_ = true; });  // run_until_complete's stop callback
    auto loop_until_stopped = [this]() -> bool {
        while (!stopping_) {
            if (ready_.empty()) {
                if (timers_.empty()) return false;  // CPython would block in select() forever
                now_ = std::max(now_, timers_.earliest_key().first);
            }
            fire_due_timers();
            for (std::size_t todo = ready_.size(); todo > 0 && !ready_.empty(); --todo) {
                const Handle handle = ready_.front();
                ready_.pop_front();
                run_handle(handle);
                if (step_limit_reached()) return false;
            }
        }
        return true;
    };
    if (!loop_until_stopped()) {
        result_->verdict = step_limit_reached() ? Verdict::step_limit : Verdict::deadlock;
        return;
    }
    shut_down_fifo();
    stopping_ = false;
    auto ended = loop_until_stopped();
    (void)ended;  // a task that ignores its shutdown cancellation hangs CPython too; the body is done
}

void Runtime::shut_down_fifo() {
    // asyncio.run's _cancel_all_tasks: cancel what is pending, wait for all of it (gather + the
    // stop callback: two hops after the last one ends).
    std::vector<detail::TaskState*> pending;
    for (auto& task : tasks_)
        if (!task->done()) pending.push_back(task.get());
    stopping_ = false;
    if (pending.empty()) {
        stopping_ = true;
        return;
    }
    auto remaining = std::make_shared<std::size_t>(pending.size());
    for (auto* task : pending) task->cancel();
    for (auto* task : pending)
        task->add_done_callback([this, remaining] {
            if (--*remaining == 0) call_soon([this] { stopping_ = true; }, nullptr);
        });
}

void Runtime::run_pending_callbacks() {
    while (!callbacks_due_.empty()) {
        const Handle handle = callbacks_due_.front();
        callbacks_due_.pop_front();
        run_handle(handle);
    }
}

bool Runtime::step() { return take_step(); }

[[gnu::always_inline]] inline bool Runtime::take_step() {
    if (ended_) return false;
    const bool relaxed = options_.time_model == TimeModel::relaxed;
    std::span<const Candidate> candidates;
    for (;;) {
        run_pending_callbacks();
        if (main_->done()) return end_with(Verdict::completed);
        if (step_limit_reached()) return end_with(Verdict::step_limit);
        flush_step_record();
        candidates = {ready_steps_.begin(), ready_steps_.size()};
        if (relaxed) {  // the ready steps, then every sleeper as if its timer could fire now
            candidates_.assign(ready_steps_.begin(), ready_steps_.end());
            timers_.for_each([&](const auto&, const Timer& timer) {
                auto* sleeper = timer.sleeper;
                if (sleeper && sleeper->fut_waiter_ && !sleeper->fut_waiter_->done())
                    candidates_.push_back(Candidate{sleeper->id(), true, sleeper->key_});
            });
            candidates = candidates_;
        }
        if (!candidates.empty()) break;
        if (timers_.empty()) return end_with(Verdict::deadlock);
        // Quiescent: what the timers' callbacks do happens after every earlier step and before
        // every later one, so it belongs to no step.
        ++epoch_;
        if (observing_) strategy_->quiescent();
        now_ = std::max(now_, timers_.earliest_key().first);
        fire_due_timers();
    }
    const std::size_t pick = strategy_->choose(candidates);
    if (pick >= candidates.size()) {
        if (pick == Strategy::prune) return end_with(Verdict::completed);  // cut short: nothing more runs
        throw std::logic_error("interleave: strategy chose out of range");
    }
    if (candidates.size() > 1) result_->schedule.emplace_back(candidates[pick].task);
    const Candidate chosen = candidates[pick];
    auto* task = tasks_[chosen.task].get();
    begin_step_record(task);
    if (chosen.sleeping) {
        fire_sleeper(task);
        run_pending_callbacks();  // its timer makes it ready
    }
    // The candidates that are not sleepers are the ready steps, in their order.
    auto* it = !chosen.sleeping ? ready_steps_.begin() + pick
                                : std::find_if(ready_steps_.begin(), ready_steps_.end(),
                                               [&](const Candidate& ready) { return ready.task == chosen.task; });
    assert(it != ready_steps_.end() && it->task == chosen.task);
    ready_steps_.erase(it);
    run_step(task);
    return true;
}

bool Runtime::end_with(Verdict verdict) {
    flush_step_record();
    if (verdict != Verdict::completed) result_->verdict = verdict;
    ended_ = true;
    return false;
}

// ---------------------------------------------------------------- step records (DPOR)

void Runtime::start_step_record(detail::TaskState* task) {
    step_record_.task = task->id();
    step_record_.task_key = task->key_;
    step_record_.epoch = epoch_;
    step_record_.accesses.clear();
    step_record_.cancels.clear();
    step_record_.ends_body = false;
    const auto enabled_by = task->scheduled_clock_.entries();
    auto used = enabled_by.size();  // (up to the last task it names)
    while (used > 0 && enabled_by[used - 1] == 0) --used;
    step_record_.enabled_by.assign(enabled_by.begin(), enabled_by.begin() + static_cast<std::ptrdiff_t>(used));
    in_step_record_ = true;
}

void Runtime::flush_step_record() {
    if (!in_step_record_) return;
    in_step_record_ = false;
    auto& accesses = step_record_.accesses;
    std::sort(accesses.begin(), accesses.end(), [](const Access& a, const Access& b) { return a.key < b.key; });
    std::size_t kept = 0;  // one access per key: the same kind twice stays it, mixed kinds write
    for (std::size_t i = 0; i < accesses.size(); ++i) {
        if (kept > 0 && accesses[kept - 1].key == accesses[i].key) {
            if (accesses[kept - 1].kind != accesses[i].kind) accesses[kept - 1].kind = AccessKind::write;
            continue;
        }
        accesses[kept++] = accesses[i];
    }
    accesses.resize(kept);
    step_record_.tick = tasks_[step_record_.task]->clock_.at(step_record_.task);
    strategy_->step_done(step_record_);
}

// ---------------------------------------------------------------- happens-before and detectors

const detail::VectorClock Runtime::no_clock_;

void Runtime::synchronize_with(const detail::VectorClock& clock) {
    if (current_clock_) current_clock_->join(clock);
}

void Runtime::on_lock_request(ObjectId lock) {
    if (!current_task_ || tearing_down_) return;
    std::vector<std::pair<ObjectId, std::string>> held;
    for (auto id : current_task_->held_locks_) held.emplace_back(id, object_name(id));
    detectors_.on_lock_request(lock, object_name(lock), current_task_->id(), steps_, held);
}

void Runtime::on_lock_acquired(ObjectId lock) {
    if (!current_task_ || tearing_down_) return;
    if (lock >= lock_holders_.size()) lock_holders_.resize(lock + 1, no_holder);
    lock_holders_[lock] = current_task_->id();
    current_task_->held_locks_.push_back(lock);
}

void Runtime::on_lock_released(ObjectId lock) {
    if (tearing_down_) return;
    const auto holder = lock_holder(lock);
    if (!holder) return;
    auto& held = tasks_[*holder]->held_locks_;  // asyncio has no owner: whoever releases, the holder lets go
    held.erase(std::remove(held.begin(), held.end(), lock), held.end());
    lock_holders_[lock] = no_holder;
}

std::optional<TaskId> Runtime::lock_holder(ObjectId lock) const {
    if (lock >= lock_holders_.size() || lock_holders_[lock] == no_holder) return std::nullopt;
    return lock_holders_[lock];
}

// ---------------------------------------------------------------- the end of an execution

void Runtime::snapshot_shared() {
    if (outcome_taken_) return;
    outcome_taken_ = true;
    if (options_.outcome_as_words) {
        snapshot_words();
    } else {
        auto& values = shared_final_;  // the destroyed objects' final values, joined by the live ones'
        for (ObjectId id = 0; id < live_objects_.size(); ++id)
            if (live_objects_[id])
                if (auto value = live_objects_[id]->outcome_value()) values.emplace_back(id, std::move(*value));
        if (values.size() > 1)
            std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        auto& outcome = result_->outcome.get_ref<nlohmann::ordered_json::object_t&>();
        for (auto& [id, value] : values) add_outcome_member(outcome, id, std::move(value));
    }
    for (auto& task : tasks_)
        if (!task->done() && task->id() != 0) result_->leaked.push_back(task->id());
}

void Runtime::add_outcome_member(nlohmann::ordered_json::object_t& outcome, ObjectId id, nlohmann::ordered_json value) {
    // A name taken already gets its id: one search, and no key string built for a new name.
    const auto& name = result_->objects[id].name;
    if (!outcome.emplace(name, std::move(value)).second) outcome[name + "#" + std::to_string(id)] = std::move(value);
}

void Runtime::keep_final_words(ObjectId id, const detail::ObjectBase& object) {
    using OutcomeWords = detail::ObjectBase::OutcomeWords;
    const auto begin = static_cast<std::uint32_t>(final_words_.size());
    const auto kept = object.append_outcome_words(final_words_);
    if (kept == OutcomeWords::none) return;
    final_segments_.push_back({id, begin, static_cast<std::uint32_t>(final_words_.size())});
    if (kept == OutcomeWords::inexact)  // its words do not give it back: the outcome is also built as JSON
        if (auto value = object.outcome_value()) shared_final_.emplace_back(id, std::move(*value));
}

bool Runtime::names_distinct(const detail::TextWords& words, const std::vector<std::uint32_t>& name_at) {
    const auto compare_every_pair = [&] {
        for (std::size_t i = 1; i < name_at.size(); ++i)
            for (std::size_t k = 0; k < i; ++k)
                if (detail::same_string_words(words, name_at[i], name_at[k])) return false;
        return true;
    };
    constexpr std::size_t few = 4;  // (up to here every pair costs less than remembering them)
    if (name_at.size() <= few) return compare_every_pair();
    // The names' words, one after another (a prefix code: equal runs are equal names), against
    // the last execution's: an execution mostly makes the same objects as the last.
    auto& names = outcome_names_;
    const auto last_end = static_cast<std::ptrdiff_t>(names.size());
    for (const auto at : name_at) {
        const auto name = words.begin() + at;
        names.insert(names.end(), name,
                     name + 1 + static_cast<std::ptrdiff_t>(detail::string_word_count(detail::header_low(*name))));
    }
    const auto now = names.begin() + last_end;
    if (!std::equal(names.begin(), now, now, names.end())) outcome_names_distinct_ = compare_every_pair();
    names.erase(names.begin(), now);
    return outcome_names_distinct_;
}

void Runtime::snapshot_words() {
    for (ObjectId id = 0; id < live_objects_.size(); ++id)
        if (live_objects_[id]) keep_final_words(id, *live_objects_[id]);
    auto& segments = final_segments_;  // the destroyed objects' first, then the live ones'
    const auto by_id = [](const FinalWords& a, const FinalWords& b) { return a.id < b.id; };
    if (!std::is_sorted(segments.begin(), segments.end(), by_id)) std::sort(segments.begin(), segments.end(), by_id);
    const auto name_of = [&](const FinalWords& segment) -> const std::string& {
        return result_->objects[segment.id].name;
    };
    const auto words_of = [&](const FinalWords& segment) {
        return std::span<const std::uint64_t>(final_words_.data() + segment.begin, segment.end - segment.begin);
    };
    // Each name's words, then its value's. A name taken already is keyed with its id instead,
    // and a name with an id may be taken in turn (see add_outcome_member): such an outcome,
    // rare, is built as JSON first. Names are compared as their words (names_distinct), as the
    // JSON outcome's insertion compares each name with those before it.
    auto& words = result_->outcome_words;
    auto& name_at = outcome_name_at_;
    name_at.clear();
    detail::append_object_header(segments.size(), words);
    for (const auto& segment : segments) {
        name_at.push_back(static_cast<std::uint32_t>(words.size()));
        detail::append_string_words(name_of(segment), words);
        const auto value = words_of(segment);
        words.insert(words.end(), value.begin(), value.end());
    }
    const bool distinct = name_at.size() < 2 || names_distinct(words, name_at);
    if (!distinct) words.clear();
    // The JSON too, from the words but for the values they do not give back (kept as JSON in
    // shared_final_), when the words need it or do not give the outcome back.
    const auto& inexact = shared_final_;
    if (distinct && inexact.empty()) return;
    auto& outcome = result_->outcome.get_ref<nlohmann::ordered_json::object_t&>();
    for (const auto& segment : segments) {
        auto kept =
            std::find_if(inexact.begin(), inexact.end(), [&](const auto& value) { return value.first == segment.id; });
        add_outcome_member(outcome, segment.id,
                           kept != inexact.end() ? kept->second : detail::json_of_text_words(words_of(segment)));
    }
    if (!distinct) detail::append_text_words(result_->outcome, words);
}

void Runtime::find_wait_cycle() {
    // Each blocked task waits for at most one task: a lock's holder or an awaited task.
    std::map<TaskId, std::pair<TaskId, std::string>> waits_for;
    for (auto& task : tasks_) {
        if (task->done()) continue;
        const auto& reason = task->waiting_;
        if (reason.task) {
            waits_for[task->id()] = {*reason.task, "awaits " + std::string(task_name(*reason.task))};
        } else if (reason.object != no_object) {
            if (auto holder = lock_holder(reason.object))
                waits_for[task->id()] = {
                    *holder, "wants '" + object_name(reason.object) + "' held by " + std::string(task_name(*holder))};
        }
    }
    for (const auto& [start, edge] : waits_for) {
        std::vector<TaskId> path{start};
        TaskId at = start;
        while (waits_for.count(at)) {
            at = waits_for.at(at).first;
            auto seen = std::find(path.begin(), path.end(), at);
            if (seen != path.end()) {
                if (seen != path.begin()) break;  // a cycle not through `start`: found from its own start
                for (auto id : path)
                    result_->wait_cycle.push_back(std::string(task_name(id)) + " " + waits_for.at(id).second);
                return;
            }
            path.push_back(at);
        }
    }
}

std::string Runtime::wait_text(const detail::WaitReason& reason) const {
    std::string text;
    if (reason.kind) {
        text += reason.kind;
        text += '.';
    }
    text += reason.what;
    if (reason.kind && reason.object != no_object) text += " '" + object_name(reason.object) + "'";
    if (reason.task) (text += ' ') += task_name(*reason.task);
    if (reason.until_ns >= 0) text += " " + format_seconds(reason.until_ns);
    return text;
}

void Runtime::describe_deadlock() {
    find_wait_cycle();
    for (auto& task : tasks_) {
        if (task->done()) continue;
        std::string waits_on = wait_text(task->waiting_);
        if (auto state = describe_object(task->waiting_.object); !state.empty()) waits_on += " (" + state + ")";
        result_->blocked.push_back(
            BlockedTask{task->id(), std::string(task_name(task->id())), task->waiting_.object, std::move(waits_on)});
    }
}

void Runtime::conclude(detail::TaskState* main) {
    if (result_->verdict == Verdict::deadlock) describe_deadlock();
    if (result_->verdict == Verdict::step_limit) {
        const std::uint64_t kept = recent_tasks_.size();
        for (auto step = steps_ > kept ? steps_ - kept + 1 : 1; step <= steps_; ++step)
            result_->last_running.push_back(recent_tasks_[step % kept]);
    }
    detectors_.take_into(result_->detections);
    if (main->done()) {
        if (main->cancelled()) {
            result_->verdict = Verdict::uncaught_exception;
            result_->error = "CancelledError";
        } else if (main->error()) {
            result_->verdict = Verdict::uncaught_exception;
            main->error_retrieved_ = true;
            try {
                std::rethrow_exception(main->error());
            } catch (const std::exception& e) {
                result_->error = error_name(main->error()) + ": " + e.what();
            } catch (...) {
                result_->error = error_name(main->error());
            }
        }
    }
    snapshot_shared();
    for (auto& task : tasks_) {
        if (task->done() && !task->cancelled() && task->error() && !task->error_retrieved_)
            result_->violations.push_back(
                Violation{task->id(), steps_, "Task exception was never retrieved: " + error_name(task->error())});
    }
    result_->steps = steps_;
    result_->end_time = Duration{now_};
}

void Runtime::tear_down() {
    if (tearing_down_) return;
    tearing_down_ = true;
    ready_.clear();
    ready_steps_.clear();
    callbacks_due_.clear();
    timers_.clear();
    callbacks_.clear();
    free_callbacks_.clear();
    // Reverse creation order: a task's frame may hold waiter nodes linked into primitives that
    // live in its creator's frame.
    for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it) {
        if (auto root = (*it)->root()) {
            current_task_ = it->get();
            root.destroy();
            (*it)->set_root(nullptr);
        }
    }
    current_task_ = nullptr;
    kept_futures_.clear();
}

// ---------------------------------------------------------------- objects and events

ObjectId Runtime::register_object(std::string_view kind, std::string_view name) {
    auto id = static_cast<ObjectId>(result_->objects.size());
    object_keys_.push_back(new_key());
    // (Built whole: assigning a name into a default string went through the general replace.)
    result_->objects.push_back(ObjectInfo{id, kind, std::string(name)});
    live_objects_.push_back(nullptr);
    return id;
}

void Runtime::attach(ObjectId id, detail::ObjectBase* object) { live_objects_.at(id) = object; }

void Runtime::detach(ObjectId id) {
    if (id >= live_objects_.size()) return;
    auto* object = live_objects_[id];
    if (object && !outcome_taken_ && !tearing_down_) {
        if (options_.outcome_as_words)
            keep_final_words(id, *object);
        else if (auto value = object->outcome_value())
            shared_final_.emplace_back(id, std::move(*value));
    }
    live_objects_[id] = nullptr;
}

std::string Runtime::describe_object(ObjectId id) const {
    if (id >= live_objects_.size() || !live_objects_[id]) return {};
    return live_objects_[id]->describe();
}

void Runtime::record(std::string_view op, ObjectId object, std::string value) {
    if (!options_.record_events || tearing_down_) return;
    std::optional<TaskId> task;
    if (current_task_) task = current_task_->id();
    result_->events.push_back(TraceEvent{steps_, now_, task, std::string(op), object, std::move(value)});
}

void Runtime::touch_output() {
    if (!tearing_down_ && options_.output_is_shared) access(output_key, AccessKind::write);
}

void Runtime::print_line(std::string line) {
    if (tearing_down_) return;
    touch_output();
    if (recording()) record("print", no_object, line);  // (a copy of the line only when recording)
    result_->output.push_back(std::move(line));
}

void Runtime::expect_failed(std::string message) {
    if (tearing_down_) return;
    record("expect_failed", no_object, message);
    std::optional<TaskId> task;
    if (current_task_) task = current_task_->id();
    result_->violations.push_back(Violation{task, steps_, std::move(message)});
}

}  // namespace interleave
