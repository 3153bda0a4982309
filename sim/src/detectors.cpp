#include <functional>

#include <fmt/format.h>

#include <interleave/detail/detectors.hpp>

namespace interleave::detail {

const std::string& Detectors::task_name(TaskId task) const {
    static const std::string unknown = "?";
    return tasks_ && task < tasks_->size() ? (*tasks_)[task].name : unknown;
}

void Detectors::clear() {
    tasks_ = nullptr;
    describe_ = true;
    for (auto& history : histories_) {  // kept, emptied: a history's reads keep their storage
        history.written = false;
        history.last_write = Stamp{};
        history.reads.clear();
    }
    read_values_.clear();
    lock_edges_.clear();
    seen_.clear();
    key_hashes_.clear();
    found_.clear();
}

std::string Detectors::key_text(std::initializer_list<std::string_view> parts) {
    std::size_t size = parts.size() - 1;  // the separating spaces
    for (auto part : parts) size += part.size();
    std::string text(size, ' ');
    char* out = text.data();
    bool first = true;
    for (auto part : parts) {
        if (!first) ++out;  // past a separating space
        out = std::copy(part.begin(), part.end(), out);
        first = false;
    }
    return text;
}

bool Detectors::first_with_text(const std::string& text) {
    if (key_hashes_.empty()) {
        if (found_.size() < scan_limit)
            return std::none_of(found_.begin(), found_.end(), [&](const Detection& d) { return d.key == text; });
        for (std::size_t i = 0; i < found_.size(); ++i)
            key_hashes_.emplace_back(std::hash<std::string>{}(found_[i].key), i);
        std::sort(key_hashes_.begin(), key_hashes_.end());
    }
    const std::pair<std::size_t, std::size_t> entry{std::hash<std::string>{}(text), found_.size()};
    auto it = std::lower_bound(key_hashes_.begin(), key_hashes_.end(), entry.first,
                               [](const auto& indexed, std::size_t hash) { return indexed.first < hash; });
    for (; it != key_hashes_.end() && it->first == entry.first; ++it)
        if (found_[it->second].key == text) return false;
    key_hashes_.insert(it, entry);
    return true;
}

void Detectors::race(ObjectId variable, const std::string& name, const Stamp& earlier, const char* earlier_kind,
                     const AccessContext& now, const char* now_kind) {
    // One report per variable and pair of tasks, whichever accesses and order show it first.
    const CompactKey compact{Kind::data_race, variable, std::min(earlier.task, now.task),
                             std::max(earlier.task, now.task)};
    const auto& first = task_name(earlier.task);
    const auto& second = task_name(now.task);
    add(
        compact, "data_race",
        [&] {
            return key_text({"data_race", name, std::min(first, second), std::max(first, second)});
        },
        [&] {
            const bool by_timing = earlier.time_ns != now.time_ns;
            return fmt::format("{} {} {} at step {} and {} {} it at step {}, not ordered by happens-before{}", first,
                               earlier_kind, name, earlier.step, second, now_kind, now.step,
                               by_timing ? " (ordered only by timing)" : "");
        });
}

void Detectors::on_read(ObjectId variable, const std::string& name, const AccessContext& at, std::string_view value) {
    auto& history = history_of(variable);
    if (history.written && history.last_write.task != at.task &&
        history.last_write.epoch > at.clock.at(history.last_write.task))
        race(variable, name, history.last_write, "wrote", at, "read");
    if (history.reads.empty()) history.reads.reserve(4);  // few tasks per variable: one allocation
    auto read = std::lower_bound(history.reads.begin(), history.reads.end(), at.task,
                                 [](const Read& r, TaskId task) { return r.at.task < task; });
    if (read == history.reads.end() || read->at.task != at.task) read = history.reads.insert(read, Read{});
    read->at = Stamp{at.task, at.clock.at(at.task), at.step, at.time_ns};
    read->since_write = true;
    if (describe_) {
        if (read->value == no_value) {
            read->value = static_cast<std::uint32_t>(read_values_.size());
            read_values_.emplace_back(value);
        } else {
            read_values_[read->value].assign(value);
        }
    }
}

void Detectors::on_write(ObjectId variable, const std::string& name, const AccessContext& at,
                         std::string_view value) {
    auto& history = history_of(variable);
    if (history.written && history.last_write.task != at.task &&
        history.last_write.epoch > at.clock.at(history.last_write.task))
        race(variable, name, history.last_write, "wrote", at, "wrote");
    const Read* own = nullptr;
    for (const auto& read : history.reads) {  // in task-id order
        if (read.at.task == at.task)
            own = &read;
        else if (read.since_write && read.at.epoch > at.clock.at(read.at.task))
            race(variable, name, read.at, "read", at, "wrote");
    }

    // A read-modify-write that spans a suspension, across which another task wrote.
    if (own && own->at.step != at.step && history.written && history.last_write.task != at.task &&
        history.last_write.step > own->at.step) {
        const TaskId overwriter = history.last_write.task;
        const CompactKey compact{Kind::lost_update, variable, std::min(at.task, overwriter),
                                 std::max(at.task, overwriter)};
        const auto& writer = task_name(at.task);
        const auto& overwritten = task_name(overwriter);
        add(
            compact, "lost_update",
            [&] {
                return key_text({"lost_update", name, std::min(writer, overwritten), std::max(writer, overwritten)});
            },
            [&] {
                return fmt::format(
                    "{} wrote {}={} from its read at step {} (value {}), overwriting {}'s write at step {}", writer,
                    name, value, own->at.step, own->value == no_value ? std::string() : read_values_[own->value],
                    overwritten, history.last_write.step);
            });
    }
    history.written = true;
    history.last_write = Stamp{at.task, at.clock.at(at.task), at.step, at.time_ns};
    for (auto& read : history.reads) read.since_write = false;
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
                return key_text({"lock_order", std::min(held_name, lock_name), std::max(held_name, lock_name)});
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
