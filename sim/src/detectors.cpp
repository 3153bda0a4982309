#include <cstdint>
#include <functional>

#include <fmt/format.h>

#include <interleave/detail/detectors.hpp>
#include <interleave/detail/interned.hpp>

namespace interleave::detail {

std::string_view Detectors::unknown_task_name() {
    static const std::string_view unknown = intern("?");
    return unknown;
}

const std::string& Detectors::object_name(ObjectId object) const {
    static const std::string unknown = "?";
    const auto* objects = execution_result_ ? &execution_result_->objects : nullptr;
    return objects && object < objects->size() ? (*objects)[object].name : unknown;
}

std::string_view Detectors::check_object_name(ObjectId object, const std::string& name) {
    if (object >= object_names_.size()) object_names_.resize(object + 1);
    auto& entry = object_names_[object];  // kept across executions: ids usually name the same objects
    // (An object's name is fixed while it lives, and ids are not reused within an execution.)
    if (entry.interned.data() == nullptr || entry.interned != name) entry.interned = intern(name);
    entry.checked_in = execution_;
    return entry.interned;
}

std::size_t Detectors::NamedKeyHash::operator()(const NamedKey& key) const {
    std::size_t hash = static_cast<std::size_t>(key.kind);
    for (const char* part : {key.object, key.first, key.second})
        hash = (hash ^ reinterpret_cast<std::uintptr_t>(part)) * 0x9E3779B97F4A7C15ULL;
    return hash ^ (hash >> 29);
}

void Detectors::clear() {
    ++execution_;
    execution_result_ = nullptr;
    describe_ = true;
    read_values_.clear();
    lock_edges_.clear();
    found_.clear();
}

std::uint32_t Detectors::key_of(Kind kind, std::string_view object, std::string_view first, std::string_view second) {
    if (std::less<const char*>()(second.data(), first.data())) std::swap(first, second);
    auto* entry = keys_.try_emplace(NamedKey{kind, object.data(), first.data(), second.data()}).first;
    if (*entry == 0) {  // (entry is used before any other insertion into keys_ can move it)
        if (second < first) std::swap(first, second);
        const std::string_view kind_name = kind == Kind::data_race     ? "data_race"
                                           : kind == Kind::lost_update ? "lost_update"
                                                                       : "lock_order";
        const std::string_view text =
            intern(kind == Kind::lock_order ? fmt::format("{} {} {}", kind_name, first, second)
                                            : fmt::format("{} {} {} {}", kind_name, object, first, second));
        // Names with spaces could make one text of two combinations: it is one detection.
        auto* index = text_indices_.try_emplace(text.data()).first;
        if (*index == 0) {
            key_texts_.push_back(KeyText{text});
            *index = static_cast<std::uint32_t>(key_texts_.size());
        }
        *entry = *index;
    }
    return *entry - 1;
}

void Detectors::add_race(ObjectId variable, const Stamp& earlier, const char* earlier_kind, const AccessContext& now,
                         const char* now_kind) {
    // One report per variable and pair of tasks, whichever accesses and order show it first.
    const CompactKey compact{Kind::data_race, variable, std::min(earlier.task, now.task),
                             std::max(earlier.task, now.task)};
    // (Names are looked up only for a pair this execution has not reported yet.)
    add(
        compact, "data_race",
        [&] {
            return Names{interned_variable_name(variable), task_name(earlier.task), task_name(now.task)};
        },
        [&] {
            const bool by_timing = earlier.time_ns != now.time_ns;
            return fmt::format("{} {} {} at step {} and {} {} it at step {}, not ordered by happens-before{}",
                               task_name(earlier.task), earlier_kind, object_name(variable), earlier.step,
                               task_name(now.task), now_kind, now.step, by_timing ? " (ordered only by timing)" : "");
        });
}

void Detectors::on_read(ObjectId variable, const AccessContext& at, std::string_view value) {
    auto& history = history_of(variable);
    race_with_last_write(variable, history, at, "read");
    if (at.task >= history.reads.size()) history.reads.resize(at.task + 1);
    auto* read = &history.reads[at.task];
    if (read->execution != execution_) {  // its first read in this execution
        read->execution = execution_;
        read->value = no_value;
        if (history.readers_begin == history.readers_end) {
            history.readers_begin = at.task;
            history.readers_end = at.task + 1;
        } else {
            history.readers_begin = std::min(history.readers_begin, at.task);
            history.readers_end = std::max(history.readers_end, at.task + 1);
        }
    }
    read->at = Stamp{at.task, at.clock.at(at.task), at.step, at.time_ns};
    read->writes_seen = history.writes;
    if (describe_) {
        if (read->value == no_value) {
            read->value = static_cast<std::uint32_t>(read_values_.size());
            read_values_.emplace_back(value);
        } else {
            read_values_[read->value].assign(value);
        }
    }
}

void Detectors::on_write(ObjectId variable, const AccessContext& at, std::string_view value) {
    auto& history = history_of(variable);
    race_with_last_write(variable, history, at, "wrote");
    const Read* own = nullptr;
    for (TaskId reader = history.readers_begin; reader < history.readers_end; ++reader) {
        const auto& read = history.reads[reader];
        if (read.execution != execution_) continue;
        if (reader == at.task)
            own = &read;
        else if (read.writes_seen == history.writes && read.at.epoch > at.clock.at(reader))
            race(variable, history, read.at, "read", at, "wrote");
    }

    // A read-modify-write that spans a suspension, across which another task wrote.
    if (own && own->at.step != at.step && history.written && history.last_write.task != at.task &&
        history.last_write.step > own->at.step) {
        const TaskId overwriter = history.last_write.task;
        const CompactKey compact{Kind::lost_update, variable, std::min(at.task, overwriter),
                                 std::max(at.task, overwriter)};
        add(
            compact, "lost_update",
            [&] {
                return Names{interned_variable_name(variable), task_name(at.task), task_name(overwriter)};
            },
            [&] {
                return fmt::format(
                    "{} wrote {}={} from its read at step {} (value {}), overwriting {}'s write at step {}",
                    task_name(at.task), object_name(variable), value, own->at.step,
                    own->value == no_value ? std::string() : read_values_[own->value], task_name(overwriter),
                    history.last_write.step);
            });
    }
    history.written = true;
    history.last_write = Stamp{at.task, at.clock.at(at.task), at.step, at.time_ns};
    ++history.writes;
}

void Detectors::on_lock_request(ObjectId lock, const std::string& lock_name, TaskId task, std::uint64_t step,
                                const std::vector<std::pair<ObjectId, std::string>>& held) {
    for (const auto& held_lock : held) {
        // (not a structured binding: clang 14 cannot capture one in the lambda below)
        const ObjectId held_id = held_lock.first;
        const std::string& held_name = held_lock.second;
        if (held_id == lock) continue;
        const std::pair<ObjectId, ObjectId> edge{held_id, lock};
        if (auto forward = lock_edges_.lower_bound(edge); forward == lock_edges_.end() || forward->first != edge) {
            // Names only when describing, so an edge costs no string copies while exploring.
            lock_edges_.emplace_hint(
                forward, edge, describe_ ? LockEdge{task, step, held_name, lock_name} : LockEdge{task, step, {}, {}});
        }
        auto reverse = lock_edges_.find({lock, held_id});
        if (reverse == lock_edges_.end() || reverse->second.task == task) continue;
        const auto& other = reverse->second;
        const CompactKey compact{Kind::lock_order, 0, std::min(held_id, lock), std::max(held_id, lock)};
        add(
            compact, "lock_order",
            [&] {
                return Names{{}, interned_object_name(held_id, held_name), interned_object_name(lock, lock_name)};
            },
            [&] {
                return fmt::format(
                    "{} took '{}' while holding '{}' (step {}); {} took '{}' while holding '{}' (step "
                    "{}): opposite orders, a potential deadlock",
                    task_name(other.task), other.to_name, other.from_name, other.step, task_name(task), lock_name,
                    held_name, step);
            });
    }
}

}  // namespace interleave::detail
