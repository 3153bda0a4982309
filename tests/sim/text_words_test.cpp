// TextWords: a value's text as words, equal exactly when the dumps are, and the JSON it gives
// back; the words Shared writes with no JSON built; a runtime's outcome as words.
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <interleave/detail/text_words.hpp>
#include <interleave/interleave.hpp>
#include <interleave/scheduler/asyncio_default.hpp>

namespace interleave {
namespace {
using json = nlohmann::ordered_json;

detail::TextWords words_of(const json& value) {
    detail::TextWords words;
    detail::append_text_words(value, words);
    return words;
}

std::vector<json> values() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    json binary = json::binary({1, 2});
    json binary_with_subtype = json::binary({1, 2}, 7);
    return {nullptr,
            true,
            false,
            3,
            json(3u),
            -3,
            std::numeric_limits<std::int64_t>::min(),
            std::numeric_limits<std::uint64_t>::max(),
            0.0,
            -0.0,
            1.5,
            3.0,
            nan,
            -nan,
            inf,
            -inf,
            "",
            "a",
            std::string("a\0", 2),
            std::string("a\0b", 3),
            "12345678",
            "123456789",
            json::array(),
            json::array({1, 2}),
            json::array({json::array({1}), 2}),
            json::array({1, nullptr}),
            json::object(),
            json{{"a", 1}},
            json{{"a", 1}, {"b", 2}},
            json{{"b", 2}, {"a", 1}},
            json{{"a", json{{"b", "c"}}}},
            binary,
            binary_with_subtype,
            json{{"bytes", {1, 2}}, {"subtype", nullptr}},
            json{{"bytes", {1, 2}}, {"subtype", 7}}};
}

TEST(TextWords, EqualExactlyWhenTheDumpsAre) {
    const auto all = values();
    for (const auto& a : all)
        for (const auto& b : all)
            EXPECT_EQ(words_of(a) == words_of(b), a.dump() == b.dump()) << a.dump() << " and " << b.dump();
}

TEST(TextWords, GiveBackAValueThatDumpsAlikeAndSayWhenNotEqual) {
    for (const auto& value : values()) {
        detail::TextWords words;
        const bool exact = detail::append_text_words(value, words);
        const auto back = detail::json_of_text_words(words);
        EXPECT_EQ(back.dump(), value.dump());
        // Only NaN and the infinities come back otherwise (as null). (== on NaN is false.)
        const bool non_finite = value.is_number_float() && !std::isfinite(value.get<double>());
        EXPECT_EQ(exact, !non_finite) << value.dump();
        if (exact && !value.is_binary()) {
            EXPECT_EQ(back, value) << value.dump();
        }
    }
}

TEST(TextWords, WordsThatEncodeNoValueAreRefused) {
    auto words = words_of(json{{"a", "text"}});
    EXPECT_THROW(detail::json_of_text_words(std::span(words).first(words.size() - 1)), std::invalid_argument);
    words.push_back(0);
    EXPECT_THROW(detail::json_of_text_words(words), std::invalid_argument);
}

// --- Shared's own words, and the runtime's outcome as words

struct Written {
    std::vector<detail::TextWords> direct;   // Shared::append_outcome_words
    std::vector<detail::TextWords> as_json;  // the words of outcome_value()
};
Written written;

template <class T>
void note_words(const Shared<T>& shared) {
    detail::TextWords direct;
    shared.append_outcome_words(direct);
    written.direct.push_back(direct);
    written.as_json.push_back(words_of(*shared.outcome_value()));
}

Task<> plain_types() {
    Shared<bool> flag{"flag", true};
    Shared<std::int8_t> small{"small", -7};
    Shared<std::uint64_t> large{"large", std::numeric_limits<std::uint64_t>::max()};
    Shared<double> nan{"nan", std::numeric_limits<double>::quiet_NaN()};
    Shared<double> negative_zero{"negative_zero", -0.0};
    Shared<float> single{"single", 0.1f};
    Shared<std::string> text{"text", "twelve chars"};
    Shared<std::vector<int>> list{"list", {1, 2, 3}};
    note_words(flag);
    note_words(small);
    note_words(large);
    note_words(nan);
    note_words(negative_zero);
    note_words(single);
    note_words(text);
    note_words(list);
    co_return;
}

TEST(TextWords, SharedWritesTheWordsOfItsJson) {
    written = {};
    AsyncioDefaultStrategy strategy;
    execute(Scenario{"plain", "", "", {}, false, plain_types}, {}, strategy);
    ASSERT_EQ(written.direct.size(), 8u);
    for (std::size_t i = 0; i < written.direct.size(); ++i) EXPECT_EQ(written.direct[i], written.as_json[i]) << i;
}

Task<> add_one(Shared<int>& x) { co_await x.store(x.get() + 1); }
// Names taken twice (a name with an id too), an object gone before the end, NaN, text.
Task<> awkward_outcome() {
    Shared<int> x{"x", 0};
    Shared<int> again{"x", 5};
    Shared<int> with_id{"x#1", 6};
    { Shared<std::string> gone{"gone", "before the end"}; }
    Shared<double> nan{"nan", std::numeric_limits<double>::quiet_NaN()};
    co_await gather(add_one(x), add_one(again));
}
Task<> plain_outcome() {
    Shared<int> x{"x", 0};
    { Shared<std::string> gone{"gone", "before the end"}; }
    Shared<std::string> text{"text", "a"};
    co_await gather(add_one(x), add_one(x));
}

TEST(TextWords, AnExecutionsOutcomeAsWordsIsItsJsonsWords) {
    for (auto body : {awkward_outcome, plain_outcome}) {
        const Scenario scenario{"outcome", "", "", {}, false, body};
        AsyncioDefaultStrategy as_json_strategy;
        const auto as_json = execute(scenario, {}, as_json_strategy);
        EXPECT_TRUE(as_json.outcome_words.empty());
        RuntimeOptions options;
        options.outcome_as_words = true;
        AsyncioDefaultStrategy as_words_strategy;
        const auto as_words = execute(scenario, {}, as_words_strategy, options);
        EXPECT_EQ(as_words.outcome_words, words_of(as_json.outcome)) << as_json.outcome.dump();
        if (body == plain_outcome) {
            EXPECT_TRUE(as_words.outcome.empty()) << "distinct names, plain values: words alone";
        } else {  // (shared names and NaN: the JSON is built too, NaN kept)
            EXPECT_EQ(as_words.outcome.dump(), as_json.outcome.dump());
            EXPECT_TRUE(std::isnan(as_words.outcome.at("nan").get<double>()));
        }
    }
}

// Six objects, named from the current list: whether names repeat is remembered from one
// execution to the next (past a few names), and must be found again when they change.
std::vector<std::string> six_names;
Task<> six_objects() {
    std::vector<std::unique_ptr<Shared<int>>> objects;
    for (std::size_t i = 0; i < six_names.size(); ++i)
        objects.push_back(std::make_unique<Shared<int>>(six_names[i], static_cast<int>(i)));
    co_return;
}

TEST(TextWords, AnOutcomesNamesAreComparedAgainWhenTheyChange) {
    const Scenario scenario{"six", "", "", {}, false, six_objects};
    const std::vector<std::vector<std::string>> runs = {{"a", "b", "c", "d", "e", "f"}, {"a", "b", "c", "d", "e", "a"},
                                                        {"a", "b", "c", "d", "e", "a"}, {"a", "b", "c", "d", "e", "g"},
                                                        {"a", "b", "c", "d", "e", "f"}, {"f", "b", "c", "d", "e", "f"}};
    for (const auto& names : runs) {
        six_names = names;
        AsyncioDefaultStrategy as_json_strategy;
        const auto as_json = execute(scenario, {}, as_json_strategy);
        RuntimeOptions options;
        options.outcome_as_words = true;
        AsyncioDefaultStrategy as_words_strategy;
        const auto as_words = execute(scenario, {}, as_words_strategy, options);
        EXPECT_EQ(as_words.outcome_words, words_of(as_json.outcome)) << as_json.outcome.dump();
        const bool repeated = as_json.outcome.contains("a#5") || as_json.outcome.contains("f#5");
        EXPECT_EQ(as_words.outcome.dump(), repeated ? as_json.outcome.dump() : "{}")
            << "names taken twice build the JSON too, distinct ones do not";
    }
    six_names.clear();
}

}  // namespace
}  // namespace interleave
