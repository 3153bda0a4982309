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

std::int64_t param(std::string_view name, std::int64_t fallback) {
    if (!running_params) return fallback;
    auto it = running_params->find(name);
    return it == running_params->end() ? fallback : it->second;
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
    for (const auto& [name, value] : given) {
        if (!params.contains(name))
            throw std::invalid_argument("scenario '" + scenario.name + "' has no parameter '" + name + "'");
        params[name] = value;
    }
    return params;
}

ExecutionResult execute(const Scenario& scenario, const Params& params, Strategy& strategy,
                        const RuntimeOptions& options) {
    const Params* previous = running_params;
    running_params = &params;
    struct Restore {
        const Params* previous;
        ~Restore() { running_params = previous; }
    } restore{previous};
    Runtime runtime(strategy, options);
    return runtime.run(scenario.body());
}

}  // namespace interleave
