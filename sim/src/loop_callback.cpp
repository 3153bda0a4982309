#include <stdexcept>

#include <interleave/detail/await_future.hpp>
#include <interleave/detail/loop_callback.hpp>
#include <interleave/gather.hpp>

namespace interleave::detail {

LoopCallback LoopCallback::gather_child_done(FutureBase* gather, TaskState* child) {
    LoopCallback callback;
    callback.kind_ = Kind::gather_child_done;
    callback.future_ = gather;
    callback.child_ = child;
    return callback;
}

LoopCallback LoopCallback::release_waiter(FutureBase* waiter) {
    LoopCallback callback;
    callback.kind_ = Kind::release_waiter;
    callback.future_ = waiter;
    return callback;
}

void LoopCallback::operator()() {
    switch (kind_) {
        case Kind::function:
            (*function_)();
            return;
        case Kind::gather_child_done:
            static_cast<GatherState*>(future_)->child_done(child_);
            return;
        case Kind::release_waiter:
            detail::release_waiter(*future_);
            return;
        case Kind::none:
            break;
    }
    throw std::bad_function_call();
}

}  // namespace interleave::detail
