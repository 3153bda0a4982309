#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <stdexcept>

#include <interleave/scenario.hpp>

namespace interleave {

namespace {
std::map<std::string, Scenario, std::less<>>& registry() {
    static std::map<std::string, Scenario, std::less<>> scenarios;
    return scenarios;
}
thread_local const Params* running_params = nullptr;
}  // namespace

namespace detail {
constinit thread_local ParamMemo last_param;
}  // namespace detail

ParamsScope::ParamsScope(const Params& params) : previous_(running_params) {
    running_params = &params;
    detail::last_param.valid = false;
}

ParamsScope::~ParamsScope() {
    running_params = previous_;
    detail::last_param.valid = false;
}

std::int64_t detail::look_up_param(std::string_view name, std::int64_t fallback) {
    if (!running_params) return fallback;
    auto& memo = last_param;
    auto it = running_params->find(name);
    const auto value = it == running_params->end() ? fallback : it->second;
    memo.valid = name.size() <= memo.name.size();
    if (memo.valid) {
        std::copy(name.begin(), name.end(), memo.name.begin());
        memo.size = static_cast<std::uint8_t>(name.size());
        memo.fallback = fallback;
        memo.value = value;
    }
    return value;
}

bool register_scenario(Scenario scenario) {
    auto name = scenario.name;
    registry().insert_or_assign(std::move(name), std::move(scenario));
    return true;
}

const std::map<std::string, Scenario, std::less<>>& scenarios() { return registry(); }

const Scenario* find_scenario(std::string_view name) {
    auto it = registry().find(name);
    return it == registry().end() ? nullptr : &it->second;
}

Params resolve_params(const Scenario& scenario, const std::map<std::string, std::int64_t, std::less<>>& given) {
    Params params;
    for (const auto& declared : scenario.params) params[declared.name] = declared.default_value;
    for (const auto& assignment : given) {
        // (not a structured binding: clang 14 cannot capture one in the lambda below)
        const std::string& name = assignment.first;
        const std::int64_t value = assignment.second;
        const auto declared = std::find_if(scenario.params.begin(), scenario.params.end(),
                                           [&](const ScenarioParam& param) { return param.name == name; });
        if (declared == scenario.params.end())
            throw std::invalid_argument("scenario '" + scenario.name + "' has no parameter '" + name + "'");
        if (value < declared->minimum || value > declared->maximum)
            throw std::invalid_argument("scenario '" + scenario.name + "': parameter '" + name + "' is " +
                                        std::to_string(value) + ", not in " + std::to_string(declared->minimum) +
                                        " to " + std::to_string(declared->maximum));
        params[name] = value;
    }
    return params;
}

ExecutionResult execute(const Scenario& scenario, const Params& params, Strategy& strategy,
                        const RuntimeOptions& options) {
    ExecutionResult result;
    execute_into(result, scenario, params, strategy, options);
    return result;
}

void execute_into(ExecutionResult& result, const Scenario& scenario, const Params& params, Strategy& strategy,
                  const RuntimeOptions& options) {
    // Installed for this execution, unless a ParamsScope holds them already: param()'s memo
    // then carries over from the execution before.
    std::optional<ParamsScope> scope;
    if (running_params != &params) scope.emplace(params);
    // One runtime per thread, restarted for each execution: its containers keep their storage.
    // A nested execute() (a scenario that runs one) gets a runtime of its own.
    thread_local std::unique_ptr<Runtime> spare;
    thread_local bool spare_in_use = false;
    if (spare_in_use) {
        Runtime runtime(strategy, options);
        runtime.run_into(scenario.body(), result);
        return;
    }
    if (spare)
        spare->restart(strategy, options);
    else
        spare = std::make_unique<Runtime>(strategy, options);
    spare_in_use = true;
    struct Release {
        ~Release() {
            spare->release();
            spare_in_use = false;
        }
    } release;
    spare->run_into(scenario.body(), result);
}

}  // namespace interleave
