#pragma once
// The canonical form of a Mazurkiewicz trace: the lexicographically smallest linearisation of
// its steps ordered by dependence, steps named by task. A task's steps are dependent on one
// another, so at most one of them is available at a time. Two executions are the same trace
// exactly when their normal forms are equal (the scenarios being deterministic).
#include <cstddef>
#include <vector>

namespace interleave::testing {

/// The normal form of the first `count` steps; `dependent(a, b)` and `name(step)` as the caller
/// defines them.
template <class Step, class Dependent, class Name>
auto normal_form(const std::vector<Step>& steps, std::size_t count, Dependent dependent, Name name) {
    std::vector<std::size_t> waiting_on(count, 0);  // dependent earlier steps not yet emitted
    std::vector<std::vector<std::size_t>> after(count);
    for (std::size_t j = 0; j < count; ++j)
        for (std::size_t i = 0; i < j; ++i)
            if (dependent(steps[i], steps[j])) {
                after[i].push_back(j);
                ++waiting_on[j];
            }
    std::vector<decltype(name(steps[0]))> order;
    std::vector<bool> emitted(count, false);
    for (std::size_t n = 0; n < count; ++n) {
        std::size_t best = count;
        for (std::size_t j = 0; j < count; ++j)
            if (!emitted[j] && waiting_on[j] == 0 && (best == count || name(steps[j]) < name(steps[best]))) best = j;
        emitted[best] = true;
        order.push_back(name(steps[best]));
        for (auto j : after[best]) --waiting_on[j];
    }
    return order;
}

}  // namespace interleave::testing
