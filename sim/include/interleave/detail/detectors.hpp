#pragma once
// Per-execution detectors fed by the runtime as accesses and lock operations happen:
//  - lost_update: task A read x, suspended, task B wrote x, then A wrote x without re-reading;
//  - data_race: two accesses to x from different tasks, one a write, not ordered by
//    happens-before (vector clocks; virtual time is no synchronisation);
//  - lock_order: lock A taken while holding B in one task, B while holding A in another.
// Reports name tasks, objects, steps and values; each distinct one is kept once.
#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <interleave/detail/flat_map.hpp>
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
    void on_read(ObjectId variable, const std::string& name, const AccessContext& at, std::string_view value);
    void on_write(ObjectId variable, const std::string& name, const AccessContext& at, std::string_view value);
    /// A task asks for `lock` while holding `held` (in acquisition order).
    void on_lock_request(ObjectId lock, const std::string& lock_name, TaskId task, std::uint64_t step,
                         const std::vector<std::pair<ObjectId, std::string>>& held);

    void set_task_names(const std::vector<TaskInfo>* tasks) { tasks_ = tasks; }
    /// Without descriptions a detection carries its key only (exploring: the witness's replay
    /// describes it), which spares formatting a message per execution. Set before the
    /// execution's first access (Runtime::start).
    void set_describe(bool describe) { describe_ = describe; }
    /// Appends the execution's detections to `out`, empty, trading storage with it. (Called at
    /// its end.)
    void take_into(std::vector<Detection>& out) {
        std::swap(found_, out);
        found_.clear();
        found_keys_.clear();
    }
    /// Forgets the execution, keeping storage and the interned names for the next one.
    void clear();

private:
    /// Who accessed, and when, in happens-before (epoch) and in the schedule (step, time).
    struct Stamp {
        TaskId task;
        std::uint32_t epoch;  // the task's own clock entry at the access
        std::uint64_t step;
        std::int64_t time_ns;
    };
    static constexpr std::uint32_t no_value = UINT32_MAX;
    struct Read {
        Stamp at;
        bool since_write;  // also the task's last read since the last write (races with the next write)
        // The read value's index in read_values_, which only describing fills (only messages
        // show values): a Read stays trivially copyable, cheap to insert while exploring.
        std::uint32_t value = no_value;
    };
    struct History {
        bool written = false;
        Stamp last_write{};
        // Each task's last read, sorted by task id. Few tasks touch a variable, so a small
        // vector beats a map; the order keeps races reported in task-id order.
        std::vector<Read> reads;
    };
    struct LockEdge {
        TaskId task;
        std::uint64_t step;
        std::string from_name;  // names only kept when describing: only messages show them
        std::string to_name;
    };
    /// A detection's identity in ids rather than text, so a repeat costs no formatting.
    enum class Kind : std::uint32_t { data_race, lost_update, lock_order };
    struct CompactKey {
        Kind kind;
        ObjectId object;
        std::uint32_t first;  // task ids (races, lost updates) or the lower lock id (lock order)
        std::uint32_t second;
        auto operator<=>(const CompactKey&) const = default;
    };
    /// A detection's identity in interned names (an unordered pair, in pointer order): it
    /// holds across executions, where ids may name other tasks.
    struct NamedKey {
        Kind kind;
        const char* object;  // lock order: null
        const char* first;
        const char* second;
        bool operator==(const NamedKey&) const = default;
    };
    struct NamedKeyHash {
        std::size_t operator()(const NamedKey& key) const;
    };

    /// Interned, as every task name is. (Inline: a detection names two tasks.)
    std::string_view task_name(TaskId task) const {
        if (tasks_ && task < tasks_->size()) return (*tasks_)[task].name;
        return unknown_task_name();
    }
    static std::string_view unknown_task_name();
    /// An object's name interned, looked up again only when the id's name differs from the
    /// last execution's, and compared with it once per execution. (Inline, the check: a new
    /// detection in an execution asks for it, and it is mostly known.)
    std::string_view interned_object_name(ObjectId object, const std::string& name) {
        if (object < object_names_.size() && object_names_[object].checked_in == execution_)
            return object_names_[object].interned;
        return check_object_name(object, name);
    }
    std::string_view check_object_name(ObjectId object, const std::string& name);
    /// The interned key text "kind object first second" (names in text order; lock order has
    /// no object), built the first time this thread meets the combination.
    std::string_view key_of(Kind kind, std::string_view object, std::string_view first, std::string_view second);
    History& history_of(ObjectId variable) {
        if (variable >= histories_.size()) histories_.resize(variable + 1);
        return histories_[variable];
    }
    void race(ObjectId variable, const std::string& name, const Stamp& earlier, const char* earlier_kind,
              const AccessContext& now, const char* now_kind);
    /// Adds the detection unless this execution has it: first by `compact`, then (first
    /// occurrence of it only) by the interned key `key()` returns, as different ids may share
    /// names. `describe` formats its message.
    template <class Key, class Describe>
    void add(const CompactKey& compact, std::string_view kind, Key&& key, Describe&& describe) {
        if (seen_.empty()) seen_.reserve(8);  // an execution usually finds a few: one allocation
        auto seen = std::lower_bound(seen_.begin(), seen_.end(), compact);
        if (seen != seen_.end() && *seen == compact) return;
        seen_.insert(seen, compact);
        const std::string_view text = key();
        // (std::less: `<` does not order pointers into different strings)
        auto found = std::lower_bound(found_keys_.begin(), found_keys_.end(), text.data(), std::less<const char*>());
        if (found != found_keys_.end() && *found == text.data()) return;  // interned: same text, same pointer
        found_keys_.insert(found, text.data());
        if (found_.empty()) found_.reserve(8);
        auto& found_now = found_.emplace_back();  // (in place: a moved temporary stalled on its reload)
        found_now.kind = kind;
        found_now.key = text;
        if (describe_) found_now.message = describe();
    }

    const std::vector<TaskInfo>* tasks_ = nullptr;
    bool describe_ = true;
    std::vector<History> histories_;                                // by ObjectId: ids are small and dense
    std::vector<std::string> read_values_;                          // see Read::value
    std::map<std::pair<ObjectId, ObjectId>, LockEdge> lock_edges_;  // (held, requested) -> first seen
    std::vector<CompactKey> seen_;                                  // sorted
    std::vector<const char*> found_keys_;                           // found_'s keys, sorted
    std::vector<Detection> found_;
    /// By ObjectId: the interned name (empty: never looked up), and the execution that last
    /// checked it against the object's name.
    struct ObjectName {
        std::string_view interned;
        std::uint64_t checked_in = 0;
    };
    std::vector<ObjectName> object_names_;
    std::uint64_t execution_ = 1;                             // counts clear(): 0 in ObjectName::checked_in is "never"
    FlatMap<NamedKey, std::string_view, NamedKeyHash> keys_;  // kept across executions
};

}  // namespace interleave::detail
