#include <algorithm>

#include <interleave/gather.hpp>
#include <interleave/runtime.hpp>

namespace interleave::detail {

GatherState::GatherState(std::vector<TaskState*> children, bool return_exceptions)
    : children_(std::move(children)), return_exceptions_(return_exceptions) {}

GatherState::~GatherState() {
    if (auto* runtime = Runtime::current_or_null()) runtime->give_back_task_list(std::move(children_));
}

GatherState* start_gather(std::vector<TaskState*> children, bool return_exceptions) {
    auto* state = Runtime::current().keep_until_end(std::make_unique<GatherState>(std::move(children), return_exceptions));
    const auto& all = state->children();
    for (auto it = all.begin(); it != all.end(); ++it) {
        auto* child = *it;
        if (std::find(all.begin(), it, child) != it) continue;  // a task passed twice is counted once
        ++state->unique_;
        child->count_in(state);
    }
    if (state->unique_ == 0) state->set_result();  // gather() is an already-done future
    return state;
}

bool GatherState::cancel() {
    Runtime::current().access(key_, AccessKind::write);
    if (done()) return false;
    bool any = false;
    for (auto* child : children_)
        if (child->cancel()) any = true;
    if (any) cancel_requested_ = true;  // the outcome is decided when the children finish
    return any;
}

void GatherState::child_done(TaskState* child) {
    // Counting finished children commutes; failing the gather with the first error does not.
    const bool failing = !return_exceptions_ && (child->cancelled() || child->error());
    completion_kind_ = failing || cancel_requested_ ? AccessKind::write : AccessKind::add;
    Runtime::current().access(key_, completion_kind_);
    ++finished_;
    join_clock(child->completer_clock());  // the awaiter happens after every child, not just the last
    if (done()) {
        if (!child->cancelled() && child->error()) child->error_retrieved_ = true;
        return;
    }
    if (!return_exceptions_) {
        if (child->cancelled()) {
            set_exception(std::make_exception_ptr(CancelledError{}));
            return;
        }
        if (child->error()) {
            child->error_retrieved_ = true;
            set_exception(child->error());
            return;
        }
    }
    if (finished_ == unique_) {
        if (cancel_requested_)
            set_exception(std::make_exception_ptr(CancelledError{}));
        else
            set_result();
    }
}

}  // namespace interleave::detail
