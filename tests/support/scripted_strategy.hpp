#pragma once
// ScriptedStrategy: forces one interleaving in a unit test. At every scheduling point it picks
// the candidate whose task name is next in its script (and consumes that name); when that task
// is not runnable yet it picks the first candidate (the runtime's FIFO order) and keeps the name
// for later. It remembers what it was offered and what it chose, so a test can assert who was
// runnable between explicit steps:
//
//   ScriptedStrategy strategy({"worker", "main"});
//   Runtime runtime(strategy);
//   Lock lock{"lock"};                       // objects register with the live runtime
//   runtime.start(body(lock));
//   runtime.step();                          // main: spawns worker, blocks
//   runtime.step();                          // worker
//   EXPECT_TRUE(lock.locked());
//   runtime.finish();                        // destroys the frames before `lock` goes
#include <algorithm>
#include <cstddef>
#include <deque>
#include <initializer_list>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <interleave/execution.hpp>
#include <interleave/runtime.hpp>
#include <interleave/strategy.hpp>

namespace interleave::testing {

class ScriptedStrategy final : public Strategy {
public:
    ScriptedStrategy() = default;
    explicit ScriptedStrategy(std::initializer_list<std::string> script) : script_(script) {}

    /// Appends task names to the script.
    void then(std::initializer_list<std::string> names) { script_.insert(script_.end(), names); }

    std::size_t choose(std::span<const Candidate> candidates) override {
        auto& runtime = Runtime::current();
        offered_.clear();
        for (const auto& candidate : candidates) offered_.emplace_back(runtime.task(candidate.task)->name());
        std::size_t pick = 0;
        if (!script_.empty()) {
            auto it = std::find(offered_.begin(), offered_.end(), script_.front());
            if (it != offered_.end()) {
                pick = static_cast<std::size_t>(it - offered_.begin());
                script_.pop_front();
            }
        }
        ran_.push_back(offered_[pick]);
        last_.assign(candidates.begin(), candidates.end());
        return pick;
    }
    std::string name() const override { return "scripted"; }

    /// Names of the tasks offered at the latest scheduling point, in candidate order.
    const std::vector<std::string>& offered() const { return offered_; }
    /// The candidates of the latest scheduling point.
    const std::vector<Candidate>& last_candidates() const { return last_; }
    /// Whether the named task was offered as a sleeper (relaxed time model) at the latest point.
    bool offered_sleeping(const std::string& task) const {
        for (std::size_t i = 0; i < offered_.size(); ++i)
            if (offered_[i] == task && last_[i].sleeping) return true;
        return false;
    }
    /// The name of the task chosen at every scheduling point so far.
    const std::vector<std::string>& ran() const { return ran_; }
    /// Script entries not consumed yet: empty when the whole interleaving was forced.
    std::vector<std::string> unused() const { return {script_.begin(), script_.end()}; }

private:
    std::deque<std::string> script_;
    std::vector<std::string> offered_;
    std::vector<Candidate> last_;
    std::vector<std::string> ran_;
};

/// Takes `n` explicit steps; false when the execution ended before all of them ran.
inline bool take_steps(Runtime& runtime, int n) {
    for (int i = 0; i < n; ++i)
        if (!runtime.step()) return false;
    return true;
}

/// The names of the tasks whose steps ran, in order, from a recorded execution's events.
inline std::vector<std::string> step_names(const ExecutionResult& result) {
    std::vector<std::string> names;
    for (const auto& event : result.events)
        if (event.op == "step" && event.task) names.emplace_back(result.tasks.at(*event.task).name);
    return names;
}

}  // namespace interleave::testing
