#include <fmt/format.h>

#include <interleave/detail/detectors.hpp>

namespace interleave::detail {

const std::string& Detectors::task_name(TaskId task) const {
    static const std::string unknown = "?";
    return tasks_ && task < tasks_->size() ? (*tasks_)[task].name : unknown;
}

void Detectors::race(const std::string& variable, const Access& earlier, const char* earlier_kind,
                     const AccessContext& now, const char* now_kind) {
    const bool by_timing = earlier.time_ns != now.time_ns;
    const auto& first = task_name(earlier.task);
    const auto& second = task_name(now.task);
    // One report per variable and pair of tasks, whichever accesses and order show it first.
    add("data_race", fmt::format("data_race {} {} {}", variable, std::min(first, second), std::max(first, second)), [&] {
        return fmt::format("{} {} {} at step {} and {} {} it at step {}, not ordered by happens-before{}", first,
                           earlier_kind, variable, earlier.step, second, now_kind, now.step,
                           by_timing ? " (ordered only by timing)" : "");
    });
}

void Detectors::on_read(ObjectId variable, const std::string& name, const AccessContext& at, std::string value) {
    auto& history = histories_[variable];
    if (history.last_write && history.last_write->task != at.task &&
        history.last_write->epoch > at.clock.at(history.last_write->task))
        race(name, *history.last_write, "wrote", at, "read");
    Access access{at.task, at.clock.at(at.task), at.step, at.time_ns, std::move(value)};
    history.reads_since_write.insert_or_assign(at.task, access);
    history.last_read.insert_or_assign(at.task, std::move(access));
}

void Detectors::on_write(ObjectId variable, const std::string& name, const AccessContext& at, std::string value) {
    auto& history = histories_[variable];
    if (history.last_write && history.last_write->task != at.task &&
        history.last_write->epoch > at.clock.at(history.last_write->task))
        race(name, *history.last_write, "wrote", at, "wrote");
    for (const auto& [task, read] : history.reads_since_write)
        if (task != at.task && read.epoch > at.clock.at(task)) race(name, read, "read", at, "wrote");

    // A read-modify-write that spans a suspension, across which another task wrote.
    if (auto read = history.last_read.find(at.task); read != history.last_read.end() && read->second.step != at.step &&
                                                     history.last_write && history.last_write->task != at.task &&
                                                     history.last_write->step > read->second.step) {
        const auto& writer = task_name(at.task);
        const auto& overwritten = task_name(history.last_write->task);
        add("lost_update",
            fmt::format("lost_update {} {} {}", name, std::min(writer, overwritten), std::max(writer, overwritten)), [&] {
                return fmt::format("{} wrote {}={} from its read at step {} (value {}), overwriting {}'s write at step {}",
                                   writer, name, value, read->second.step, read->second.value, overwritten,
                                   history.last_write->step);
            });
    }
    history.last_write = Access{at.task, at.clock.at(at.task), at.step, at.time_ns, std::move(value)};
    history.reads_since_write.clear();
}

void Detectors::on_lock_request(ObjectId lock, const std::string& lock_name, TaskId task, std::uint64_t step,
                                const std::vector<std::pair<ObjectId, std::string>>& held) {
    for (const auto& held_lock : held) {
        // (not a structured binding: clang 14 cannot capture one in the lambda below)
        const ObjectId held_id = held_lock.first;
        const std::string& held_name = held_lock.second;
        if (held_id == lock) continue;
        lock_edges_.try_emplace({held_id, lock}, LockEdge{task, step, held_name, lock_name});
        auto reverse = lock_edges_.find({lock, held_id});
        if (reverse == lock_edges_.end() || reverse->second.task == task) continue;
        const auto& other = reverse->second;
        const std::string a = std::min(held_name, lock_name), b = std::max(held_name, lock_name);
        add("lock_order", fmt::format("lock_order {} {}", a, b), [&] {
            return fmt::format("{} took '{}' while holding '{}' (step {}); {} took '{}' while holding '{}' (step "
                               "{}): opposite orders, a potential deadlock",
                               task_name(other.task), other.to_name, other.from_name, other.step, task_name(task),
                               lock_name, held_name, step);
        });
    }
}

}  // namespace interleave::detail
