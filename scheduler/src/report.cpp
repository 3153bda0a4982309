#include <algorithm>

#include <interleave/scheduler/report.hpp>

namespace interleave {

std::string to_string(ReportKind kind) {
    switch (kind) {
        case ReportKind::invariant: return "invariant";
        case ReportKind::divergence: return "divergence";
        case ReportKind::not_serializable: return "not_serializable";
        case ReportKind::lost_update: return "lost_update";
        case ReportKind::data_race: return "data_race";
        case ReportKind::deadlock: return "deadlock";
        case ReportKind::lock_order: return "lock_order";
        case ReportKind::task_leak: return "task_leak";
        case ReportKind::step_limit: return "step_limit";
        case ReportKind::internal_error: return "internal_error";
    }
    return "unknown";
}

namespace {
std::string task_name(const ExecutionResult& result, std::optional<TaskId> task) {
    return task ? result.tasks.at(*task).name : "a loop callback";
}
}  // namespace

std::vector<Report> execution_reports(const ExecutionResult& result) {
    std::vector<Report> reports;
    switch (result.verdict) {
        case Verdict::completed: break;
        case Verdict::deadlock: {
            std::string message = "no task can run and no timer is pending:";
            for (const auto& blocked : result.blocked)
                message += (&blocked == &result.blocked.front() ? " " : "; ") + blocked.name + " waits on " +
                           blocked.waits_on;
            if (!result.wait_cycle.empty()) {
                message += ". Wait-for cycle: ";
                for (const auto& link : result.wait_cycle) message += link + " -> ";
                message += "back to " + result.wait_cycle.front().substr(0, result.wait_cycle.front().find(' '));
            }
            reports.push_back(Report{ReportKind::deadlock, message, {}, {}, 1});
            break;
        }
        case Verdict::step_limit: {
            std::vector<std::string> names;
            for (auto id : result.last_running) {
                const auto& name = result.tasks.at(id).name;
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
            }
            std::string repeating;
            for (const auto& name : names) repeating += (repeating.empty() ? "" : ", ") + name;
            reports.push_back(Report{ReportKind::step_limit,
                                     "more than " + std::to_string(result.steps - 1) +
                                         " task steps without the body returning, a livelock: the last steps ran " +
                                         repeating,
                                     {}, {}, 1});
            break;
        }
        case Verdict::uncaught_exception:
            reports.push_back(Report{ReportKind::invariant, "the scenario body raised " + result.error, {}, {}, 1});
            break;
    }
    for (const auto& violation : result.violations) {
        const auto where = task_name(result, violation.task);
        reports.push_back(Report{ReportKind::invariant,
                                 where + " at step " + std::to_string(violation.step) + ": " + violation.message, {}, {},
                                 1, "invariant " + where + ": " + violation.message});
    }
    for (const auto& detection : result.detections) {
        ReportKind kind = detection.kind == "lost_update" ? ReportKind::lost_update
                          : detection.kind == "data_race" ? ReportKind::data_race
                                                          : ReportKind::lock_order;
        reports.push_back(Report{kind, detection.message, {}, {}, 1, detection.key});
    }
    if (!result.leaked.empty() && result.verdict == Verdict::completed) {
        std::string names;
        for (auto id : result.leaked) names += (names.empty() ? "" : ", ") + result.tasks.at(id).name;
        reports.push_back(Report{ReportKind::task_leak, "still pending when the scenario body returned: " + names, {}, {}, 1});
    }
    return reports;
}

}  // namespace interleave
