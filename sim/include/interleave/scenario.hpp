#pragma once
// A scenario: a named coroutine body plus what the command line and the explorer need to know
// about it. The body is called afresh for every execution, so its state lives in its frame,
// never in globals. Built-ins are registered by an explicit list (register_builtin_scenarios);
// a user's executable registers its own with INTERLEAVE_SCENARIO:
//
//   INTERLEAVE_SCENARIO(counter_race, "three unsynchronized increments") {
//       Shared<int> counter{"counter", 0};
//       co_await gather(increment(counter), increment(counter), increment(counter));
//   }
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <interleave/execution.hpp>
#include <interleave/runtime.hpp>
#include <interleave/task.hpp>

namespace interleave {

struct ScenarioParam {
    std::string name;
    std::int64_t default_value;
    std::string help;
    /// The values it takes (resolve_params refuses others): for a count of tasks, one below one
    /// or too large for an execution to hold is a mistake, not a scenario.
    std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
    std::int64_t maximum = std::numeric_limits<std::int64_t>::max();
};

struct Scenario {
    std::string name;
    std::string description;
    std::string section;  // the seed chapter's section, where it has one ("11.2.1")
    std::vector<ScenarioParam> params;
    /// Its gathered tasks are meant to behave as if run one at a time: the explorer compares
    /// concurrent outcomes with the serial ones.
    bool serializable = false;
    std::function<Task<>()> body;
};

/// Parameter values of one execution, name -> value (defaults filled in).
using Params = std::map<std::string, std::int64_t, std::less<>>;

namespace detail {
/// The last parameter looked up in this execution: scenarios read one in loop conditions, by a
/// literal name, and the parameters do not change while it runs. Trivially destructible, so
/// reaching it costs no TLS guard.
struct ParamMemo {
    bool valid = false;
    std::uint8_t size = 0;
    std::array<char, 39> name{};  // a copy: a name's buffer may be reused for another (longer: not kept)
    std::int64_t fallback = 0;
    std::int64_t value = 0;
    std::string_view kept_name() const { return {name.data(), size}; }
};
extern constinit thread_local ParamMemo last_param;
/// param() past its memo: the running execution's parameters, remembered in last_param.
std::int64_t look_up_param(std::string_view name, std::int64_t fallback);
}  // namespace detail

/// The value of a declared parameter in the running scenario; `fallback` outside one. (Inline:
/// a repeated lookup, the usual one, is a comparison with a name the compiler often knows.)
inline std::int64_t param(std::string_view name, std::int64_t fallback) {
    const auto& memo = detail::last_param;
    if (memo.valid && memo.fallback == fallback && memo.kept_name() == name) return memo.value;
    return detail::look_up_param(name, fallback);
}

/// Holds `params` as the running parameters across the executions run while it lives (an
/// explorer's loop), so that param()'s memo carries over from one execution to the next.
/// `params` must not change meanwhile; execute() installs its own parameters otherwise.
class ParamsScope {
public:
    explicit ParamsScope(const Params& params);
    ~ParamsScope();
    ParamsScope(const ParamsScope&) = delete;
    ParamsScope& operator=(const ParamsScope&) = delete;

private:
    const Params* previous_;
};

/// Adds a scenario; a second one with the same name replaces the first.
bool register_scenario(Scenario scenario);
/// Every registered scenario, by name.
const std::map<std::string, Scenario, std::less<>>& scenarios();
const Scenario* find_scenario(std::string_view name);

/// `params` with every declared parameter's default filled in. Throws std::invalid_argument
/// naming an undeclared parameter, or a value outside a parameter's range.
Params resolve_params(const Scenario& scenario, const std::map<std::string, std::int64_t, std::less<>>& given);

/// One execution of `scenario` under `strategy`.
ExecutionResult execute(const Scenario& scenario, const Params& params, Strategy& strategy,
                        const RuntimeOptions& options = {});
/// execute() into `result`, whose storage the thread's runtime reuses for later executions:
/// an explorer's loop passes the same result every time.
void execute_into(ExecutionResult& result, const Scenario& scenario, const Params& params, Strategy& strategy,
                  const RuntimeOptions& options = {});

/// What INTERLEAVE_SCENARIO_WITH declares beyond a name and a description.
struct ScenarioTraits {
    /// The explorer compares its outcomes with its gathered tasks run one at a time
    /// (Scenario::serializable: the not_serializable report).
    bool serializable = false;
    /// What `--param NAME=VALUE` sets and param() reads.
    std::vector<ScenarioParam> params;
};
/// INTERLEAVE_SCENARIO_WITH's scenario.
inline Scenario scenario_with(std::string name, std::string description, ScenarioTraits traits,
                              std::function<Task<>()> body) {
    Scenario scenario;
    scenario.name = std::move(name);
    scenario.description = std::move(description);
    scenario.params = std::move(traits.params);
    scenario.serializable = traits.serializable;
    scenario.body = std::move(body);
    return scenario;
}

}  // namespace interleave

/// Registers the scenario NAME whose body follows:
///   INTERLEAVE_SCENARIO(my_race, "three unsynchronized increments") { ... co_await ...; }
#define INTERLEAVE_SCENARIO(NAME, DESCRIPTION)                                                   \
    static ::interleave::Task<> NAME##_interleave_body();                                        \
    [[maybe_unused]] static const bool NAME##_interleave_registered = ::interleave::register_scenario( \
        ::interleave::Scenario{#NAME, DESCRIPTION, "", {}, false, &NAME##_interleave_body});        \
    static ::interleave::Task<> NAME##_interleave_body()

/// INTERLEAVE_SCENARIO with traits, in braces (designated initializers of ScenarioTraits):
///   INTERLEAVE_SCENARIO_WITH(my_race, "N increments",
///                            {.serializable = true, .params = {{"tasks", 3, "increments", 1, 100}}}) { ... }
#define INTERLEAVE_SCENARIO_WITH(NAME, DESCRIPTION, ...)                                             \
    static ::interleave::Task<> NAME##_interleave_body();                                            \
    [[maybe_unused]] static const bool NAME##_interleave_registered =                                \
        ::interleave::register_scenario(::interleave::scenario_with(                                 \
            #NAME, DESCRIPTION, ::interleave::ScenarioTraits __VA_ARGS__, &NAME##_interleave_body)); \
    static ::interleave::Task<> NAME##_interleave_body()
