// Schedule tokens: shell-safe, versioned, and refusing what does not fit.
#include <gtest/gtest.h>

#include <interleave/scheduler/prng.hpp>
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

TEST(ScheduleToken, ALongScheduleThatRepeatsACycleTakesAFewCharacters) {
    // A livelock: two tasks alternating for 100,000 choices (v1 spells each: 133 KB).
    Schedule livelock{TimeModel::strict, 0x1234, {}};
    for (int i = 0; i < 100000; ++i) livelock.choices.push_back(1 + i % 2);
    const auto token = encode_schedule(livelock);
    EXPECT_EQ(token.rfind("v2.", 0), 0u);
    EXPECT_LT(token.size(), 30u) << token;
    const auto decoded = decode_schedule(token);
    EXPECT_EQ(decoded.choices, livelock.choices);
    EXPECT_EQ(decoded.fingerprint, 0x1234);
}

/// The length of the schedule's v1 token: "v1." and the base64 of its bytes.
std::size_t plain_length(const Schedule& schedule) {
    auto varint_size = [](std::uint64_t value) {
        std::size_t size = 1;
        for (; value >= 0x80; value >>= 7) ++size;
        return size;
    };
    std::size_t bytes = 3 + varint_size(schedule.choices.size()) + 1;
    for (auto id : schedule.choices) bytes += varint_size(id);
    return 3 + (bytes * 8 + 5) / 6;
}

TEST(ScheduleToken, PackedSchedulesRoundTripAndAreNeverLongerThanPlainOnes) {
    // Random schedules of random lengths, mixing fresh choices with repeats of earlier stretches
    // (near and far, overlapping their own start), as long executions make them.
    Xoshiro256 random(2026);
    int packed = 0;
    for (int round = 0; round < 400; ++round) {
        Schedule schedule{round % 2 ? TimeModel::relaxed : TimeModel::strict, static_cast<std::uint16_t>(round), {}};
        const auto size = random.below(round < 200 ? 40 : 3000);
        const auto tasks = 2 + random.below(round % 3 ? 4 : 300);
        while (schedule.choices.size() < size) {
            if (schedule.choices.empty() || random.below(3) == 0) {
                schedule.choices.push_back(static_cast<TaskId>(random.below(tasks)));
                continue;
            }
            const auto distance = 1 + random.below(schedule.choices.size());
            const auto length = random.below(2 * distance + 8);
            for (std::uint64_t i = 0; i < length && schedule.choices.size() < size; ++i)
                schedule.choices.push_back(schedule.choices[schedule.choices.size() - distance]);
        }
        const auto token = encode_schedule(schedule);
        EXPECT_LE(token.size(), plain_length(schedule));
        const auto decoded = decode_schedule(token);
        EXPECT_EQ(decoded.choices, schedule.choices) << token;
        EXPECT_EQ(decoded.time_model, schedule.time_model);
        EXPECT_EQ(decoded.fingerprint, schedule.fingerprint);
        if (token.rfind("v2.", 0) == 0) ++packed;
        if (schedule.choices.size() < 6) {
            EXPECT_EQ(token.rfind("v1.", 0), 0u) << "short schedules stay v1";
        }
    }
    EXPECT_GT(packed, 100);  // the repeats make most long ones packed
}

/// A v2 token of these bytes after the header (time model strict, fingerprint 7), with a valid
/// checksum: what a bug or a hand-made token could hold.
std::string packed_token(std::vector<std::uint8_t> body) {
    std::vector<std::uint8_t> bytes{0, 7, 0};
    bytes.insert(bytes.end(), body.begin(), body.end());
    std::uint32_t hash = 2166136261U;
    for (auto byte : bytes) hash = (hash ^ byte) * 16777619U;
    const auto sum = static_cast<std::uint16_t>(hash ^ (hash >> 16));
    bytes.push_back(static_cast<std::uint8_t>(sum & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(sum >> 8));
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token = "v2.";
    std::uint32_t buffer = 0;
    int bits = 0;
    for (auto byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        for (; bits >= 6; bits -= 6) token += alphabet[(buffer >> (bits - 6)) & 0x3F];
    }
    if (bits > 0) token += alphabet[(buffer << (6 - bits)) & 0x3F];
    return token;
}

std::string refusal(const std::string& token) {
    try {
        decode_schedule(token);
    } catch (const BadSchedule& error) {
        return error.what();
    }
    return "accepted";
}

TEST(ScheduleToken, PackedTokensThatDoNotAddUpAreRefused) {
    // 5 choices: literals 1 2, then 3 copied from 2 back: 1 2 1 2 1.
    EXPECT_EQ(decode_schedule(packed_token({5, 2 << 1, 1, 2, 1, 2})).choices, (std::vector<TaskId>{1, 2, 1, 2, 1}));
    EXPECT_EQ(refusal(packed_token({5, 2 << 1, 1, 2, 1, 3})),
              "schedule token is malformed (a copy reaches outside the choices)");  // 3 back, 2 made
    EXPECT_EQ(refusal(packed_token({5, 2 << 1, 1, 2, 1, 0})),
              "schedule token is malformed (a copy reaches outside the choices)");  // 0 back
    EXPECT_EQ(refusal(packed_token({4, 2 << 1, 1, 2, 1, 2})),
              "schedule token is malformed (a copy reaches outside the choices)");  // past the count
    EXPECT_EQ(refusal(packed_token({5, 0, 1})), "schedule token is malformed (a run of no choices)");
    EXPECT_EQ(refusal(packed_token({2, 3 << 1, 1, 2, 3})), "schedule token is malformed (a run past the choice count)");
    EXPECT_EQ(refusal(packed_token({2, 2 << 1, 1, 2, 9})), "schedule token is malformed (trailing bytes)");
    EXPECT_EQ(refusal(packed_token({5, 2 << 1, 1, 2})), "schedule token is truncated");
    EXPECT_EQ(refusal(packed_token({0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 0, 1, 1})),
              "schedule token is malformed (too many choices)");
    auto token = encode_schedule(Schedule{TimeModel::strict, 3, std::vector<TaskId>(500, 1)});
    ASSERT_EQ(token.rfind("v2.", 0), 0u);
    token[4] = token[4] == 'A' ? 'B' : 'A';
    EXPECT_EQ(refusal(token), "schedule token is corrupt or truncated (checksum mismatch)");
    EXPECT_EQ(refusal("v3.AAAAAAAA"), "'v3.AAAAAAAA' is not a schedule token (tokens start with v1. or v2.)");
}

TEST(ScheduleToken, ArbitraryPackedBytesAreDecodedOrRefusedNeverMisread) {
    // Hand-made or damaged runs with a valid checksum: each is either the choices it counts or
    // a BadSchedule, never a crash or a read past what was made (AddressSanitizer in CI).
    Xoshiro256 random(7);
    int decoded = 0;
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
        const auto count = random.below(12);
        std::vector<std::uint8_t> body{static_cast<std::uint8_t>(count)};
        const auto size = random.below(14);
        for (std::uint64_t i = 0; i < size; ++i)
            body.push_back(static_cast<std::uint8_t>(random.below(4) == 0 ? random.below(256) : random.below(8)));
        try {
            EXPECT_EQ(decode_schedule(packed_token(body)).choices.size(), count);
            ++decoded;
        } catch (const BadSchedule&) {
            ++refused;
        }
    }
    EXPECT_GT(decoded, 100);  // (180 of these 20,000 add up)
    EXPECT_GT(refused, 10000);
}

TEST(ScheduleToken, FingerprintDependsOnScenarioAndParameters) {
    EXPECT_EQ(scenario_fingerprint("counter_race", {{"tasks", 3}}), scenario_fingerprint("counter_race", {{"tasks", 3}}));
    EXPECT_NE(scenario_fingerprint("counter_race", {{"tasks", 3}}), scenario_fingerprint("counter_race", {{"tasks", 4}}));
    EXPECT_NE(scenario_fingerprint("counter_race", {}), scenario_fingerprint("counter_lock", {}));
}

}  // namespace
}  // namespace interleave
