#include <interleave/timeouts.hpp>

namespace interleave::detail {

Task<> cancel_and_wait(TaskState& task) {
    auto waiter = std::make_shared<FutureBase>();
    auto callback = task.add_done_callback([waiter] { release_waiter(*waiter); });
    task.cancel();
    std::exception_ptr error;
    try {
        FutureAwaiter finished(*waiter, {no_object, "cancel " + task.name()});
        co_await finished;
    } catch (...) {
        error = std::current_exception();
    }
    task.remove_done_callback(callback);
    if (error) std::rethrow_exception(error);
}

}  // namespace interleave::detail
