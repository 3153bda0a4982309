#include <algorithm>
#include <bit>
#include <string>

#include <interleave/runtime.hpp>
#include <interleave/scheduler/dpor.hpp>

namespace interleave {

namespace {

void join(std::vector<std::uint32_t>& into, const std::vector<std::uint32_t>& other) {
    if (other.size() > into.size()) into.resize(other.size(), 0);
    for (std::size_t i = 0; i < other.size(); ++i) into[i] = std::max(into[i], other[i]);
}

/// Joins `earlier`'s clock into `clock` unless `clock` already covers that event: then it
/// covers its whole clock (clocks are only ever built by joining whole clocks), and the join
/// would change nothing. Most dependencies of a step are already ordered before it.
template <class Event>
void join_unless_covered(std::vector<std::uint32_t>& clock, const Event& earlier) {
    if (earlier.task < clock.size() && clock[earlier.task] >= earlier.tick) return;
    join(clock, earlier.clock);
}

bool contains(const std::vector<std::uint64_t>& keys, std::uint64_t key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// Whether `step` asked the task of `of` to cancel.
bool requests_cancel_of(const DporStrategy::Step& step, const DporStrategy::Step& of) {
    if (!step.requests_cancel) return false;
    const auto key = Runtime::cancel_key(of.task_key);
    return std::any_of(step.accesses.begin(), step.accesses.end(),
                       [&](const Access& access) { return access.key == key; });
}

/// Whether one step asked the other's task to cancel. (Out of line: it is rare.)
[[gnu::noinline]] bool cancels_either(const DporStrategy::Step& a, const DporStrategy::Step& b) {
    return requests_cancel_of(a, b) || requests_cancel_of(b, a);
}

}  // namespace

DporStrategy::~DporStrategy() = default;

bool DporStrategy::dependent(const Step& a, const Step& b) {
    // (The implicit reads of every step, StepRecord: the body's end and cancellations write them.)
    if (a.task_key == b.task_key || a.epoch != b.epoch || a.ends_body || b.ends_body) return true;
    if ((a.requests_cancel || b.requests_cancel) && cancels_either(a, b)) return true;
    auto x = a.accesses.begin();
    auto y = b.accesses.begin();
    while (x != a.accesses.end() && y != b.accesses.end()) {
        if (x->key < y->key) {
            ++x;
        } else if (y->key < x->key) {
            ++y;
        } else {
            if (x->kind != y->kind || x->kind == AccessKind::write) return true;
            ++x;
            ++y;
        }
    }
    return false;
}

bool DporStrategy::Node::asleep(std::uint64_t task_key) const {
    return std::any_of(sleep.begin(), sleep.end(), [&](const Step& s) { return s.task_key == task_key; });
}

bool DporStrategy::Step::only_starts() const {
    return accesses.size() == 1 && accesses[0].kind == AccessKind::read &&
           accesses[0].key == Runtime::spawn_key(task_key) && !requests_cancel && !ends_body;
}

DporStrategy::Step DporStrategy::Step::of(const StepRecord& record) {
    Step step;
    step.assign(record);
    return step;
}

void DporStrategy::Step::assign(const StepRecord& record) {
    task_key = record.task_key;
    epoch = record.epoch;
    accesses.assign(record.accesses.begin(), record.accesses.end());
    known = true;
    requests_cancel = !record.cancels.empty();
    ends_body = record.ends_body;
    from_top = false;
}

void DporStrategy::begin_execution() {
    begin_partitioned();
    depth_ = 0;
    blocked_ = false;
    epoch_ended_ = false;
    last_key_.reset();
    preemptions_ = 0;
    pending_subtree_.clear();
    keep_replayed_events();
}

void DporStrategy::keep_replayed_events() {
    // Objects are named by their creators, so their number is bounded by what the scenario can
    // do; should it still grow large, start afresh, forgetting the objects of past executions.
    constexpr std::size_t max_objects_kept = 4096;
    if (objects_.size() > max_objects_kept) replayed_ = 0;
    // The state step_done had after the last replayed step.
    const std::size_t kept = replayed_ = std::min(replayed_, events_.size());
    events_.shorten(kept);
    for (auto& indices : task_events_)
        while (!indices.empty() && indices.back() >= kept) indices.pop_back();
    if (kept == 0)
        objects_.clear();
    else
        objects_.forget_from(kept);
    // The join of every event of the epochs before the last kept event's.
    frontier_clock_.clear();
    // (Epochs only grow: when the first event's is the last kept one's, there is none before.)
    if (kept == 0 || events_[0].step.epoch == events_[kept - 1].step.epoch) return;
    std::size_t epoch_start = kept - 1;
    while (epoch_start > 0 && events_[epoch_start - 1].step.epoch == events_[kept - 1].step.epoch) --epoch_start;
    for (const auto& indices : task_events_) {
        auto last = std::lower_bound(indices.begin(), indices.end(), epoch_start);
        if (last != indices.begin()) join(frontier_clock_, events_[*std::prev(last)].clock);
    }
}

std::size_t DporStrategy::choose(std::span<const Candidate> candidates) {
    const std::size_t depth = depth_++;
    // Preemptions count only against a bound: whether the last task could have gone on.
    const bool continuing =
        bound_ && last_key_ &&
        std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.key == *last_key_; });

    if (split_ > 0 && !reached_split_ && depth > 0 && branches(depth - 1) && ++branching_ == split_) {
        if (!claim_at_split(depth)) {
            path_.shorten(depth);  // another worker's prefix: the search above moves on
            return prune;
        }
    }
    std::uint64_t key = 0;
    if (depth < path_.size()) {
        Node& node = path_[depth];
        if (bound_ || node.top) {
            key = node.chosen;
        } else {
            key = node.wakeup.front()->step.task_key;
            auto& below = node.wakeup.front()->children;
            // (Mostly empty, on the path an execution repeats: kept storage, nothing freed; and
            // then no call to clear, which the compiler does not always inline.)
            if (!below.empty())
                pending_subtree_ = std::move(below);
            else if (!pending_subtree_.empty())
                pending_subtree_.clear();
        }
    } else {
        key = choose_key(path_.add(), candidates, depth);
        if (blocked_) {  // sleep-set blocked: every continuation repeats a trace explored elsewhere
            path_.pop_back();
            pruned_ = true;
            return prune;
        }
    }
    epoch_ended_ = false;

    // Where the point's choice was found the last time: an execution that repeats the point
    // meets the same candidates.
    std::size_t& at = path_[depth].picked;
    if (at >= candidates.size() || candidates[at].key != key) {
        auto pick =
            std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.key == key; });
        if (pick == candidates.end())
            throw NondeterministicScenario("dpor: the task to run at scheduling point " + std::to_string(depth + 1) +
                                           " is not ready, although the same steps before it made it ready before");
        at = static_cast<std::size_t>(pick - candidates.begin());
    }
    if (continuing && key != *last_key_) ++preemptions_;
    last_key_ = key;
    return at;
}

std::uint64_t DporStrategy::choose_key(Node& node, std::span<const Candidate> candidates, std::size_t depth) {
    // Kept with the point, made once: an execution that repeats the point meets the same ones.
    node.enabled.resize(candidates.size());  // (a plain loop of stores)
    for (std::size_t i = 0; i < candidates.size(); ++i) node.enabled[i] = candidates[i].key;
    if (bound_) {
        const bool can_continue = last_key_ && std::any_of(candidates.begin(), candidates.end(),
                                                           [&](const Candidate& c) { return c.key == *last_key_; });
        if (can_continue && preemptions_ >= *bound_) {
            node.allowed = {*last_key_};
        } else {
            for (const auto& candidate : candidates) node.allowed.push_back(candidate.key);
        }
        // Continuing the running task first: the executions with fewest preemptions come first.
        node.chosen = can_continue && contains(node.allowed, *last_key_) ? *last_key_ : node.allowed.front();
        node.done = {node.chosen};
        return node.chosen;
    }
    if (depth > 0 && !epoch_ended_) {
        // Sleep' = { q in sleep(E) | E |= p <> q }: still covered after the independent step p.
        const Node& parent = path_[depth - 1];
        const Step& previous = events_[depth - 1].step;
        for (const auto& asleep : parent.sleep)
            if (!dependent(asleep, previous)) node.sleep.push_back(asleep);
    }
    if (split_ > 0 && !reached_split_) {
        node.top = true;
        auto awake =
            std::find_if(node.enabled.begin(), node.enabled.end(), [&](auto key) { return !node.asleep(key); });
        if (awake == node.enabled.end()) return blocked_by_sleep_set(candidates);
        node.chosen = *awake;
        node.done = {node.chosen};
        return node.chosen;
    }
    node.wakeup = std::move(pending_subtree_);
    pending_subtree_.clear();
    if (!node.wakeup.empty()) {
        drop_asleep_branches(node);
        if (node.wakeup.empty()) return blocked_by_sleep_set(candidates);  // every branch is covered
    }
    if (node.wakeup.empty()) {
        auto awake =
            std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& c) { return !node.asleep(c.key); });
        if (awake == candidates.end()) return blocked_by_sleep_set(candidates);
        node.wakeup.push_back(std::make_unique<TreeNode>(TreeNode{{}, Step::unknown(awake->key, 0), {}}));
    }
    pending_subtree_ = std::move(node.wakeup.front()->children);
    node.wakeup.front()->children.clear();
    return node.wakeup.front()->step.task_key;
}

std::uint64_t DporStrategy::blocked_by_sleep_set(std::span<const Candidate> candidates) {
    blocked_ = true;
    ++sleep_blocked_;
    return candidates[0].key;  // (not run: choose cuts the execution short)
}

DporStrategy::ObjectHistory& DporStrategy::Histories::insert(std::uint64_t key) {
    if (2 * (histories_.size() + 1) > slots_.size()) grow();  // at most half full
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = static_cast<std::size_t>(key) & mask;
    while (slots_[at].generation == generation_) at = (at + 1) & mask;
    slots_[at] = Slot{key, generation_, static_cast<std::uint32_t>(histories_.size())};
    return histories_.add();
}

void DporStrategy::Histories::forget_from(std::size_t event) {
    for (std::size_t i = 0; i < histories_.size(); ++i) {
        auto& history = histories_[i];
        auto& touches = history.touches;
        while (!touches.empty() && touches.back().event >= event) touches.pop_back();
        history.reads_from = touches.empty() ? 0 : touches.back().reads_from;
    }
}

void DporStrategy::Histories::grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const auto& slot : old) {
        if (slot.generation != generation_) continue;
        std::size_t at = static_cast<std::size_t>(slot.key) & mask;
        while (slots_[at].generation == generation_) at = (at + 1) & mask;
        slots_[at] = slot;
    }
}

void DporStrategy::step_done(const StepRecord& record) {
    const std::size_t index = events_.size();
    if (task_events_.size() <= record.task) task_events_.resize(record.task + 1);
    if (index > 0 && record.epoch != events_[index - 1].step.epoch) {
        // Every earlier event: a task's last one covers its earlier ones (a task's clock only grows).
        frontier_clock_.clear();
        for (const auto& earlier : task_events_)
            if (!earlier.empty()) join(frontier_clock_, events_[earlier.back()].clock);
    }
    Event& event = events_.add();
    event.step.assign(record);
    event.task = record.task;
    event.tick = record.tick;

    auto& clock = event.clock;
    if (!task_events_[record.task].empty()) clock = events_[task_events_[record.task].back()].clock;
    join(clock, frontier_clock_);
    for (TaskId task = 0; task < record.enabled_by.size(); ++task) {
        const auto ticks = record.enabled_by[task];
        if (task == record.task || ticks == 0 || task >= task_events_.size() || ticks > task_events_[task].size())
            continue;
        const auto enabler = task_events_[task][ticks - 1];
        event.enablers.push_back(enabler);
        join_unless_covered(clock, events_[enabler]);
    }
    // The dependencies, as bits by event index: a repeat costs nothing, and they come out in
    // order with no sort (a step's scans meet them newest first, and the body's last step
    // depends on nearly every step before it).
    constexpr std::size_t word_bits = 64;
    if (direct_bits_.size() <= index / word_bits) direct_bits_.resize(index / word_bits + 1, 0);
    std::size_t first_word = direct_bits_.size();
    std::size_t last_word = 0;
    auto depend_on = [&](std::size_t earlier) {
        if (events_[earlier].task == record.task) return;  // program order covers it
        const std::size_t word = earlier / word_bits;
        const std::uint64_t bit = std::uint64_t{1} << (earlier % word_bits);
        if (direct_bits_[word] & bit) return;  // (its clock is joined already)
        direct_bits_[word] |= bit;
        first_word = std::min(first_word, word);
        last_word = std::max(last_word, word);
        join_unless_covered(clock, events_[earlier]);
    };
    for (const auto& access : record.accesses) {
        // Back to the last write: reads commute with reads, adds with adds.
        auto& history = objects_[access.key];
        auto& touches = history.touches;
        const auto scanned = access.kind == AccessKind::read ? history.reads_from : touches.size();
        for (auto touch = touches.rend() - static_cast<std::ptrdiff_t>(scanned); touch != touches.rend(); ++touch) {
            if (touch->kind == AccessKind::write) {
                depend_on(touch->event);
                break;
            }
            if (touch->kind != access.kind || access.kind == AccessKind::write) depend_on(touch->event);
        }
        if (access.kind != AccessKind::read) history.reads_from = static_cast<std::uint32_t>(touches.size() + 1);
        touches.push_back({index, access.kind, history.reads_from});
    }
    // The implicit reads (StepRecord). Whether the task was asked to cancel: the last request.
    // (Only requests write that key, so its history holds nothing else.)
    if (const auto* requests = objects_.find(Runtime::cancel_key(record.task_key));
        requests && !requests->touches.empty())
        depend_on(requests->touches.back().event);
    // A request depends on the task's steps: on its last one, which comes after the others in
    // its task's order.
    for (const auto& request : record.cancels)
        if (request.task < task_events_.size() && !task_events_[request.task].empty())
            depend_on(task_events_[request.task].back());
    // Whether the body has ended: its last step depends on every step, on each task's last one
    // (which comes after the others in its task's order).
    if (record.ends_body)
        for (const auto& steps : task_events_)
            if (!steps.empty()) depend_on(steps.back());
    for (std::size_t word = first_word; word <= last_word; ++word)
        for (auto& bits = direct_bits_[word]; bits != 0; bits &= bits - 1)  // (emptied for the next step)
            event.direct.push_back(word * word_bits + static_cast<std::size_t>(std::countr_zero(bits)));
    if (clock.size() <= record.task) clock.resize(record.task + 1, 0);
    clock[record.task] = record.tick;

    if (!blocked_ && !bound_ && index < path_.size() && !path_[index].top) {
        // A step placed by a wakeup sequence was recorded in another execution. Only the last
        // step of a reversal can differ (it now runs before the step it raced with, and may see
        // other values and so do more or less, e.g. finish its task): keep what it did now.
        path_[index].wakeup.front()->step = event.step;
    }
    task_events_[record.task].push_back(index);
}

bool DporStrategy::branches(std::size_t depth) const {
    // A point whose choice only starts its task does not count: with shortcuts it has that one
    // choice; without, it multiplies paths, not traces. (Counting only points after a conflict,
    // as before, put lastzero's split below a long run of independent loads, every order of
    // them explored above it: n=10 had 130,000 prefixes, most of them all blocked by their
    // sleep sets, and two workers took 1.4 s against 0.05 s for one.)
    return path_[depth].enabled.size() >= 2 && !events_[depth].step.only_starts();
}

bool DporStrategy::happens_before(std::size_t a, std::size_t b) const {
    if (a >= b) return false;
    const auto& clock = events_[b].clock;
    const auto task = events_[a].task;
    return task < clock.size() && clock[task] >= events_[a].tick;
}

bool DporStrategy::racing(std::size_t i, std::size_t j) const {
    // i and j race when j depends on i directly and on nothing that happens after i: no other
    // path orders them, so they can be swapped — unless i made j's task ready.
    const auto covered = [&](std::size_t p) { return p == i || happens_before(i, p); };
    const Event& e = events_[j];
    if (e.tick > 1 && covered(task_events_[e.task][e.tick - 2])) return false;
    for (auto p : e.enablers)
        if (covered(p)) return false;
    for (auto p : e.direct)
        if (p != i && covered(p)) return false;
    return true;
}

void DporStrategy::analyse_races() {
    for (std::size_t j = 0; j < events_.size(); ++j) {
        Event& event = events_[j];
        // A step this execution replayed had its races reversed by the execution that first
        // analysed it (SimGrid's ODPOR skips them too). Here the sequence of such a race would
        // differ past the prefix and could add a branch the first did not, but what that branch
        // explores is reached through the races of the steps after the prefix: the brute-force
        // trace counts of the built-ins and of random programs check it (dpor_test.cpp). Most
        // races of an execution are in its prefix.
        if (event.races_reversed) continue;
        for (auto i : event.direct)
            if (events_[i].step.epoch == event.step.epoch && racing(i, j)) event.races.push_back(i);
        event.races_reversed = true;
        // (reverse and backtrack_bounded add no events: `event` stays where it is)
        for (auto i : event.races) {
            if (i >= path_.size() || path_[i].top) {  // (a top node explores every ready task anyway)
                if (i < path_.size() && took_shortcut(path_[i], events_[i].step))
                    disprove_shortcut(events_[i].step.task_key);
                continue;
            }
            if (bound_)
                backtrack_bounded(i, j);
            else
                reverse(i, j);
        }
    }
    // The body's last step ends the execution and so disables every other ready task: each of
    // them races with it, and its step (never run here) goes first in another execution.
    if (events_.empty() || path_.size() != events_.size()) return;
    const std::size_t end = events_.size() - 1;
    Node& node = path_[end];
    if (node.top) return;
    for (auto key : node.enabled) {
        if (key == events_[end].step.task_key) continue;
        if (bound_) {
            if (contains(node.allowed, key) && !contains(node.done, key) && !contains(node.backtrack, key))
                node.backtrack.push_back(key);
            continue;
        }
        const bool scheduled = std::any_of(node.wakeup.begin(), node.wakeup.end(),
                                           [&](const auto& child) { return child->step.task_key == key; });
        if (!node.asleep(key) && !scheduled)
            node.wakeup.push_back(
                std::make_unique<TreeNode>(TreeNode{{}, Step::unknown(key, events_[end].step.epoch), {}}));
    }
}

void DporStrategy::not_after_by_task(std::size_t i, std::size_t j, std::vector<std::size_t>& v) {
    // A long way to the end (a long execution, with a race every few steps): each task's share
    // is found by binary search, so that v costs what it holds, not what follows i. (A task's
    // events after i that do not happen after it come first among its events after i, as its
    // clock only grows.)
    auto& shares = reverse_shares_;
    shares.clear();
    for (TaskId task = 0; task < task_events_.size(); ++task) {
        if (task == events_[i].task) continue;  // (its events after i happen after it)
        const auto& indices = task_events_[task];
        const auto from = std::upper_bound(indices.begin(), indices.end(), i);
        const auto to = std::partition_point(from, indices.end(), [&](std::size_t k) { return !happens_before(i, k); });
        if (from != to) shares.push_back({&*from, &*from + (to - from)});
    }
    // Merged into execution order: the earliest next event of the tasks, each time.
    for (;;) {
        std::pair<const std::size_t*, const std::size_t*>* next = nullptr;
        for (auto& share : shares)
            if (share.first != share.second && (!next || *share.first < *next->first)) next = &share;
        if (!next) return;
        if (*next->first != j) v.push_back(*next->first);
        ++next->first;
    }
}

[[gnu::always_inline]] inline void DporStrategy::sequence_of(std::size_t i, std::size_t j,
                                                             std::vector<std::size_t>& v) {
    v.clear();
    if (events_.size() - i <= scan_limit_) {
        for (std::size_t k = i + 1; k < events_.size(); ++k)
            if (k != j && !happens_before(i, k)) v.push_back(k);
    } else {
        not_after_by_task(i, j, v);
    }
    v.push_back(j);
}

std::vector<std::size_t> DporStrategy::reversal_sequence(std::size_t i, std::size_t j) {
    std::vector<std::size_t> v;
    sequence_of(i, j, v);
    return v;
}

void DporStrategy::reverse(std::size_t i, std::size_t j) {
    // v = notdep(i, E).j: what does not happen after i, in execution order, then j.
    // (Its working vectors are members: reverse runs several times per execution.)
    auto& v = reverse_sequence_;
    sequence_of(i, j, v);
    const std::size_t m = v.size();
    const std::size_t last = m - 1;
    // When i asked j's task to cancel, j ran cancelled (an exception at its await); reversed, it
    // runs as its task meant to and touches other things, not known until it runs: it is taken
    // to depend on every step. (Judged by what it did cancelled, a reversal was taken as covered
    // by a branch that did not cover it, and an outcome was missed: dpor_test.cpp.)
    const bool last_unknown = requests_cancel_of(events_[i].step, events_[j].step);
    const auto depends = [&](const Step& step, std::size_t position) {
        return (position == last && last_unknown) || dependent(step, events_[v[position]].step);
    };
    // Happens-before within E'.v: between steps of notdep it is E's (a path through a step left
    // out would make the later one happen after i); into j it is recomputed.
    auto& into_last = reverse_into_last_;
    if (into_last.size() < m) into_last.resize(m);  // (no fill: each entry is written before it is read)
    for (std::size_t a = last; a-- > 0;) {
        bool before = depends(events_[v[a]].step, last);
        for (std::size_t c = a + 1; c < last && !before; ++c) before = into_last[c] && happens_before(v[a], v[c]);
        into_last[a] = before ? 1 : 0;
    }
    const auto ordered = [&](std::size_t a, std::size_t b) {
        return b == last ? into_last[a] != 0 : happens_before(v[a], v[b]);
    };
    const auto step_at = [&](std::size_t position) -> const Step& { return events_[v[position]].step; };

    // A task asleep at i that is a weak initial of v would redo covered work: nothing to add.
    Node& node = path_[i];
    for (const auto& asleep : node.sleep) {
        std::optional<std::size_t> first;
        for (std::size_t a = 0; a < m && !first; ++a)
            if (step_at(a).task_key == asleep.task_key) first = a;
        if (first) {
            bool initial = true;
            for (std::size_t a = 0; a < *first && initial; ++a) initial = !ordered(a, *first);
            if (initial) return;
        } else if (!asleep.from_top) {
            // An asleep task independent of all of v: E'.v.p, the reversal with p after it, is
            // E'.p.v, explored below p's branch, which reverses this race there; the races of
            // that branch's executions reach the rest. A top node's branch holds no such
            // continuation (it explores every task, not the sequences its races would insert),
            // so the reversal is kept: without it a parallel search missed traces (lastzero,
            // n = 5: 63 of 64).
            bool independent = true;
            for (std::size_t a = 0; a < m && independent; ++a) independent = !depends(asleep, a);
            if (independent) return;
        }
    }

    // insert[E'](v, wut(E')): follow the leftmost branch whose steps v can start with (a step
    // of v with nothing before it in v, or a step independent of all of v); a leaf there means
    // v is covered; otherwise what is left of v becomes a new branch.
    // The steps of v not matched yet: a position is matched when it holds this reversal's
    // number, so that nothing is filled per reversal.
    auto& matched_in = reverse_matched_in_;
    if (matched_in.size() < m) matched_in.resize(m, 0);
    const std::uint64_t reversal = ++reversals_;
    const auto alive = [&](std::size_t a) { return matched_in[a] != reversal; };
    std::size_t alive_count = m;
    Children* children = &node.wakeup;
    bool at_root = true;
    for (;;) {
        if (!at_root && children->empty()) return;
        if (alive_count == 0) return;
        TreeNode* next = nullptr;
        for (auto& child : *children) {
            std::optional<std::size_t> first;
            for (std::size_t a = 0; a < m && !first; ++a)
                if (alive(a) && step_at(a).task_key == child->step.task_key) first = a;
            if (first) {
                bool initial = true;
                for (std::size_t a = 0; a < *first && initial; ++a) initial = !(alive(a) && ordered(a, *first));
                if (!initial) continue;
                matched_in[*first] = reversal;
                --alive_count;
                next = child.get();
                break;
            }
            bool independent = child->step.known;
            for (std::size_t a = 0; a < m && independent; ++a) independent = !alive(a) || !depends(child->step, a);
            if (independent) {
                next = child.get();
                break;
            }
        }
        if (!next) {
            for (std::size_t a = 0; a < m; ++a) {
                if (!alive(a)) continue;
                const Step& step = step_at(a);
                children->push_back(std::make_unique<TreeNode>(
                    TreeNode{{}, a == last && last_unknown ? Step::unknown(step.task_key, step.epoch) : step, {}}));
                children = &children->back()->children;
            }
            return;
        }
        children = &next->children;
        at_root = false;
    }
}

void DporStrategy::backtrack_bounded(std::size_t i, std::size_t j) {
    const auto task = events_[j].step.task_key;
    auto add_at = [&](Node& node) {
        auto schedule = [&](std::uint64_t key) {
            if (!contains(node.done, key) && !contains(node.backtrack, key)) node.backtrack.push_back(key);
        };
        if (contains(node.enabled, task)) {
            if (contains(node.allowed, task)) schedule(task);
        } else {
            for (auto key : node.allowed) schedule(key);
        }
    };
    add_at(path_[i]);
    // Coons et al.'s conservative branch: also where i's task began its current run of steps.
    std::size_t start = i;
    while (start > 0 && events_[start - 1].task == events_[i].task) --start;
    if (start != i) add_at(path_[start]);
}

bool DporStrategy::next_bounded(Node& node) const {
    while (!node.backtrack.empty()) {
        const auto key = node.backtrack.front();
        node.backtrack.erase(node.backtrack.begin());
        if (contains(node.done, key)) continue;
        node.chosen = key;
        node.done.push_back(key);
        return true;
    }
    return false;
}

void DporStrategy::drop_asleep_branches(Node& node) {
    // The optimal search never inserts a branch whose first task is asleep; but a step inserted
    // unknown (a reversal with the request that cancelled it) can turn out to be one, and its
    // branch then ran a trace again (random programs that cancel a task: 92 of 776 ran more
    // executions than they have traces, none now).
    while (!node.wakeup.empty() && node.asleep(node.wakeup.front()->step.task_key))
        node.wakeup.erase(node.wakeup.begin());
}

bool DporStrategy::took_shortcut(const Node& node, const Step& chosen) const {
    return node.top && node.done.size() == 1 && chosen.only_starts() && shortcuts_.for_task(chosen.task_key);
}

bool DporStrategy::take_next_choice(Node& node, std::size_t depth) {
    if (node.top) {
        if (took_shortcut(node, events_[depth].step)) return false;
        node.sleep.push_back(events_[depth].step);
        node.sleep.back().from_top = true;
        auto next = std::find_if(node.enabled.begin(), node.enabled.end(),
                                 [&](auto key) { return !contains(node.done, key) && !node.asleep(key); });
        if (next == node.enabled.end()) return false;
        node.chosen = *next;
        node.done.push_back(*next);
        new_prefix_ = true;
        return true;
    }
    if (bound_) return next_bounded(node);
    node.sleep.push_back(std::move(node.wakeup.front()->step));
    node.wakeup.erase(node.wakeup.begin());
    drop_asleep_branches(node);
    return !node.wakeup.empty();
}

bool DporStrategy::end_execution() {
    replayed_ = 0;
    end_partitioned();  // (an execution blocked by its sleep set was cut short)
    if (!blocked_ && path_.size() > events_.size())
        throw NondeterministicScenario("dpor: the execution ended before the path it followed");
    // An execution blocked by its sleep set (in a parallel search, whose top sleep sets can
    // block one) has its races reversed too: its steps before the block are its prefix's, and
    // their races lead to traces no other execution reaches.
    analyse_races();
    while (!path_.empty()) {
        if (take_next_choice(path_.back(), path_.size() - 1)) {
            replayed_ = path_.size() - 1;  // the steps before the new choice repeat
            return true;
        }
        path_.pop_back();
    }
    return false;
}

}  // namespace interleave
