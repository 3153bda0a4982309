// Schedule tokens: shell-safe, versioned, and refusing what does not fit.
#include <gtest/gtest.h>

#include <interleave/scheduler/schedule_token.hpp>

namespace interleave {
namespace {

TEST(ScheduleToken, RoundTripsChoicesTimeModelAndFingerprint) {
    Schedule schedule{TimeModel::relaxed, 0xBEEF, {1, 2, 3, 300, 0, 70000}};
    auto token = encode_schedule(schedule);
    EXPECT_EQ(token.rfind("v1.", 0), 0u);
    auto decoded = decode_schedule(token);
    EXPECT_EQ(decoded.time_model, TimeModel::relaxed);
    EXPECT_EQ(decoded.fingerprint, 0xBEEF);
    EXPECT_EQ(decoded.choices, schedule.choices);
}

TEST(ScheduleToken, UsesOnlyShellSafeCharacters) {
    auto token = encode_schedule(Schedule{TimeModel::strict, 7, {0, 1, 2, 3, 4, 5, 250, 251, 252}});
    for (char c : token) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') << c;
}

TEST(ScheduleToken, AnEmptyScheduleIsAValidToken) {
    auto decoded = decode_schedule(encode_schedule(Schedule{TimeModel::strict, 1, {}}));
    EXPECT_TRUE(decoded.choices.empty());
}

TEST(ScheduleToken, TruncatedCorruptAndForeignTokensAreRefused) {
    auto token = encode_schedule(Schedule{TimeModel::strict, 42, {1, 2, 1, 2, 3}});
    EXPECT_THROW(decode_schedule(token.substr(0, token.size() - 3)), BadSchedule);
    auto corrupt = token;
    corrupt[5] = corrupt[5] == 'A' ? 'B' : 'A';
    EXPECT_THROW(decode_schedule(corrupt), BadSchedule);
    EXPECT_THROW(decode_schedule("v2.AAAA"), BadSchedule);
    EXPECT_THROW(decode_schedule("v1.$$$"), BadSchedule);
    EXPECT_THROW(decode_schedule(""), BadSchedule);
}

TEST(ScheduleToken, FingerprintDependsOnScenarioAndParameters) {
    EXPECT_EQ(scenario_fingerprint("counter_race", {{"tasks", 3}}), scenario_fingerprint("counter_race", {{"tasks", 3}}));
    EXPECT_NE(scenario_fingerprint("counter_race", {{"tasks", 3}}), scenario_fingerprint("counter_race", {{"tasks", 4}}));
    EXPECT_NE(scenario_fingerprint("counter_race", {}), scenario_fingerprint("counter_lock", {}));
}

}  // namespace
}  // namespace interleave
