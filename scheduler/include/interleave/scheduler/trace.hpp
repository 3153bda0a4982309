#pragma once
// An execution's trace as one JSON document (format "interleave-trace", version 1; the JSON
// Schema is scheduler/schema/trace.schema.json), and its two other views: Chrome trace events
// (one row per task over virtual time, for Perfetto) and a text timeline.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <interleave/execution.hpp>
#include <interleave/scenario.hpp>
#include <interleave/scheduler/report.hpp>

namespace interleave {

inline constexpr const char* trace_format = "interleave-trace";
inline constexpr int trace_version = 1;

/// Where an execution came from: enough to replay it.
struct TraceHeader {
    std::string scenario;
    Params params;
    std::string strategy;
    std::optional<std::uint64_t> seed;
    std::string schedule;
    TimeModel time_model = TimeModel::strict;
};

/// A trace file that cannot be read or replayed: the message says why.
class BadTrace : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The trace of `result`. `found_by_explore` are reports that compare executions (divergence,
/// not_serializable) for which this execution is the witness; they are carried, not re-derived.
nlohmann::ordered_json trace_json(const TraceHeader& header, const ExecutionResult& result,
                                  const std::vector<Report>& found_by_explore = {});
/// The bytes of a trace file: two-space indented JSON and a final newline.
std::string trace_bytes(const nlohmann::ordered_json& trace);
/// Reads a trace file's header and its carried reports; throws BadTrace.
TraceHeader read_trace_header(const nlohmann::ordered_json& trace);
std::vector<Report> read_carried_reports(const nlohmann::ordered_json& trace);

nlohmann::ordered_json chrome_trace(const nlohmann::ordered_json& trace);
std::string text_timeline(const nlohmann::ordered_json& trace);

}  // namespace interleave
