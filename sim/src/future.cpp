#include <algorithm>
#include <utility>

#include <interleave/detail/future.hpp>
#include <interleave/runtime.hpp>

namespace interleave::detail {

FutureBase::FutureBase() {
    if (auto* runtime = Runtime::current_or_null()) key_ = runtime->new_key();
}

bool FutureBase::cancel() {
    if (done()) return false;
    mark_done(Status::cancelled);
    return true;
}

void FutureBase::set_result() {
    if (done()) throw InvalidStateError("invalid state: future already done");
    mark_done(Status::finished);
}

void FutureBase::set_exception(std::exception_ptr error) {
    if (done()) throw InvalidStateError("invalid state: future already done");
    error_ = std::move(error);
    mark_done(Status::finished);
}

// (Always inlined: a wakeup is registered at almost every step, and the call cost more than it.)
[[gnu::always_inline]] inline std::uint64_t FutureBase::register_callback() {
    const auto id = next_callback_id_++;
    // Callbacks run in registration order: registering is a write.
    Runtime::current().access(key_, AccessKind::write);
    return id;
}

std::uint64_t FutureBase::add_wakeup(TaskState* task) { return add_plain(task, nullptr); }

std::uint64_t FutureBase::add_done_callback(LoopCallback callback) {
    auto context = callback.runs_user_code() ? Runtime::current().current_context() : nullptr;
    const auto id = register_callback();
    // (The entry is built where it is kept: one move fewer.)
    const auto made = [&] { return Callback{id, nullptr, nullptr, std::move(callback), std::move(context)}; };
    if (done()) {  // asyncio: adding to a done future schedules the callback at once
        auto entry = made();
        run_callback(entry, false);
    } else {
        more_.push_back(made());
    }
    return id;
}

std::uint64_t FutureBase::add_plain(TaskState* wake, GatherState* counting) {
    const auto id = register_callback();
    if (done())
        run_plain_callback(wake, counting, false);
    else if (first_.id == 0 && more_.empty())
        first_ = PlainCallback{id, wake, counting};
    else
        more_.push_back(Callback{id, wake, counting, {}, nullptr});
    return id;
}

void FutureBase::remove_done_callback(std::uint64_t id) {
    if (auto* runtime = Runtime::current_or_null()) runtime->access(key_, AccessKind::write);
    if (first_.id == id)
        first_ = {};  // the rest keep their order in more_
    else
        std::erase_if(more_, [id](const Callback& c) { return c.id == id; });
}

void FutureBase::run_callback(Callback& callback, bool last_at_completion) {
    if (callback.wake || callback.counting)
        run_plain_callback(callback.wake, callback.counting, last_at_completion);
    else
        Runtime::current().call_soon(std::move(callback.function), std::move(callback.context), completer_clock_);
}

void FutureBase::run_plain_callback(TaskState* wake, GatherState* counting, bool last_at_completion) {
    auto& runtime = Runtime::current();
    if (wake)
        runtime.schedule_step(wake, completer_clock_);
    else  // (registered by TaskState::count_in: this is a task)
        runtime.call_soon_gather_child_done(counting, static_cast<TaskState*>(this), last_at_completion);
}

void FutureBase::mark_done(Status status) {
    status_ = status;
    auto& runtime = Runtime::current();
    runtime.access(key_, completion_kind_);
    completer_clock_.join(runtime.clock());
    // Handed over in place: running a callback only queues it, and one registered on the
    // future from now on (done) is queued at once (add_done_callback, add_plain), so neither
    // list changes meanwhile.
    if (first_.id != 0) {
        const auto first = std::exchange(first_, {});
        run_plain_callback(first.wake, first.counting, more_.empty());
    }
    for (std::size_t i = 0; i < more_.size(); ++i) run_callback(more_[i], i + 1 == more_.size());
    more_.clear();
}

void WaitNode::unlink() {
    if (!owner_) return;
    (prev_ ? prev_->next_ : owner_->head_) = next_;
    (next_ ? next_->prev_ : owner_->tail_) = prev_;
    owner_ = nullptr;
    prev_ = next_ = nullptr;
}

WaiterList::~WaiterList() {
    while (head_) head_->unlink();
}

void WaiterList::push_back(WaitNode& node) {
    node.unlink();
    node.owner_ = this;
    node.prev_ = tail_;
    node.next_ = nullptr;
    (tail_ ? tail_->next_ : head_) = &node;
    tail_ = &node;
}

std::size_t WaiterList::size() const {
    std::size_t n = 0;
    for (auto* node = head_; node; node = node->next_) ++n;
    return n;
}

TaskState::~TaskState() = default;

bool TaskState::cancel() {
    // Whether the task sees a cancellation depends on when it was requested.
    Runtime::current().access_cancel_request(id_, key_);
    if (done()) return false;
    ++num_cancels_requested_;
    if (fut_waiter_ && fut_waiter_->cancel()) return true;
    must_cancel_ = true;
    return true;
}

void TaskState::finish_value() {
    if (must_cancel_) {
        finish_cancelled();
        return;
    }
    if (auto& runtime = Runtime::current(); runtime.recording()) runtime.record("finish", no_object);
    mark_done(Status::finished);
}

void TaskState::finish_cancelled() {
    Runtime::current().record("finish", no_object, "cancelled");
    mark_done(Status::cancelled);
}

void TaskState::finish_exception(std::exception_ptr error) {
    Runtime::current().record("finish", no_object, error_name(error));
    set_exception(std::move(error));
}

}  // namespace interleave::detail
