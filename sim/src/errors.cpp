#include <interleave/errors.hpp>

namespace interleave {

std::string error_name(const std::exception_ptr& error) {
    if (!error) return "None";
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return "CancelledError";
    } catch (const TimeoutError&) {
        return "TimeoutError";
    } catch (const QueueFull&) {
        return "QueueFull";
    } catch (const QueueEmpty&) {
        return "QueueEmpty";
    } catch (const BrokenBarrierError&) {
        return "BrokenBarrierError";
    } catch (const InvalidStateError&) {
        return "InvalidStateError";
    } catch (const ValueError&) {
        return "ValueError";
    } catch (const LookupError&) {
        return "LookupError";
    } catch (const std::runtime_error&) {
        return "RuntimeError";
    } catch (const std::logic_error&) {
        return "ValueError";
    } catch (...) {
        return "Exception";
    }
}

}  // namespace interleave
