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
    return task ? std::string(result.tasks.at(*task).name) : "a loop callback";
}
}  // namespace

namespace detail {

void visit_reports_before_detections(const ExecutionResult& result,
                                     const std::function<void(const ReportRef&)>& visit) {
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
            visit({ReportKind::deadlock, message, {}});
            break;
        }
        case Verdict::step_limit: {
            std::vector<std::string> names;
            for (auto id : result.last_running) {
                const auto& name = result.tasks.at(id).name;
                if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
            }
            std::string repeating;
            for (const auto& name : names) repeating += (repeating.empty() ? "" : ", ") + name;
            const auto message = "more than " + std::to_string(result.steps - 1) +
                                 " task steps without the body returning, a livelock: the last steps ran " + repeating;
            // One livelock cut where another task ran last is the same report: its identity is
            // the tasks in name order.
            std::sort(names.begin(), names.end());
            std::string key = "step_limit";
            for (const auto& name : names) key += ' ' + name;
            visit({ReportKind::step_limit, message, key});
            break;
        }
        case Verdict::uncaught_exception:
            visit({ReportKind::invariant, "the scenario body raised " + result.error, {}});
            break;
    }
    for (const auto& violation : result.violations) {
        const auto where = task_name(result, violation.task);
        visit({ReportKind::invariant, where + " at step " + std::to_string(violation.step) + ": " + violation.message,
               "invariant " + where + ": " + violation.message});
    }
}

void visit_reports_after_detections(const ExecutionResult& result, const std::function<void(const ReportRef&)>& visit) {
    std::string names;
    for (auto id : result.leaked) (names += names.empty() ? "" : ", ") += result.tasks.at(id).name;
    visit({ReportKind::task_leak, "still pending when the scenario body returned: " + names, {}});
}

}  // namespace detail

std::vector<Report> execution_reports(const ExecutionResult& result) {
    std::vector<Report> reports;
    visit_execution_reports(result, [&](const ReportRef& report) {
        reports.push_back(Report{report.kind, std::string(report.message), {}, {}, 1, std::string(report.key)});
    });
    return reports;
}

}  // namespace interleave
