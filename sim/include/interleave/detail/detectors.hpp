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
    void on_read(ObjectId variable, const AccessContext& at, std::string_view value);
    void on_write(ObjectId variable, const AccessContext& at, std::string_view value);
    /// A task asks for `lock` while holding `held` (in acquisition order).
    void on_lock_request(ObjectId lock, const std::string& lock_name, TaskId task, std::uint64_t step,
                         const std::vector<std::pair<ObjectId, std::string>>& held);

    /// The execution's result, whose task list names tasks and whose object list names the
    /// variable of a detection (only one that reports: an access passes no name).
    void set_execution(const ExecutionResult* execution) { execution_result_ = execution; }
    /// Without descriptions a detection carries its key only (exploring: the witness's replay
    /// describes it), which spares formatting a message per execution. Set before the
    /// execution's first access (Runtime::start).
    void set_describe(bool describe) { describe_ = describe; }
    /// Appends the execution's detections to `out`, empty, trading storage with it. (Called at
    /// its end.)
    void take_into(std::vector<Detection>& out) {
        std::swap(found_, out);
        found_.clear();
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
        std::uint64_t execution = 0;  // the execution it was made in: an older one is no read
        // The history's writes at the read: while equal, none came since, and it races with the next.
        std::uint32_t writes_seen = 0;
        // The read value's index in read_values_, which only describing fills (only messages
        // show values): a Read stays trivially copyable, cheap to insert while exploring.
        std::uint32_t value = no_value;
    };
    /// A variable's accesses in one execution. Kept across executions with their storage and
    /// emptied lazily, on the first access of a later execution (history_of): clear() costs
    /// nothing per variable, and neither do the reads, which count only when stamped with the
    /// execution.
    struct History {
        std::uint64_t execution = 0;
        bool written = false;
        Stamp last_write{};
        std::uint32_t writes = 0;
        // Each task's last read, by task id: a read is one store, and a write visits the readers
        // in task-id order (which keeps races reported in that order) between these bounds.
        std::vector<Read> reads;
        TaskId readers_begin = 0;
        TaskId readers_end = 0;
        // The task pairs this execution has reported a data race on this variable for (pairs of
        // tasks below 11, see pair_bit): a repeat then costs no key lookup.
        std::uint64_t raced_pairs = 0;
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
    /// The interned names a detection's key text is made of (lock order: no object).
    struct Names {
        std::string_view object;
        std::string_view first;
        std::string_view second;
        /// Same interned names, the pair in either order.
        bool same_as(const Names& other) const {
            return object.data() == other.object.data() &&
                   ((first.data() == other.first.data() && second.data() == other.second.data()) ||
                    (first.data() == other.second.data() && second.data() == other.first.data()));
        }
    };
    /// What a compact key last stood for, kept across executions: its names and key text (ids
    /// usually name the same things in the next execution, but need not), and the execution
    /// that last found it. A detection repeated within an execution then costs one lookup, and
    /// one met before costs no key lookup by names.
    static constexpr std::uint32_t no_text = UINT32_MAX;
    struct KnownKey {
        std::uint64_t found_in = 0;
        Names names;
        std::uint32_t text = no_text;  // in key_texts_
    };
    /// An interned key text, and the execution that last found it: ids that share names find
    /// one detection.
    struct KeyText {
        std::string_view text;
        std::uint64_t found_in = 0;
    };
    struct CompactKeyHash {
        std::size_t operator()(const CompactKey& key) const {
            const std::uint64_t low = (static_cast<std::uint64_t>(key.kind) << 32) | key.object;
            const std::uint64_t high = (static_cast<std::uint64_t>(key.first) << 32) | key.second;
            return low ^ (high * 0x9E3779B97F4A7C15ULL);
        }
    };

    /// Interned, as every task name is. (Inline: a detection names two tasks.)
    std::string_view task_name(TaskId task) const {
        if (execution_result_ && task < execution_result_->tasks.size()) return execution_result_->tasks[task].name;
        return unknown_task_name();
    }
    static std::string_view unknown_task_name();
    const std::string& object_name(ObjectId object) const;
    /// An object's name interned, looked up again only when the id's name differs from the
    /// last execution's, and compared with it once per execution. (Inline, the check: a new
    /// detection in an execution asks for it, and it is mostly known.)
    std::string_view interned_object_name(ObjectId object, const std::string& name) {
        if (object < object_names_.size() && object_names_[object].checked_in == execution_)
            return object_names_[object].interned;
        return check_object_name(object, name);
    }
    /// The same for a Shared variable, whose name is the execution's (looked up only then).
    std::string_view interned_variable_name(ObjectId variable) {
        if (variable < object_names_.size() && object_names_[variable].checked_in == execution_)
            return object_names_[variable].interned;
        return check_object_name(variable, object_name(variable));
    }
    std::string_view check_object_name(ObjectId object, const std::string& name);
    /// The interned key text "kind object first second" (names in text order; lock order has
    /// no object), built the first time this thread meets the combination: its index in
    /// key_texts_.
    std::uint32_t key_of(Kind kind, std::string_view object, std::string_view first, std::string_view second);
    History& history_of(ObjectId variable) {
        if (variable >= histories_.size()) histories_.resize(variable + 1);
        auto& history = histories_[variable];
        if (history.execution != execution_) {  // ids are reused by every execution: empty it
            history.execution = execution_;
            history.written = false;
            history.writes = 0;
            history.readers_begin = history.readers_end = 0;
            history.raced_pairs = 0;
        }
        return history;
    }
    /// The bit of an unordered pair of tasks in History::raced_pairs, or 0 for ids past 10.
    static std::uint64_t pair_bit(TaskId a, TaskId b) {
        const TaskId low = std::min(a, b), high = std::max(a, b);
        return high < 11 ? std::uint64_t{1} << (high * (high - 1) / 2 + low) : 0;
    }
    /// Reports a data race on `variable` between `earlier` and `now` unless this execution has.
    void race(ObjectId variable, History& history, const Stamp& earlier, const char* earlier_kind,
              const AccessContext& now, const char* now_kind) {
        const auto bit = pair_bit(earlier.task, now.task);
        if (history.raced_pairs & bit) return;
        history.raced_pairs |= bit;
        add_race(variable, earlier, earlier_kind, now, now_kind);
    }
    void add_race(ObjectId variable, const Stamp& earlier, const char* earlier_kind, const AccessContext& now,
                  const char* now_kind);
    /// A data race of `now` with the variable's last write, by another task and not ordered
    /// before it (a read's check and a write's).
    void race_with_last_write(ObjectId variable, History& history, const AccessContext& now, const char* now_kind) {
        if (history.written && history.last_write.task != now.task &&
            history.last_write.epoch > now.clock.at(history.last_write.task))
            race(variable, history, history.last_write, "wrote", now, now_kind);
    }
    /// Adds the detection unless this execution has it: first by `compact`, then (first
    /// occurrence of it only) by its interned key text, as different ids may share names.
    /// `names` gives the names the text is made of; `describe` formats its message.
    template <class GetNames, class Describe>
    void add(const CompactKey& compact, std::string_view kind, GetNames&& names, Describe&& describe) {
        auto& known = *known_keys_.try_emplace(compact).first;
        if (known.found_in == execution_) return;
        known.found_in = execution_;
        const Names now = names();
        if (known.text == no_text || !known.names.same_as(now)) {
            known.names = now;
            known.text = key_of(compact.kind, now.object, now.first, now.second);
        }
        auto& text = key_texts_[known.text];  // (key_of inserts into no known_keys_)
        if (text.found_in == execution_) return;
        text.found_in = execution_;
        if (found_.empty()) found_.reserve(8);
        auto& found_now = found_.emplace_back();  // (in place: a moved temporary stalled on its reload)
        found_now.kind = kind;
        found_now.key = text.text;
        if (describe_) found_now.message = describe();
    }

    const ExecutionResult* execution_result_ = nullptr;
    bool describe_ = true;
    std::vector<History> histories_;                                // by ObjectId: ids are small and dense
    std::vector<std::string> read_values_;                          // see Read::value
    std::map<std::pair<ObjectId, ObjectId>, LockEdge> lock_edges_;  // (held, requested) -> first seen
    std::vector<Detection> found_;
    /// By ObjectId: the interned name (empty: never looked up), and the execution that last
    /// checked it against the object's name.
    struct ObjectName {
        std::string_view interned;
        std::uint64_t checked_in = 0;
    };
    std::vector<ObjectName> object_names_;
    std::uint64_t execution_ = 1;                             // counts clear(): 0 in ObjectName::checked_in is "never"
    // Kept across executions:
    std::vector<KeyText> key_texts_;
    FlatMap<NamedKey, std::uint32_t, NamedKeyHash> keys_;  // index in key_texts_, +1 (0: new)
    struct PointerHash {
        std::size_t operator()(const char* text) const { return reinterpret_cast<std::uintptr_t>(text); }
    };
    FlatMap<const char*, std::uint32_t, PointerHash> text_indices_;  // by interned text, as keys_
    FlatMap<CompactKey, KnownKey, CompactKeyHash> known_keys_;
};

}  // namespace interleave::detail
