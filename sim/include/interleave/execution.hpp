#pragma once
// What one execution produced: verdict, output, outcome, the schedule that was taken and,
// when recording is on, every event. Plain data, compared and serialised by the scheduler.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <interleave/strategy.hpp>

namespace interleave {

using Duration = std::chrono::nanoseconds;

enum class TimeModel : std::uint8_t { strict, relaxed };
std::string to_string(TimeModel model);

/// How an execution ended (Relacy's closed enum of verdicts).
enum class Verdict : std::uint8_t {
    completed,           // the scenario body returned
    deadlock,            // nothing ready, no timer pending, the body unfinished
    step_limit,          // more task steps than the limit: a livelock
    uncaught_exception,  // the scenario body raised
};
std::string to_string(Verdict verdict);

struct TaskInfo {
    TaskId id;
    std::string_view name;  // interned (detail::intern): it outlives the result
    std::optional<TaskId> parent;
};

struct ObjectInfo {
    ObjectId id;
    std::string_view kind;  // a literal: "Lock", "Queue", "Shared" ...
    std::string name;
};

/// One recorded operation. `task` is absent for callbacks run by the loop itself.
struct TraceEvent {
    std::uint64_t step;
    std::int64_t time_ns;
    std::optional<TaskId> task;
    std::string op;
    ObjectId object;
    std::string value;
    bool operator==(const TraceEvent&) const = default;
};

/// An `expect(...)` that failed, or a task that ended with an exception nobody retrieved.
struct Violation {
    std::optional<TaskId> task;
    std::uint64_t step;
    std::string message;
};

/// What the runtime's detectors found in one execution (lost_update, data_race, lock_order).
struct Detection {
    std::string_view kind;  // a literal: "data_race", "lost_update", "lock_order"
    // Identifies the same finding in another execution (no step numbers). Interned
    // (detail::intern): it outlives the result, and equal keys are one pointer.
    std::string_view key;
    std::string message;  // names tasks, objects, steps and values
};

struct BlockedTask {
    TaskId task;
    std::string name;
    ObjectId object;
    std::string waits_on;
};

struct ExecutionResult {
    Verdict verdict = Verdict::completed;
    std::string error;                     // the body's uncaught exception, by Python name
    std::vector<std::string> output;       // print() lines (none when the run keeps no output)
    nlohmann::ordered_json outcome = nlohmann::ordered_json::object();  // Shared name -> final value
    // Under RuntimeOptions::outcome_as_words: the outcome's text as words (detail/text_words.hpp),
    // which an explorer compares outcomes by; `outcome` is then left empty unless the words do
    // not give it back (NaN, infinities) or two objects share a name.
    std::vector<std::uint64_t> outcome_words;
    std::vector<Violation> violations;
    std::vector<BlockedTask> blocked;      // deadlock: every unfinished task and what it waits on
    std::vector<TaskId> leaked;            // tasks still pending when the body returned
    std::vector<Detection> detections;
    std::vector<std::string> wait_cycle;   // deadlock: "task -> object held by task -> ..." where there is one
    std::vector<TaskId> last_running;      // step limit: the tasks of the last steps, most recent last
    std::vector<TaskId> schedule;          // the task chosen at each point with >= 2 candidates
    std::vector<TaskInfo> tasks;
    std::vector<ObjectInfo> objects;
    std::vector<TraceEvent> events;        // filled when recording is on
    std::uint64_t steps = 0;
    Duration end_time{0};

    /// Empties it as newly constructed, keeping its vectors' storage: an explorer refills one
    /// result per execution.
    void clear();
    /// Whether it is as clear() leaves it: nothing written since.
    bool empty() const;
    /// Member by member: cheaper than std::swap's three moves of the whole.
    void swap(ExecutionResult& other) noexcept;

private:
    /// Every member, for clear(), empty() and swap(): a member added above goes here too.
    template <class Self>  // (one list for the const and the mutable view)
    static auto fields_of(Self& self) {
        return std::tie(self.verdict, self.error, self.output, self.outcome, self.outcome_words, self.violations,
                        self.blocked, self.leaked, self.detections, self.wait_cycle, self.last_running, self.schedule,
                        self.tasks, self.objects, self.events, self.steps, self.end_time);
    }
    auto fields() { return fields_of(*this); }
    auto fields() const { return fields_of(*this); }
};

}  // namespace interleave
