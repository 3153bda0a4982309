#pragma once
// Exception types named after their asyncio twins, so a ported program reads the same.
#include <stdexcept>
#include <string>

namespace interleave {

/// Base of every error a scenario can see from the runtime.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Delivered at a task's suspension point when it is cancelled (asyncio.CancelledError).
class CancelledError : public Error {
public:
    CancelledError() : Error("CancelledError") {}
};
/// wait_for/timeout expired (asyncio.TimeoutError, the builtin TimeoutError in 3.11).
class TimeoutError : public Error {
public:
    TimeoutError() : Error("TimeoutError") {}
};
class QueueFull : public Error {
public:
    QueueFull() : Error("QueueFull") {}
};
class QueueEmpty : public Error {
public:
    QueueEmpty() : Error("QueueEmpty") {}
};
class BrokenBarrierError : public Error {
public:
    BrokenBarrierError() : Error("BrokenBarrierError") {}
};
class InvalidStateError : public Error {
public:
    using Error::Error;
};
/// Python's RuntimeError (releasing an unlocked Lock, notify without the lock held).
class RuntimeError : public Error {
public:
    using Error::Error;
};
/// Python's ValueError (BoundedSemaphore over-release, too many task_done calls).
class ValueError : public Error {
public:
    using Error::Error;
};
/// Python's LookupError (ContextVar::get with no value and no default).
class LookupError : public Error {
public:
    using Error::Error;
};

/// The Python name of an exception, as `type(e).__name__` would print it.
std::string error_name(const std::exception_ptr& error);

}  // namespace interleave
