#pragma once
// What the explorer reports: a closed set of kinds (Relacy's habit), each with a message that
// names tasks and objects, and a witness schedule that replays it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <interleave/execution.hpp>

namespace interleave {

enum class ReportKind : std::uint8_t {
    invariant,         // an expect() failed, or a task or the body raised
    divergence,        // explored executions end in different outcomes
    not_serializable,  // an outcome no serial order of the gathered tasks produces
    lost_update,
    data_race,
    deadlock,
    lock_order,
    task_leak,       // a spawned task still pending when the body returned
    step_limit,      // more task steps than the limit: livelock
    internal_error,  // the scenario is not deterministic, or interleave failed
};
std::string to_string(ReportKind kind);

struct Report {
    ReportKind kind;
    std::string message;
    std::string schedule;               // witness schedule token
    std::optional<std::uint64_t> seed;  // execution seed (random, pct)
    std::uint64_t count = 1;            // executions that produced this same report
    std::string key = {};               // what makes two reports the same; empty: the message
};

/// The reports one execution carries by itself (verdict, violations, leaks); the explorer
/// adds the ones that compare executions.
std::vector<Report> execution_reports(const ExecutionResult& result);

/// One of those reports, read in place: valid during the visit only.
struct ReportRef {
    ReportKind kind;
    std::string_view message;
    std::string_view key;   // empty: the message
    bool interned = false;  // the key is interned (detail::intern): equal keys are one pointer
};
namespace detail {
/// The reports that come before an execution's detections (its verdict's, its violations') and
/// after them (leaked tasks). Rare, so they are built out of line, through a std::function.
void visit_reports_before_detections(const ExecutionResult& result, const std::function<void(const ReportRef&)>& visit);
void visit_reports_after_detections(const ExecutionResult& result, const std::function<void(const ReportRef&)>& visit);
inline ReportKind detection_kind(std::string_view name) {
    return name == "lost_update" ? ReportKind::lost_update
           : name == "data_race" ? ReportKind::data_race
                                 : ReportKind::lock_order;
}
}  // namespace detail

/// The reports of execution_reports, in the same order, without copying a detection's message
/// and key: the explorer visits every execution and keeps few of them. (A template, so that
/// the visitor is called directly for the detections, which most executions of a racy scenario
/// have: no std::function on that path.)
template <class Visit>
void visit_execution_reports(const ExecutionResult& result, Visit&& visit) {
    if (result.verdict != Verdict::completed || !result.violations.empty())
        detail::visit_reports_before_detections(result, std::ref(visit));
    for (const auto& detection : result.detections)
        visit(ReportRef{detail::detection_kind(detection.kind), detection.message, detection.key, true});
    if (!result.leaked.empty() && result.verdict == Verdict::completed)
        detail::visit_reports_after_detections(result, std::ref(visit));
}

}  // namespace interleave
