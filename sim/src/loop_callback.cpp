#include <stdexcept>

#include <interleave/detail/await_future.hpp>
#include <interleave/detail/loop_callback.hpp>

namespace interleave::detail {

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
        case Kind::release_waiter:
            detail::release_waiter(*future_);
            return;
        case Kind::none:
            break;
    }
    throw std::bad_function_call();
}

}  // namespace interleave::detail
