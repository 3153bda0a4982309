#include <interleave/barrier.hpp>

namespace interleave {

Barrier::Barrier(std::string name, int parties)
    : ObjectBase("Barrier", name), condition_(name + ".condition"), parties_(parties) {
    if (parties < 1) throw ValueError("parties must be > 0");
}

Task<int> Barrier::wait() {
    auto held = co_await condition_.scoped();
    co_await block();
    const int index = count_++;
    record("wait", std::to_string(index));
    std::exception_ptr error;
    try {
        if (index + 1 == parties_) {
            state_ = State::draining;  // trip: release the others
            record("trip");
            condition_.notify_all();
        } else {
            co_await wait_for_trip();
        }
    } catch (...) {
        error = std::current_exception();
    }
    touch(AccessKind::write);
    --count_;
    exit();
    if (error) std::rethrow_exception(error);
    co_return index;
}

Task<> Barrier::block() {
    co_await condition_.wait_for([this] { return state_ != State::draining && state_ != State::resetting; });
    if (state_ == State::broken) throw BrokenBarrierError{};
}

Task<> Barrier::wait_for_trip() {
    co_await condition_.wait_for([this] { return state_ != State::filling; });
    if (state_ == State::broken || state_ == State::resetting) throw BrokenBarrierError{};
}

void Barrier::exit() {
    if (count_ == 0) {
        if (state_ == State::resetting || state_ == State::draining) state_ = State::filling;
        condition_.notify_all();
    }
}

Task<> Barrier::reset() {
    auto held = co_await condition_.scoped();
    record("reset");
    if (count_ > 0) {
        state_ = State::resetting;
    } else {
        state_ = State::filling;
    }
    condition_.notify_all();
}

Task<> Barrier::abort() {
    auto held = co_await condition_.scoped();
    record("abort");
    state_ = State::broken;
    condition_.notify_all();
}

std::string Barrier::describe() const {
    if (state_ == State::broken) return "broken";
    return std::to_string(count_) + " of " + std::to_string(parties_) + " parties arrived";
}

}  // namespace interleave
