#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <chrono>
#include <compare>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include <interleave/detail/flat_map.hpp>
#include <interleave/detail/text_words.hpp>
#include <interleave/scheduler/dfs.hpp>
#include <interleave/scheduler/dpor.hpp>
#include <interleave/scheduler/explorer.hpp>
#include <interleave/scheduler/pct.hpp>
#include <interleave/scheduler/random_walk.hpp>
#include <interleave/scheduler/replay.hpp>
#include <interleave/scheduler/schedule_token.hpp>
#include <interleave/scheduler/serial.hpp>

namespace interleave {

namespace {
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;  // only for --time-budget and elapsed_s, never for output

constexpr const char* nondeterminism_advice =
    "A scenario must depend on nothing but the schedule: no wall clock, no unseeded randomness, no state that "
    "survives between executions (globals, statics), no iteration over unordered containers or addresses.";

/// What tells outcomes apart and orders them: the state's dump, then "\n" and each output line.
std::string outcome_key(const json& state, const std::vector<std::string>& output) {
    std::string key = state.dump();
    for (const auto& line : output) key += "\n" + line;
    return key;
}

// Every execution is matched to an outcome without dumping it: by its state's text as words
// (detail/text_words.hpp) and its output lines as joined, which agree with outcome_key's text.

std::uint64_t hash_step(std::uint64_t h, std::uint64_t value) {
    return h ^ (value + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

/// `Word`'s size in bytes from `at`, in one unaligned load.
template <class Word>
std::uint64_t load_word(const char* at) {
    Word word;
    std::memcpy(&word, at, sizeof word);
    return word;
}

/// An outcome's hash, from its text's words (detail/text_words.hpp).
std::uint64_t hash_words(const detail::TextWords& words) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const auto word : words) h = hash_step(h, word);
    return h;
}

/// Whether two values dump alike (compared as their text's words).
bool same_text(const json& a, const json& b) {
    detail::TextWords x;
    detail::TextWords y;
    detail::append_text_words(a, x);
    detail::append_text_words(b, y);
    return x == y;
}

/// Whether a replay (its outcome as JSON) ended in `original`'s outcome, which a witness may
/// hold as words only, or not at all: an outcome's own witness leaves them to the outcome
/// (`outcome_words`, then).
bool same_outcome(const ExecutionResult& replay, const ExecutionResult& original,
                  const detail::TextWords* outcome_words = nullptr) {
    const auto& kept = original.outcome_words.empty() && outcome_words ? *outcome_words : original.outcome_words;
    if (!original.outcome.empty() || kept.empty()) return same_text(replay.outcome, original.outcome);
    detail::TextWords words;
    detail::append_text_words(replay.outcome, words);
    return words == kept;
}

/// What the end of an exploration reads of a witness: its verdict, outcome (kept as words where
/// they give it back: same_outcome compares a replay with them), output and schedule.
/// Taken from `result`, which keeps the rest, and its storage for the next execution. (An
/// exploration with many distinct outcomes keeps a witness for each.) Without `with_words`,
/// the words are left to the outcome entry whose witness alone it is: it has them already.
ExecutionResult witness_of(ExecutionResult& result, bool with_words) {
    ExecutionResult witness;
    witness.verdict = result.verdict;
    witness.outcome.swap(result.outcome);
    if (with_words)
        witness.outcome_words = result.outcome_words;  // (copies: exactly their size, and `result` keeps the storage)
    witness.output.swap(result.output);
    witness.schedule = result.schedule;
    return witness;
}

/// FNV-1a over the joined lines, so that lines split differently but joined alike hash alike.
std::uint64_t hash_output(const std::vector<std::string>& output, std::uint64_t h) {
    constexpr std::uint64_t prime = 0x100000001b3ULL;
    for (const auto& line : output) {
        h = (h ^ static_cast<unsigned char>('\n')) * prime;
        for (const unsigned char c : line) h = (h ^ c) * prime;
    }
    return h;
}

bool same_output(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a == b) return true;
    auto joined = [](const std::vector<std::string>& lines) {
        std::string text;
        for (const auto& line : lines) text.append("\n").append(line);
        return text;
    };
    return joined(a) == joined(b);
}

/// to_string(kind), without building a string at each comparison (internal_error is the last kind).
std::string_view kind_name(ReportKind kind) {
    static const auto names = [] {
        std::array<std::string, static_cast<std::size_t>(ReportKind::internal_error) + 1> all;
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = to_string(static_cast<ReportKind>(i));
        return all;
    }();
    return names[static_cast<std::size_t>(kind)];
}

std::string state_text(const json& state) { return state.dump(); }

RuntimeOptions runtime_options(TimeModel model, std::uint64_t max_steps, bool record, bool output_is_shared = false) {
    RuntimeOptions options;
    options.output_is_shared = output_is_shared;
    options.keep_output = output_is_shared;  // (a recording run keeps it anyway)
    options.time_model = model;
    options.max_steps = max_steps;
    options.record_events = record;
    return options;
}

/// The outcomes of every serial order of the body's directly spawned tasks (those of a run
/// that takes the tasks in creation order).
std::vector<json> serial_outcomes(const Scenario& scenario, const Params& params, std::uint64_t max_steps) {
    std::vector<TaskId> children;
    SerialStrategy by_creation({});
    for (const auto& task :
         execute(scenario, params, by_creation, runtime_options(TimeModel::relaxed, max_steps, false)).tasks)
        if (task.parent && *task.parent == 0) children.push_back(task.id);
    std::sort(children.begin(), children.end());
    std::vector<json> outcomes;
    std::size_t orders = 0;
    do {
        SerialStrategy serial(children);
        auto result = execute(scenario, params, serial, runtime_options(TimeModel::relaxed, max_steps, false));
        if (result.verdict == Verdict::completed &&
            std::find(outcomes.begin(), outcomes.end(), result.outcome) == outcomes.end())
            outcomes.push_back(result.outcome);
    } while (++orders < 40320 && std::next_permutation(children.begin(), children.end()));
    std::sort(outcomes.begin(), outcomes.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
    return outcomes;
}
}  // namespace

nlohmann::ordered_json Finding::trace() const {
    return witness ? trace_json(header, *witness, carried) : nlohmann::ordered_json();
}

std::unique_ptr<Strategy> make_strategy(const ExploreOptions& options) {
    if (options.strategy == "dpor") return std::make_unique<DporStrategy>(options.preemption_bound);
    if (options.strategy == "dfs") return std::make_unique<DfsStrategy>(options.preemption_bound);
    if (options.strategy == "random") return std::make_unique<RandomWalkStrategy>();
    if (options.strategy == "pct") return std::make_unique<PctStrategy>(options.depth);
    throw std::invalid_argument("unknown strategy '" + options.strategy + "' (dpor, dfs, random, pct)");
}

std::string schedule_token(const Scenario& scenario, const Params& params, TimeModel time_model,
                           const ExecutionResult& result) {
    return encode_schedule(Schedule{time_model, scenario_fingerprint(scenario.name, params), result.schedule});
}

ExecutionResult replay_schedule(const Scenario& scenario, const Params& params, const std::string& token,
                                std::uint64_t max_steps) {
    auto schedule = decode_schedule(token);
    if (schedule.fingerprint != scenario_fingerprint(scenario.name, params))
        throw BadSchedule("the schedule was recorded for another scenario or other parameters than " + scenario.name);
    ReplayStrategy replay(schedule.choices);
    replay.begin_execution();
    auto result = execute(scenario, params, replay, runtime_options(schedule.time_model, max_steps, true));
    replay.end_execution();
    return result;
}

ExecutionResult replay_seed(const Scenario& scenario, const Params& params, const std::string& strategy,
                            std::uint64_t seed, int depth, TimeModel time_model, std::uint64_t max_steps) {
    ExploreOptions options;
    options.strategy = strategy;
    options.depth = depth;
    auto made = make_strategy(options);
    auto* seeded = dynamic_cast<SeededStrategy*>(made.get());
    if (!seeded) throw std::invalid_argument("--seed replays the random and pct strategies only");
    seeded->set_seed(seed);
    seeded->begin_execution();
    return execute(scenario, params, *seeded, runtime_options(time_model, max_steps, true));
}

namespace {

/// Where an execution falls in the order one worker would have run them, and the report's
/// place among its execution's reports: how "first found" is decided across workers.
struct Position {
    std::uint64_t index = 0;       // random, pct: the execution's number
    std::vector<TaskId> schedule;  // dfs, dpor: its choices, compared lexicographically
    std::size_t report = 0;
    bool operator==(const Position&) const = default;
    bool operator<(const Position& other) const;  // PositionRef::before: one definition of the order
};

/// Schedules in lexicographic order. (Skipping their common start two choices at a time: dfs and
/// dpor compare every execution's schedule with each first execution its outcome and reports
/// have, and neighbouring schedules share most of their choices.)
std::strong_ordering compare_schedules(std::span<const TaskId> a, std::span<const TaskId> b) {
    static_assert(sizeof(TaskId) == 4);
    const std::size_t common = std::min(a.size(), b.size());
    std::size_t i = 0;
    for (; i + 2 <= common && load_word<std::uint64_t>(reinterpret_cast<const char*>(a.data() + i)) ==
                                  load_word<std::uint64_t>(reinterpret_cast<const char*>(b.data() + i));
         i += 2) {
    }
    for (; i < common; ++i)
        if (a[i] != b[i]) return a[i] <=> b[i];
    return a.size() <=> b.size();
}

/// A Position read from the execution just run, copied into a Position only where an entry keeps
/// it: most executions come first in nothing, and their schedules need no copy.
struct PositionRef {
    std::uint64_t index = 0;
    std::span<const TaskId> schedule;
    std::size_t report = 0;
    bool before(const Position& other) const {
        if (index != other.index) return index < other.index;
        const auto order = compare_schedules(schedule, other.schedule);
        return order != 0 ? order < 0 : report < other.report;
    }
    Position kept() const { return Position{index, {schedule.begin(), schedule.end()}, report}; }
};

bool Position::operator<(const Position& other) const { return PositionRef{index, schedule, report}.before(other); }

/// What the executions below one prefix added to their worker's tally: per entry, how many of
/// them it holds. A worker keeps one tally (one witness per entry) across its prefixes, and the
/// ledger counts its shares in prefix order. (Where an entry's first execution lies, the entry
/// logs in its tally: first executions move seldom, and comparing schedules at every execution
/// cost more than a tenth of a search.)
struct PrefixShare {
    /// An entry of the worker's tally: an outcome's index, or a finding entry's address.
    struct Entry {
        bool outcome;
        std::uintptr_t id;
        auto operator<=>(const Entry&) const = default;
    };
    /// Kept in the entry: the share that last counted it, and its part there.
    struct Stamp {
        std::uint64_t serial = 0;
        std::uint32_t part = 0;
    };
    struct Part {
        Entry entry;
        std::uint64_t count = 0;
    };
    std::uint64_t prefix = 0;
    std::uint64_t executions = 0;
    std::vector<Part> parts;
    /// Set when an execution of the prefix disproved shortcuts (the share ends there): their
    /// tasks, and the executions it counted before.
    std::vector<std::uint64_t> disproved;
    std::uint64_t disproved_after = 0;
    /// The share ended at an execution past the limit (it would have counted one more).
    bool past_limit = false;
    /// The search's last execution lies below the prefix: it is the last prefix.
    bool ends_search = false;

    void count(Stamp& stamp, Entry entry) {
        if (stamp.serial != prefix + 1) {  // (+ 1: a new entry's stamp is 0)
            stamp = Stamp{prefix + 1, static_cast<std::uint32_t>(parts.size())};
            parts.push_back(Part{entry, 0});
        }
        ++parts[stamp.part].count;
    }
};

/// What a tally keeps of an entry's first execution: where it is, and the execution itself
/// (its witness). With shares, also the share that last counted the entry, and where its first
/// execution moved as its worker went through the prefixes in order.
struct FirstExecution {
    Position first;
    std::shared_ptr<const ExecutionResult> witness;
    PrefixShare::Stamp share;
    std::vector<std::pair<std::uint64_t, Position>> moves;  // (prefix, first so far): one per prefix at most

    /// `first` moved while counting below `prefix`.
    void log_move(std::uint64_t prefix) {
        if (!moves.empty() && moves.back().first == prefix)
            moves.back().second = first;
        else
            moves.emplace_back(prefix, first);
    }
};

/// Where parallel searches share out the work: dfs, the paths to the 6th point with two or
/// more choices; dpor, to the 5th such point whose choice does not only start a task
/// (DporStrategy::branches). Workers claim prefixes as they meet them. Measured on lost_update
/// tasks=6 with 2 workers on a 2-core VM (tools/bench --parallel), since dpor's top points take
/// the shortcut of a start: splitting at 5, the workers' CPU time is about one worker's, the
/// speedup 1.94-1.96x and, cut at 100,000 executions, 1.88-1.90x; at 3 (fewer, larger
/// subtrees), 1.94-1.96x but cut 1.62-1.64x, as more of the work is past the cut. (Before the
/// shortcut, with every task's start explored at the top, at 3: 1.2x the CPU, 1.63-1.64x.)
constexpr std::size_t dfs_split_points = 6;
constexpr std::size_t dpor_split_points = 5;

/// What executions produced, aggregated: distinct outcomes and deduplicated reports, each with
/// its count and the execution that came first — bounded, whatever the number of executions.
struct Tally {
    struct OutcomeEntry : FirstExecution {
        std::string key;                // outcome_key: what orders the outcomes
        detail::TextWords state_words;  // what tells its state apart (outcome.state's text)
        // (outcome.state: empty while the words give it back, as exploring runs' mostly do)
        Outcome outcome;
    };
    struct FindingEntry : FirstExecution {
        Report report;
    };
    /// A finding's kind, and its report's key or else message.
    struct FindingKey {
        ReportKind kind;
        std::string text;
        /// The order of the text "kind\nkey" findings were once keyed by.
        bool operator<(const FindingKey& other) const {
            return kind != other.kind ? kind_name(kind) < kind_name(other.kind) : text < other.text;
        }
    };
    struct FindingRef {
        ReportKind kind;
        std::string_view text;
    };
    /// Looked up by a FindingRef: no key string is built for a finding already there.
    struct FindingHash {
        using is_transparent = void;
        template <class Key>
        std::size_t operator()(const Key& key) const {
            return hash_step(std::hash<std::string_view>{}(key.text), static_cast<std::uint64_t>(key.kind));
        }
    };
    struct FindingEqual {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return a.kind == b.kind && std::string_view(a.text) == std::string_view(b.text);
        }
    };
    std::uint64_t executions = 0;
    struct HashAsIs {
        std::uint64_t operator()(std::uint64_t hash) const { return hash; }
    };
    std::vector<OutcomeEntry> outcomes;         // in the order found
    std::vector<std::uint32_t> next_same_hash;  // by outcome: the one found before it with its hash (+1; 0: none)
    detail::FlatMap<std::uint64_t, std::uint32_t, HashAsIs> outcome_by_hash;  // the last found (+1) by outcome_hash
    std::unordered_map<FindingKey, FindingEntry, FindingHash, FindingEqual> findings;
    // The findings met by an interned key, by its pointer: a repeat skips hashing the text.
    struct PointerHash {
        std::uint64_t operator()(const char* key) const { return reinterpret_cast<std::uintptr_t>(key); }
    };
    detail::FlatMap<const char*, FindingEntry*, PointerHash> by_interned_key;
    std::optional<std::pair<Position, Report>> error;  // a nondeterministic scenario

    /// The scenario proved not deterministic (`what` says how) at `at`: the tally's error (the
    /// first one stays).
    void not_deterministic(Position at, const std::string& what) {
        if (error) return;
        error = std::pair{at, Report{ReportKind::internal_error,
                                     "the scenario is not deterministic: " + what + ". " + nondeterminism_advice,
                                     {},
                                     std::nullopt,
                                     1}};
    }

    /// Counts an execution, and in `share` (if any) what it adds to the prefix it lies below.
    /// Moves `result` out only when it becomes some entry's witness, and otherwise leaves it for
    /// the caller to refill (its storage is reused).
    void add(ExecutionResult& result, PositionRef at, std::optional<std::uint64_t> seed, bool with_output,
             PrefixShare* share = nullptr) {
        if (share) ++share->executions;
        ++executions;
        // The entries this execution comes first in: they take it as witness once it is no longer read.
        std::vector<std::shared_ptr<const ExecutionResult>*> witnessed;
        bool finding_witnessed = false;
        std::size_t index = 0;
        auto visit = [&](const ReportRef& report) {
            at.report = index++;
            const auto text = report.key.empty() ? report.message : report.key;
            FindingEntry* known = nullptr;
            if (report.interned) {
                if (auto* met = by_interned_key.find(report.key.data())) known = *met;
            }
            bool added = false;
            if (!known) {
                auto found = findings.find(FindingRef{report.kind, text});
                added = found == findings.end();
                if (added) found = findings.try_emplace(FindingKey{report.kind, std::string(text)}).first;
                known = &found->second;
                if (report.interned) *by_interned_key.try_emplace(report.key.data()).first = known;
            }
            auto& entry = *known;
            const auto count = added ? 0 : entry.report.count;
            if (added || at.before(entry.first)) {
                entry.report = Report{report.kind, std::string(report.message), {}, seed, 1, std::string(report.key)};
                entry.first = at.kept();
                witnessed.push_back(&entry.witness);
                finding_witnessed = true;
                if (share) entry.log_move(share->prefix);
            }
            entry.report.count = count + 1;
            if (share) share->count(entry.share, PrefixShare::Entry{false, reinterpret_cast<std::uintptr_t>(&entry)});
        };
        visit_execution_reports(result, visit);
        at.report = 0;

        static const std::vector<std::string> no_output;
        const auto& output = with_output ? result.output : no_output;
        // Exploring runs give their outcome as words (RuntimeOptions::outcome_as_words), mostly
        // without its JSON: that is built only for a new outcome's key.
        if (result.outcome_words.empty()) detail::append_text_words(result.outcome, result.outcome_words);
        const auto& words = result.outcome_words;
        const auto hash = hash_output(output, hash_words(words));
        OutcomeEntry* entry = nullptr;
        auto* last = outcome_by_hash.try_emplace(hash).first;
        for (auto i = *last; i != 0 && !entry; i = next_same_hash[i - 1]) {
            auto& known = outcomes[i - 1];
            if (known.state_words == words &&
                (!with_output || same_output(known.outcome.output, output)))  // (else both are empty)
                entry = &known;
        }
        const bool fresh = !entry;
        if (fresh) {
            next_same_hash.push_back(*last);
            entry = &outcomes.emplace_back();
            *last = static_cast<std::uint32_t>(outcomes.size());
            entry->state_words = words;
        }
        if (fresh || at.before(entry->first)) {
            // The state's JSON is kept only where its words do not give it back (explore's result
            // gives it back from them); a new outcome's key is its text, made once.
            const bool words_give_it = result.outcome.empty();
            if (fresh)
                entry->key = outcome_key(words_give_it ? detail::json_of_text_words(words) : result.outcome, output);
            entry->outcome.state = words_give_it ? json::object() : result.outcome;
            if (with_output) entry->outcome.output = result.output;
            entry->outcome.seed = seed;
            entry->first = at.kept();
            witnessed.push_back(&entry->witness);
            if (share) entry->log_move(share->prefix);
        }
        ++entry->outcome.count;
        if (share)
            share->count(entry->share, PrefixShare::Entry{true, static_cast<std::uintptr_t>(entry - outcomes.data())});

        if (!witnessed.empty()) {
            const auto shared = std::make_shared<const ExecutionResult>(witness_of(result, finding_witnessed));
            for (auto* witness : witnessed) *witness = shared;
        }
    }

    void merge(Tally&& other) {
        executions += other.executions;
        other.outcome_by_hash.for_each([&](std::uint64_t hash, std::uint32_t their_last) {
            for (auto i = their_last; i != 0; i = other.next_same_hash[i - 1]) {
                auto& entry = other.outcomes[i - 1];
                if (entry.outcome.count == 0) continue;  // (see keep_counted)
                auto* last = outcome_by_hash.try_emplace(hash).first;
                auto j = *last;
                while (j != 0 && outcomes[j - 1].key != entry.key) j = next_same_hash[j - 1];
                if (j == 0) {
                    next_same_hash.push_back(*last);
                    outcomes.push_back(std::move(entry));
                    *last = static_cast<std::uint32_t>(outcomes.size());
                    continue;
                }
                auto& mine = outcomes[j - 1];
                const auto count = mine.outcome.count + entry.outcome.count;
                if (entry.first < mine.first) mine = std::move(entry);
                mine.outcome.count = count;
            }
        });
        for (auto& [key, entry] : other.findings) {
            if (entry.report.count == 0) continue;
            auto [it, fresh] = findings.try_emplace(key, entry);
            if (fresh) continue;
            const auto count = it->second.report.count + entry.report.count;
            if (entry.first < it->second.first) it->second = std::move(entry);
            it->second.report.count = count;
        }
        if (other.error && (!error || other.error->first < error->first)) error = std::move(other.error);
    }

    /// The outcomes in the order of their keys.
    std::vector<const OutcomeEntry*> sorted_outcomes() const {
        std::vector<const OutcomeEntry*> sorted;
        for (const auto& entry : outcomes) sorted.push_back(&entry);
        std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->key < b->key; });
        return sorted;
    }
};

/// Runs again, from their schedules, the first executions whose witnesses `tally` lacks (see
/// keep_counted). Each must show what it showed the first time, its outcome or its report:
/// otherwise the scenario is not deterministic, and that is the tally's error.
void rebuild_witnesses(Tally& tally, const Scenario& scenario, const Params& params, const RuntimeOptions& runtime,
                       bool with_output) {
    ExecutionResult result;
    auto rerun = [&](const Position& first) {
        result.clear();  // (a run that throws may leave it as it was)
        try {
            ReplayStrategy replay(first.schedule);
            replay.begin_execution();
            execute_into(result, scenario, params, replay, runtime);
            replay.end_execution();
        } catch (const std::exception& e) {
            tally.not_deterministic(
                first, std::string("running the first execution of a result again failed (") + e.what() + ")");
            result.schedule = first.schedule;  // its schedule token still names it
        }
    };
    for (auto& entry : tally.outcomes) {
        if (entry.witness) continue;
        rerun(entry.first);
        if (result.outcome_words != entry.state_words ||
            (with_output && !same_output(result.output, entry.outcome.output)))
            tally.not_deterministic(entry.first, "the first execution of an outcome, run again, ended in another");
        entry.witness = std::make_shared<const ExecutionResult>(witness_of(result, false));
    }
    for (auto& found : tally.findings) {
        // (not a structured binding: clang 14 cannot capture one in the lambda below)
        const auto& key = found.first;
        auto& entry = found.second;
        if (entry.witness) continue;
        rerun(entry.first);
        bool shown = false;
        visit_execution_reports(result, [&](const ReportRef& report) {
            shown =
                shown || (report.kind == key.kind && (report.key.empty() ? report.message : report.key) == key.text);
        });
        if (!shown)
            tally.not_deterministic(entry.first, "the first execution of a " + to_string(key.kind) +
                                                     " report, run again, did not report it");
        entry.witness = std::make_shared<const ExecutionResult>(witness_of(result, true));
    }
}

/// Each entry's executions in the prefixes a ledger counted.
using CountedEntries = std::map<PrefixShare::Entry, std::uint64_t>;

/// Leaves in a worker's tally what the ledger counted of it, the prefixes before `cut`: each
/// entry's count, and its first execution there (an entry none of them holds is left out of
/// merges; one whose first execution moved past the cut loses its witness, which is run again
/// at the end).
void keep_counted(Tally& tally, const CountedEntries& counted, std::uint64_t cut) {
    auto keep = [&](PrefixShare::Entry id, std::uint64_t& count, FirstExecution& entry) {
        const auto it = counted.find(id);
        count = it == counted.end() ? 0 : it->second;
        if (count == 0) return;
        // (Its first prefix is counted: it holds some of the counted executions.)
        const auto& moves = entry.moves;
        auto moved = std::find_if(moves.rbegin(), moves.rend(), [&](const auto& move) { return move.first < cut; });
        assert(moved != moves.rend());
        if (moved != moves.rbegin()) {
            entry.first = moved->second;
            entry.witness = nullptr;
        }
    };
    for (std::size_t i = 0; i < tally.outcomes.size(); ++i) {
        auto& entry = tally.outcomes[i];
        keep({true, i}, entry.outcome.count, entry);
    }
    for (auto& [key, entry] : tally.findings)
        keep({false, reinterpret_cast<std::uintptr_t>(&entry)}, entry.report.count, entry);
    tally.executions = 0;  // the ledger's count
}

/// The prefixes of a search that several workers share out, taken in their order: the executions
/// counted are the first `limit` in that order, the order one worker follows, whichever worker
/// ran them and however fast. (Summing the workers' executions up to the limit counted whatever
/// they had run by then, different ones from one run to the next.)
class PrefixLedger {
public:
    PrefixLedger(std::uint64_t limit, std::size_t workers) : limit_(limit), counted_(workers) {}

    /// Prefixes from this number on lie past the limit: nothing in them counts.
    std::uint64_t cut() const { return cut_.load(std::memory_order_acquire); }
    /// Prefixes from this number on need not be explored: past the cut, or after a prefix in
    /// which a shortcut was disproved (which ends the round, or lies past the limit itself).
    std::uint64_t horizon() const { return std::min(cut(), disproved_horizon_.load(std::memory_order_acquire)); }
    /// A worker met a disproval in `prefix` (PrefixShare::disproved).
    void disproved_in(std::uint64_t prefix) {
        auto horizon = disproved_horizon_.load(std::memory_order_relaxed);
        while (prefix + 1 < horizon && !disproved_horizon_.compare_exchange_weak(horizon, prefix + 1)) {
        }
    }
    /// The tasks whose shortcuts the round's first disproval within the limit, in prefix order,
    /// disproved (after the workers are joined): empty when none did.
    const std::vector<std::uint64_t>& disproved() const { return disproved_; }

    /// Hands over the share of a prefix explored whole, or up to the limit.
    void complete(std::uint64_t prefix, std::size_t worker, PrefixShare&& share) {
        const std::lock_guard lock(mutex_);
        if (prefix >= cut()) {
            if (share.executions > 0) truncated_ = true;
            return;
        }
        // (The next to count is counted at once: one worker's always are.)
        if (prefix != frontier_) {
            pending_.emplace(prefix, std::pair{worker, std::move(share)});
            return;
        }
        if (!count_next(worker, share)) return;
        for (auto next = pending_.find(frontier_); next != pending_.end(); next = pending_.find(frontier_)) {
            const auto [owner, counting] = std::move(next->second);
            pending_.erase(next);
            if (!count_next(owner, counting)) return;
        }
    }

    /// Whether the count reached the limit: an execution that counts in a prefix not counted
    /// yet lies past it.
    bool full() const { return full_.load(std::memory_order_acquire); }
    /// Whether the count reached the limit, or was cut (past it, or at a disproval).
    bool reached() const { return cut() != no_cut || full(); }
    /// Whether executions past the limit were run and left out: the search did not end within it.
    bool truncated() const { return truncated_; }
    /// Whether the last prefix was counted: with nothing truncated, the search ended within the
    /// limit, whatever the number of workers.
    bool ended() const { return ended_; }
    /// The prefix whose first `needed()` executions complete the count, if one must be explored
    /// again for them (after the workers are joined).
    std::optional<std::uint64_t> straddler() const { return straddler_; }
    std::uint64_t needed() const { return limit_ - executions_; }
    /// What was counted (after the workers are joined, or by a lone worker): the executions, and
    /// each worker's entries.
    std::uint64_t executions() const { return executions_; }
    const CountedEntries& counted(std::size_t worker) const { return counted_[worker]; }

private:
    static constexpr std::uint64_t no_cut = UINT64_MAX;
    /// Counts the share of the prefix at the frontier; false once nothing more counts.
    bool count_next(std::size_t owner, const PrefixShare& counting) {
        if (!counting.disproved.empty() && executions_ + counting.disproved_after < limit_) {
            // The round's first disproval within the limit: it runs again, and nothing counts.
            disproved_ = counting.disproved;
            cut_at(frontier_);
            return false;
        }
        if (executions_ + counting.executions > limit_) {
            // Only its first executions count: explore() runs it again alone, up to them.
            if (executions_ < limit_) straddler_ = frontier_;
            truncated_ = true;
            cut_at(frontier_);
            return false;
        }
        executions_ += counting.executions;
        for (const auto& part : counting.parts) counted_[owner][part.entry] += part.count;
        if (counting.ends_search) ended_ = true;
        ++frontier_;
        // (A disproval past the limit ended the share early too: what followed is unknown.)
        if (counting.past_limit || !counting.disproved.empty()) {
            truncated_ = true;
            cut_at(frontier_);
            return false;
        }
        // At the limit, the search goes on to its next execution that would count, or to its
        // end: prefixes of executions all cut short by sleep sets may follow, and a search
        // that ends there is exhausted (lastzero n=5 at 64).
        if (executions_ == limit_) full_.store(true, std::memory_order_release);
        return true;
    }
    /// Nothing from `prefix` on counts; what is pending lies there (everything before is counted).
    void cut_at(std::uint64_t prefix) {
        cut_.store(prefix, std::memory_order_release);
        for (const auto& [later, dropped] : pending_)
            if (dropped.second.executions > 0) truncated_ = true;
    }
    const std::uint64_t limit_;
    std::mutex mutex_;
    std::atomic<std::uint64_t> cut_{no_cut};
    std::uint64_t frontier_ = 0;                                            // every prefix before it is counted
    std::map<std::uint64_t, std::pair<std::size_t, PrefixShare>> pending_;  // complete, waiting for an earlier prefix
    std::uint64_t executions_ = 0;
    std::vector<CountedEntries> counted_;  // by worker
    std::optional<std::uint64_t> straddler_;
    bool truncated_ = false;
    bool ended_ = false;
    std::atomic<bool> full_{false};
    std::atomic<std::uint64_t> disproved_horizon_{no_cut};
    std::vector<std::uint64_t> disproved_;
};

}  // namespace

ExploreResult explore(const Scenario& scenario, const ExploreOptions& options) {
    const auto started = Clock::now();
    auto strategy = make_strategy(options);
    const bool seeded = dynamic_cast<SeededStrategy*>(strategy.get()) != nullptr;
    const std::uint64_t limit = options.executions.value_or(seeded ? 1000 : 100000);
    // --stop-on-first asks for the first execution in order with a report, and bounded dpor's
    // conservative backtracking reaches above any split: one worker.
    const bool bounded_dpor = options.strategy == "dpor" && options.preemption_bound;
    const bool one_worker = options.stop_on_first || bounded_dpor;
    const std::size_t jobs = one_worker ? 1 : std::max<std::size_t>(1, options.jobs);
    // dfs and dpor share out prefixes among several workers. dpor's search is shared out with one
    // worker too, which claims every prefix: above the split it differs from the unshared search
    // (sleep sets only, a start's shortcut), and so may the executions it runs where a cancelled
    // step makes its count not the number of traces; one search gives every --jobs the same
    // executions, counts and witnesses, cut short or not. (One worker's prefixes complete in
    // order: it stops at its first execution past the limit.) It costs one worker nothing
    // measurable: lost_update tasks=6 1.13-1.16 s either way, lastzero n=14 2.15-2.18 s against
    // 2.38-2.44 s, readers n=16 0.56 s against 0.73 s. --stop-on-first runs that search too,
    // up to its first report, so that it shows the first executions every other run shows (the
    // unshared search's order differs where a task is cancelled). Bounded dpor searches unshared.
    const bool partitioned = !seeded && (jobs > 1 || (options.strategy == "dpor" && !bounded_dpor));

    ExploreResult out;
    out.scenario = scenario.name;
    out.strategy = strategy->name();
    out.time_model = options.time_model;

    auto runtime_for_explore =
        runtime_options(options.time_model, options.max_steps, false, options.outcome_with_output);
    runtime_for_explore.outcome_as_words = true;  // (explore's result gives each outcome's JSON back from its words)
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> done{0};
    // An unshared search's end (it has one worker; a shared-out search's end is the ledger's)
    bool exhausted = false;
    // The time budget, or a request to stop: what ended the exploration early, kept by the
    // first worker to see it.
    std::atomic<CutShort> cut_short{CutShort::no};
    auto ending_early = [&] {
        auto why = CutShort::no;
        if (options.stop_requested && options.stop_requested->load(std::memory_order_relaxed))
            why = CutShort::stop_requested;
        else if (options.time_budget_s &&
                 std::chrono::duration<double>(Clock::now() - started).count() >= *options.time_budget_s)
            why = CutShort::time_budget;
        if (why == CutShort::no) return false;
        auto none = CutShort::no;
        cut_short.compare_exchange_strong(none, why);
        return true;
    };
    // Each worker adds its count to the total every 1000 executions: an atomic the workers
    // shared at every execution cost two workers a third of their speed (random: 1.5x, not 2x).
    auto progress = [&](std::uint64_t& mine, bool reporter) {
        if (++mine % 1000 != 0) return;
        const auto total = done.fetch_add(1000) + 1000;
        if (reporter && options.progress) options.progress(total);
    };
    std::vector<Tally> tallies(jobs);  // by worker
    // dfs, dpor: shared by the workers until they are joined; the workers' shares, by prefix
    // (made again for a second search, which these cannot be reset for)
    auto claims = std::make_unique<PrefixClaims>();
    auto ledger = std::make_unique<PrefixLedger>(limit, jobs);
    Tally straddled;                   // dfs, dpor: the first executions of the prefix across the limit
    std::vector<std::thread> threads;
    if (seeded) {
        // Execution i runs with execution_seed(S, i) on worker i mod jobs: the same executions as one worker.
        auto work = [&](std::size_t worker) {
            auto own = worker == 0 ? std::move(strategy) : make_strategy(options);
            auto* walk = dynamic_cast<SeededStrategy*>(own.get());
            auto& tally = tallies[worker];
            ExecutionResult result;  // refilled by every execution: its storage is reused
            std::uint64_t counted = 0;                      // executions this worker counted, for progress
            const ParamsScope params_held(options.params);  // param()'s memo carries over executions
            for (std::uint64_t i = worker; i < limit && !stop; i += jobs) {
                if (ending_early()) break;
                const auto seed = execution_seed(options.seed, i);
                walk->set_seed(seed);
                walk->begin_execution();
                execute_into(result, scenario, options.params, *walk, runtime_for_explore);
                walk->end_execution();
                tally.add(result, PositionRef{i, {}, 0}, seed, options.outcome_with_output);
                progress(counted, worker == 0);
                if (options.stop_on_first && !tally.findings.empty()) stop = true;
            }
        };
        for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(work, w);
        work(0);
    } else {
        // dfs, dpor. Each worker keeps one tally, and a share per prefix of what the prefix's
        // executions add to it, which the ledger counts in prefix order up to the limit: a search
        // the limit cuts short counts the executions one worker would, the same every run. (An
        // unshared search has one prefix: its tally is the count.)
        const std::size_t split = options.strategy == "dpor" ? dpor_split_points : dfs_split_points;
        // One execution of a search: whether the scenario proved not deterministic (the error is
        // then in `tally`), whether the execution counts (this worker's, not cut short), and
        // whether the search goes on.
        struct Ran {
            bool failed = false;
            bool counts = false;
            bool more = false;
        };
        auto run_one = [&](Strategy& own, const PartitionedSearch& search, ExecutionResult& result, Tally& tally) {
            own.begin_execution();
            try {
                execute_into(result, scenario, options.params, own, runtime_for_explore);
            } catch (const NondeterministicScenario& e) {
                tally.not_deterministic(Position{tally.executions, {}, 0}, e.what());
                stop = true;
                return Ran{true, false, false};
            }
            const bool pruned = search.pruned();
            const bool more = own.end_execution();
            return Ran{false, !pruned && search.owns_last(), more};
        };
        // First found = the smallest schedule: the same whichever worker ran it.
        auto count = [&](Tally& tally, ExecutionResult& result, PrefixShare* share) {
            tally.add(result, PositionRef{0, result.schedule, 0}, std::nullopt, options.outcome_with_output, share);
        };
        // The shared-out dpor search takes shortcuts above the split (DporStrategy). Its first
        // execution in prefix order that disproves some (within the limit) ends the round, and
        // the search runs again without those (PrefixLedger::disproved).
        PartitionedSearch::Shortcuts shortcuts;  // (every task's, at first)
        auto work = [&](std::size_t worker) {
            auto own = worker == 0 && strategy ? std::move(strategy) : make_strategy(options);
            auto* search = dynamic_cast<PartitionedSearch*>(own.get());
            if (partitioned) search->partition(*claims, split, shortcuts);
            auto& tally = tallies[worker];
            PrefixShare share;  // the current prefix's
            std::optional<std::uint64_t> prefix;
            auto hand_over = [&](bool whole) {
                // (A prefix left partly explored is past the cut, or the search stopped early
                // and every execution run counts.)
                if (prefix && whole) ledger->complete(*prefix, worker, std::move(share));
                share = PrefixShare{};
                prefix.reset();
            };
            ExecutionResult result;  // refilled by every execution: its storage is reused
            std::uint64_t counted = 0;                      // executions this worker counted, for progress
            const ParamsScope params_held(options.params);  // param()'s memo carries over executions
            bool whole = false;                             // whether the last prefix was explored to its end
            while (!stop && !(prefix && *prefix >= ledger->horizon())) {
                if (ending_early()) break;
                const auto ran = run_one(*own, *search, result, tally);
                if (ran.failed) break;
                const bool mine = partitioned && search->owns_prefix();  // (else one cut short at the split)
                // (Also for an execution cut short: a prefix may have no execution that counts,
                // and the ledger still waits for it.)
                if (mine && search->last_prefix() != prefix) {
                    hand_over(true);  // the previous one is explored whole
                    prefix = search->last_prefix();
                    share.prefix = *prefix;
                    if (*prefix >= ledger->horizon()) break;
                }
                // (Every worker walks the top alike: the prefix's owner meets the same disproval.)
                if (mine && !search->disproved_by_last().empty()) {
                    share.disproved = search->disproved_by_last();
                    share.disproved_after = share.executions;
                    ledger->disproved_in(*prefix);
                    whole = true;  // (as far as it counts)
                    break;
                }
                if (ran.counts) {
                    // A shared-out search's execution past the limit tells it was not the whole
                    // search, whichever worker runs it: the prefix ends there. (One worker's prefix
                    // is the ledger's next: its count is what the ledger counted and this prefix's;
                    // several workers' prefix may count up to the limit alone.)
                    if (partitioned && (ledger->full() || (jobs == 1 ? ledger->executions() + share.executions
                                                                     : share.executions) == limit)) {
                        share.past_limit = true;
                        whole = true;
                        break;
                    }
                    // (One worker's tally is the ledger's count: its share counts executions only.)
                    if (partitioned && jobs == 1) ++share.executions;
                    count(tally, result, partitioned && jobs > 1 ? &share : nullptr);
                    progress(counted, worker == 0);
                    if (options.stop_on_first && !tally.findings.empty()) break;
                }
                if (!ran.more) {
                    if (mine) share.ends_search = true;
                    if (!partitioned) exhausted = true;
                    whole = true;
                    break;
                }
                if (!partitioned && tally.executions == limit) {
                    whole = true;
                    break;
                }
            }
            hand_over(whole);
        };
        for (;;) {
            for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(work, w);
            work(0);
            for (auto& thread : threads) thread.join();
            threads.clear();
            const auto& disproved = ledger->disproved();
            if (disproved.empty() || stop || ending_early()) break;
            // (A task's shortcut, once excepted, is not taken again: each round excepts new
            // ones, and at worst every task's.)
            const auto excepted = shortcuts.except.size();
            shortcuts.except.insert(shortcuts.except.end(), disproved.begin(), disproved.end());
            std::sort(shortcuts.except.begin(), shortcuts.except.end());
            shortcuts.except.erase(std::unique(shortcuts.except.begin(), shortcuts.except.end()),
                                   shortcuts.except.end());
            if (shortcuts.except.size() == excepted) shortcuts.taken = false;  // (not expected)
            tallies = std::vector<Tally>(jobs);
            claims = std::make_unique<PrefixClaims>();
            ledger = std::make_unique<PrefixLedger>(limit, jobs);
        }
        if (auto straddler = ledger->straddler()) {
            // Its first executions, as its worker ran them: the prefix explored again alone.
            PrefixClaims only(*straddler);
            auto again = make_strategy(options);
            auto* search = dynamic_cast<PartitionedSearch*>(again.get());
            search->partition(only, split, shortcuts);
            ExecutionResult result;
            const ParamsScope params_held(options.params);
            for (bool more = true; more && straddled.executions < ledger->needed();) {
                const auto ran = run_one(*again, *search, result, straddled);
                if (ran.failed) break;
                more = ran.more;
                if (ran.counts && search->last_prefix() == *straddler) count(straddled, result, nullptr);
            }
        }
    }
    for (auto& thread : threads) thread.join();

    // What counts: random, pct, an unshared search and one worker's, every execution (one
    // worker counts no execution the ledger does not); several workers' search, the prefixes
    // the ledger counted and the straddler's first executions, unless it stopped early (out of
    // time, an error): then every execution it ran. (A shared-out search ended when the ledger
    // counted its last prefix.)
    const bool ended = partitioned ? ledger->ended() : exhausted;
    const bool by_ledger = partitioned && jobs > 1 && (ended || ledger->reached());
    Tally tally;
    for (std::size_t worker = 0; worker < tallies.size(); ++worker) {
        if (by_ledger) keep_counted(tallies[worker], ledger->counted(worker), ledger->cut());
        tally.merge(std::move(tallies[worker]));
    }
    if (by_ledger) {
        tally.executions = ledger->executions();
        tally.merge(std::move(straddled));
    }
    rebuild_witnesses(tally, scenario, options.params, runtime_for_explore, options.outcome_with_output);
    out.executions = tally.executions;
    out.exhausted = ended && !ledger->truncated() && !tally.error;
    if (!out.exhausted) out.cut_short = cut_short.load();

    // Reports in the order a single worker finds them; each witness replayed before it is shown.
    std::map<std::string, std::shared_ptr<const ExecutionResult>> confirmed;
    // (`outcome_words`: an outcome's, for its own witness, which leaves them to it.)
    auto confirm = [&](const ExecutionResult& original, const std::string& token,
                       const detail::TextWords* outcome_words) -> std::shared_ptr<const ExecutionResult> {
        if (auto it = confirmed.find(token); it != confirmed.end()) return it->second;
        auto first = replay_schedule(scenario, options.params, token, options.max_steps);
        auto second = replay_schedule(scenario, options.params, token, options.max_steps);
        // (An exploring run keeps its output only when the outcome includes it; the two
        // recorded replays' events compare their printed lines in any case.)
        if (first.verdict != original.verdict || !same_outcome(first, original, outcome_words) ||
            (options.outcome_with_output && first.output != original.output) || first.events != second.events)
            return nullptr;
        auto witness = std::make_shared<const ExecutionResult>(std::move(first));
        confirmed.emplace(token, witness);
        return witness;
    };
    auto header_for = [&](const std::string& token, std::optional<std::uint64_t> seed) {
        return TraceHeader{scenario.name, options.params, out.strategy, seed, token, options.time_model};
    };
    auto add_finding = [&](Report report, const ExecutionResult& witness, bool carried,
                           const detail::TextWords* outcome_words = nullptr) {
        std::vector<Report> carry;
        if (carried) carry.push_back(report);
        std::shared_ptr<const ExecutionResult> replayed;
        try {
            replayed = confirm(witness, report.schedule, outcome_words);
            if (replayed && !carried && !report.key.empty()) {
                // Exploring runs do not describe detections: the recorded replay does.
                for (auto& described : execution_reports(*replayed))
                    if (described.kind == report.kind && described.key == report.key)
                        report.message = described.message;
            }
            if (!replayed) {
                report = Report{ReportKind::internal_error,
                                "replaying the witness of a " + to_string(report.kind) +
                                    " report did not reproduce it: the scenario is not deterministic. " +
                                    nondeterminism_advice,
                                report.schedule, report.seed, 1};
            }
        } catch (const std::exception& e) {
            report = Report{ReportKind::internal_error,
                            std::string("replaying a witness failed (") + e.what() +
                                "): the scenario is not deterministic. " + nondeterminism_advice,
                            report.schedule, report.seed, 1};
        }
        auto header = header_for(report.schedule, report.seed);
        out.findings.push_back(Finding{std::move(report), std::move(header), std::move(replayed), std::move(carry)});
    };

    std::vector<std::pair<const Tally::FindingKey*, Tally::FindingEntry*>> ordered;
    for (auto& [key, entry] : tally.findings) ordered.emplace_back(&key, &entry);
    // In the order they were first found; a tie (none is expected: positions differ per report)
    // falls back on the order the findings once had, a map by "kind\nkey" text.
    std::sort(ordered.begin(), ordered.end(), [](auto a, auto b) {
        if (a.second->first != b.second->first) return a.second->first < b.second->first;
        return *a.first < *b.first;
    });
    for (const auto& [key, entry] : ordered) {
        entry->report.schedule = schedule_token(scenario, options.params, options.time_model, *entry->witness);
        add_finding(entry->report, *entry->witness, false);
        out.findings.back().report.count = entry->report.count;
    }
    if (tally.error) out.findings.push_back(Finding{tally.error->second, {}, nullptr, {}});

    const auto outcomes = tally.sorted_outcomes();
    for (const auto* entry : outcomes) {
        out.outcomes.push_back(entry->outcome);
        if (entry->outcome.state.empty()) out.outcomes.back().state = detail::json_of_text_words(entry->state_words);
        out.outcomes.back().schedule = schedule_token(scenario, options.params, options.time_model, *entry->witness);
    }
    if (out.outcomes.size() > 1 && !(options.stop_on_first && !out.findings.empty())) {
        // (fmt rather than string operator+: g++ 12 -O3 raises a false -Wrestrict on the latter)
        std::string message = fmt::format("{} distinct outcomes:", out.outcomes.size());
        constexpr std::size_t listed = 8;
        for (std::size_t i = 0; i < std::min(listed, out.outcomes.size()); ++i) {
            const auto& outcome = out.outcomes[i];
            message += fmt::format(" {}", state_text(outcome.state));
            if (options.outcome_with_output) message += fmt::format(" with output [{} lines]", outcome.output.size());
            message += fmt::format(" ({}x, schedule {});", outcome.count, outcome.schedule);
        }
        message.pop_back();
        if (out.outcomes.size() > listed) message += fmt::format("; and {} more", out.outcomes.size() - listed);
        const auto& second = out.outcomes[1];
        add_finding(Report{ReportKind::divergence, message, second.schedule, second.seed, 1}, *outcomes[1]->witness,
                    true, &outcomes[1]->state_words);
        out.findings.back().report.count = out.executions;
    }
    if (scenario.serializable && !outcomes.empty()) {
        out.serial_outcomes = serial_outcomes(scenario, options.params, options.max_steps);
        std::string serial_text;
        for (const auto& state : *out.serial_outcomes)
            serial_text += (serial_text.empty() ? "" : " or ") + state_text(state);
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            const auto& outcome = out.outcomes[i];
            if (std::find(out.serial_outcomes->begin(), out.serial_outcomes->end(), outcome.state) !=
                out.serial_outcomes->end())
                continue;
            Report report{ReportKind::not_serializable,
                          fmt::format("outcome {} is produced by no serial order of the gathered tasks; serial "
                                      "orders give {}",
                                      state_text(outcome.state), serial_text),
                          outcome.schedule, outcome.seed, outcome.count};
            add_finding(report, *outcomes[i]->witness, true, &outcomes[i]->state_words);
            out.findings.back().report.count = outcome.count;
        }
    }
    out.elapsed_s = std::chrono::duration<double>(Clock::now() - started).count();
    return out;
}

}  // namespace interleave
