#include <cstdio>
#include <map>

#include <fmt/format.h>

#include <interleave/scheduler/trace.hpp>

namespace interleave {

namespace {
using json = nlohmann::ordered_json;

json report_json(const Report& report) {
    json r;
    r["kind"] = to_string(report.kind);
    r["message"] = report.message;
    return r;
}

ReportKind report_kind(const std::string& name) {
    for (int k = 0; k <= static_cast<int>(ReportKind::internal_error); ++k)
        if (to_string(static_cast<ReportKind>(k)) == name) return static_cast<ReportKind>(k);
    throw BadTrace("unknown report kind '" + name + "'");
}

std::string seconds(std::int64_t ns) { return fmt::format("{:.3f}s", static_cast<double>(ns) / 1e9); }
}  // namespace

json trace_json(const TraceHeader& header, const ExecutionResult& result, const std::vector<Report>& found_by_explore) {
    json trace;
    trace["format"] = trace_format;
    trace["version"] = trace_version;
    trace["scenario"] = header.scenario;
    json params = json::object();
    for (const auto& [name, value] : header.params) params[name] = value;
    trace["params"] = params;
    trace["strategy"] = header.strategy;
    trace["seed"] = header.seed ? json(*header.seed) : json(nullptr);
    trace["schedule"] = header.schedule;
    trace["time_model"] = to_string(header.time_model);
    trace["verdict"] = to_string(result.verdict);
    trace["steps"] = result.steps;
    trace["end_time_ns"] = result.end_time.count();
    json tasks = json::array();
    for (const auto& task : result.tasks)
        tasks.push_back(json{{"id", task.id}, {"name", task.name}, {"parent", task.parent ? json(*task.parent) : json(nullptr)}});
    trace["tasks"] = tasks;
    json objects = json::array();
    for (const auto& object : result.objects)
        objects.push_back(json{{"id", object.id}, {"kind", object.kind}, {"name", object.name}});
    trace["objects"] = objects;
    json events = json::array();
    for (const auto& event : result.events) {
        events.push_back(json{{"step", event.step},
                              {"time_ns", event.time_ns},
                              {"task", event.task ? json(*event.task) : json(nullptr)},
                              {"op", event.op},
                              {"object", event.object == no_object ? json(nullptr) : json(event.object)},
                              {"value", event.value}});
    }
    trace["events"] = events;
    trace["output"] = result.output;
    trace["outcome"] = result.outcome;
    json reports = json::array();
    for (const auto& report : execution_reports(result)) reports.push_back(report_json(report));
    trace["reports"] = reports;
    json carried = json::array();
    for (const auto& report : found_by_explore) carried.push_back(report_json(report));
    trace["found_by_explore"] = carried;
    return trace;
}

std::string trace_bytes(const json& trace) { return trace.dump(2) + "\n"; }

TraceHeader read_trace_header(const json& trace) {
    try {
        if (!trace.is_object() || trace.value("format", "") != trace_format)
            throw BadTrace(std::string("not an interleave trace (no \"format\": \"") + trace_format + "\")");
        if (trace.at("version").get<int>() != trace_version)
            throw BadTrace("trace version " + trace.at("version").dump() + " is not supported (expected " +
                           std::to_string(trace_version) + ")");
        TraceHeader header;
        header.scenario = trace.at("scenario").get<std::string>();
        for (const auto& [name, value] : trace.at("params").items()) header.params[name] = value.get<std::int64_t>();
        header.strategy = trace.at("strategy").get<std::string>();
        if (!trace.at("seed").is_null()) header.seed = trace.at("seed").get<std::uint64_t>();
        header.schedule = trace.at("schedule").get<std::string>();
        const auto model = trace.at("time_model").get<std::string>();
        if (model != "strict" && model != "relaxed") throw BadTrace("unknown time model '" + model + "'");
        header.time_model = model == "strict" ? TimeModel::strict : TimeModel::relaxed;
        return header;
    } catch (const nlohmann::json::exception& e) {
        throw BadTrace(std::string("malformed trace: ") + e.what());
    }
}

std::vector<Report> read_carried_reports(const json& trace) {
    std::vector<Report> reports;
    try {
        for (const auto& r : trace.at("found_by_explore"))
            reports.push_back(Report{report_kind(r.at("kind").get<std::string>()), r.at("message").get<std::string>(), {}, {}, 1});
    } catch (const nlohmann::json::exception& e) {
        throw BadTrace(std::string("malformed trace: ") + e.what());
    }
    return reports;
}

json chrome_trace(const json& trace) {
    // Steps at one virtual instant are laid out one microsecond apart, so that they show in
    // order without moving visibly off their instant.
    json events = json::array();
    for (const auto& task : trace.at("tasks"))
        events.push_back(json{{"ph", "M"}, {"name", "thread_name"}, {"pid", 1}, {"tid", task.at("id")},
                              {"args", json{{"name", task.at("name")}}}});
    std::int64_t last_instant = -1;
    std::int64_t offset = 0;
    std::map<std::uint64_t, json> slices;  // step -> slice
    for (const auto& event : trace.at("events")) {
        const auto step = event.at("step").get<std::uint64_t>();
        if (event.at("task").is_null() || step == 0) continue;
        auto it = slices.find(step);
        if (it == slices.end()) {
            const auto time_ns = event.at("time_ns").get<std::int64_t>();
            offset = time_ns == last_instant ? offset + 1 : 0;
            last_instant = time_ns;
            json slice{{"ph", "X"}, {"pid", 1}, {"tid", event.at("task")}, {"ts", time_ns / 1000 + offset},
                       {"dur", 1}, {"name", "step " + std::to_string(step)}, {"args", json{{"ops", json::array()}}}};
            it = slices.emplace(step, slice).first;
        }
        std::string op = event.at("op").get<std::string>();
        if (!event.at("object").is_null())
            op += " " + trace.at("objects").at(event.at("object").get<std::size_t>()).at("name").get<std::string>();
        if (!event.at("value").get<std::string>().empty()) op += " " + event.at("value").get<std::string>();
        it->second["args"]["ops"].push_back(op);
    }
    for (auto& [step, slice] : slices) events.push_back(std::move(slice));
    return json{{"traceEvents", events}, {"displayTimeUnit", "ms"},
                {"otherData", json{{"scenario", trace.at("scenario")}, {"schedule", trace.at("schedule")}}}};
}

std::string text_timeline(const json& trace) {
    std::string out = fmt::format("{}  strategy {}  time {}  verdict {}\nschedule {}\n", trace.at("scenario").get<std::string>(),
                                  trace.at("strategy").get<std::string>(), trace.at("time_model").get<std::string>(),
                                  trace.at("verdict").get<std::string>(), trace.at("schedule").get<std::string>());
    out += fmt::format("{:>5}  {:>9}  {:<20}  {}\n", "step", "time", "task", "operation");
    for (const auto& event : trace.at("events")) {
        std::string task = event.at("task").is_null()
                               ? "(loop)"
                               : trace.at("tasks").at(event.at("task").get<std::size_t>()).at("name").get<std::string>();
        std::string op = event.at("op").get<std::string>();
        if (op == "step") continue;
        if (!event.at("object").is_null())
            op += " " + trace.at("objects").at(event.at("object").get<std::size_t>()).at("name").get<std::string>();
        if (!event.at("value").get<std::string>().empty()) op += " " + event.at("value").get<std::string>();
        out += fmt::format("{:>5}  {:>9}  {:<20}  {}\n", event.at("step").get<std::uint64_t>(),
                           seconds(event.at("time_ns").get<std::int64_t>()), task, op);
    }
    out += "outcome " + trace.at("outcome").dump() + "\n";
    for (const auto& report : trace.at("reports"))
        out += report.at("kind").get<std::string>() + ": " + report.at("message").get<std::string>() + "\n";
    return out;
}

}  // namespace interleave
