#include <tuple>
#include <type_traits>
#include <utility>

#include <interleave/execution.hpp>

namespace interleave {

std::string to_string(TimeModel model) { return model == TimeModel::strict ? "strict" : "relaxed"; }

std::string to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::completed:
            return "completed";
        case Verdict::deadlock:
            return "deadlock";
        case Verdict::step_limit:
            return "step_limit";
        case Verdict::uncaught_exception:
            return "uncaught_exception";
    }
    return "unknown";
}

void ExecutionResult::clear() {
    std::apply(
        [](auto&... field) {
            auto reset = [](auto& f) {
                if constexpr (requires { f.clear(); })
                    f.clear();  // containers keep their storage
                else
                    f = {};
            };
            (reset(field), ...);
        },
        fields());
    if (!outcome.is_object()) outcome = nlohmann::ordered_json::object();  // (moved from: null)
}

bool ExecutionResult::empty() const {
    return std::apply(
        [](const auto&... field) {
            auto cleared = [](const auto& f) {
                if constexpr (requires { f.empty(); })
                    return f.empty();
                else
                    return f == std::remove_cvref_t<decltype(f)>{};
            };
            return (cleared(field) && ...);
        },
        fields());
}

void ExecutionResult::swap(ExecutionResult& other) noexcept {
    auto mine = fields();
    auto theirs = other.fields();
    [&]<std::size_t... i>(std::index_sequence<i...>) {
        using std::swap;
        (swap(std::get<i>(mine), std::get<i>(theirs)), ...);
    }(std::make_index_sequence<std::tuple_size_v<decltype(mine)>>{});
}

}  // namespace interleave
