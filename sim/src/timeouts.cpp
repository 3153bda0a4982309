#include <interleave/timeouts.hpp>

namespace interleave::detail {

Task<> cancel_and_wait(FutureBase& future, std::string name) {
    auto waiter = std::make_shared<FutureBase>();
    auto callback = future.add_done_callback([waiter] { release_waiter(*waiter); });
    future.cancel();
    std::exception_ptr error;
    try {
        const std::string waiting_for = "cancel " + name;
        FutureAwaiter finished(*waiter, WaitReason::described(waiting_for));
        co_await finished;
    } catch (...) {
        error = std::current_exception();
    }
    future.remove_done_callback(callback);
    if (error) std::rethrow_exception(error);
}

}  // namespace interleave::detail
