#pragma once
// Per-execution detectors fed by the runtime as accesses and lock operations happen:
//  - lost_update: task A read x, suspended, task B wrote x, then A wrote x without re-reading;
//  - data_race: two accesses to x from different tasks, one a write, not ordered by
//    happens-before (vector clocks; virtual time is no synchronisation);
//  - lock_order: lock A taken while holding B in one task, B while holding A in another.
// Reports name tasks, objects, steps and values; each distinct one is kept once.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <interleave/detail/vector_clock.hpp>
#include <interleave/execution.hpp>

namespace interleave::detail {

class Detectors {
public:
    /// A task's access to a Shared variable, with the task's clock at the access.
    struct AccessContext {
        TaskId task;
        const VectorClock& clock;
        std::uint64_t step;
        std::int64_t time_ns;
    };
    void on_read(ObjectId variable, const std::string& name, const AccessContext& at, std::string value);
    void on_write(ObjectId variable, const std::string& name, const AccessContext& at, std::string value);
    /// A task asks for `lock` while holding `held` (in acquisition order).
    void on_lock_request(ObjectId lock, const std::string& lock_name, TaskId task, std::uint64_t step,
                         const std::vector<std::pair<ObjectId, std::string>>& held);

    void set_task_names(const std::vector<TaskInfo>* tasks) { tasks_ = tasks; }
    /// Without descriptions a detection carries its key only (exploring: the witness's replay
    /// describes it), which spares formatting a message per execution.
    void set_describe(bool describe) { describe_ = describe; }
    std::vector<Detection> take() { return std::move(found_); }

private:
    struct Access {
        TaskId task;
        std::uint32_t epoch;  // the task's own clock entry at the access
        std::uint64_t step;
        std::int64_t time_ns;
        std::string value;
    };
    struct History {
        std::optional<Access> last_write;
        std::map<TaskId, Access> reads_since_write;  // the last read of each task since the last write
        std::map<TaskId, Access> last_read;          // each task's last read, for lost updates
    };
    struct LockEdge {
        TaskId task;
        std::uint64_t step;
        std::string from_name;
        std::string to_name;
    };

    const std::string& task_name(TaskId task) const;
    void race(const std::string& variable, const Access& earlier, const char* earlier_kind, const AccessContext& now,
              const char* now_kind);
    /// Adds the detection with `key` unless this execution has it; `describe` formats its message.
    template <class Describe>
    void add(const char* kind, std::string key, Describe&& describe) {
        if (!keys_.insert(key).second) return;
        found_.push_back(Detection{kind, std::move(key), describe_ ? describe() : std::string()});
    }

    const std::vector<TaskInfo>* tasks_ = nullptr;
    bool describe_ = true;
    std::map<ObjectId, History> histories_;
    std::map<std::pair<ObjectId, ObjectId>, LockEdge> lock_edges_;  // (held, requested) -> first seen
    std::set<std::string> keys_;
    std::vector<Detection> found_;
};

}  // namespace interleave::detail
