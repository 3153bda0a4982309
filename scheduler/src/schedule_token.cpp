#include <interleave/scheduler/schedule_token.hpp>

#include <algorithm>
#include <bit>

namespace interleave {

namespace {
constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view plain_prefix = "v1.";
constexpr std::string_view packed_prefix = "v2.";

// v2 packs the choices as runs: a run's header is a varint, (n << 1) for n literal ids that
// follow, or ((n - min_copy) << 1 | 1) for n ids copied from `distance` ids back (a varint
// after it; the copy may overlap what it makes, so one copy repeats a cycle).
constexpr std::size_t min_copy = 3;   // shorter copies take at least as many bytes as the ids
constexpr std::size_t max_chain = 8;  // earlier positions tried per hashed triple, nearest first

void put_varint(std::vector<std::uint8_t>& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

std::uint8_t checksum(const std::vector<std::uint8_t>& bytes, std::size_t size) {
    std::uint32_t sum = 0x5A;
    for (std::size_t i = 0; i < size; ++i) sum = (sum * 31 + bytes[i]) & 0xFF;
    return static_cast<std::uint8_t>(sum);
}

/// v2's: 16 bits (FNV-1a folded), as a packed token's every byte stands for many choices.
std::uint16_t packed_checksum(const std::vector<std::uint8_t>& bytes, std::size_t size) {
    std::uint32_t hash = 2166136261U;
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 16777619U;
    return static_cast<std::uint16_t>(hash ^ (hash >> 16));
}

struct Reader {
    const std::vector<std::uint8_t>& bytes;
    std::size_t pos = 0;
    std::size_t end;
    std::uint64_t varint() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw BadSchedule("schedule token is truncated");
            const std::uint8_t byte = bytes[pos++];
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return value;
        }
        throw BadSchedule("schedule token is malformed");
    }
};

std::vector<std::uint8_t> header(const Schedule& schedule) {
    std::vector<std::uint8_t> bytes;
    bytes.push_back(schedule.time_model == TimeModel::strict ? 0 : 1);
    bytes.push_back(static_cast<std::uint8_t>(schedule.fingerprint & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(schedule.fingerprint >> 8));
    put_varint(bytes, schedule.choices.size());
    return bytes;
}

std::string to_text(std::string_view prefix, const std::vector<std::uint8_t>& bytes) {
    std::string token(prefix);
    token.reserve(prefix.size() + (bytes.size() * 4 + 2) / 3);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (auto byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            token += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) token += alphabet[(buffer << (6 - bits)) & 0x3F];
    return token;
}

std::vector<std::uint8_t> from_text(const std::string& token, std::size_t prefix_size) {
    std::vector<std::uint8_t> bytes;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = prefix_size; i < token.size(); ++i) {
        const char* found = std::char_traits<char>::find(alphabet, 64, token[i]);
        if (!found) throw BadSchedule(std::string("schedule token has a character it cannot have: '") + token[i] + "'");
        buffer = (buffer << 6) | static_cast<std::uint32_t>(found - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<std::uint8_t>(buffer >> bits));
        }
    }
    return bytes;
}

void read_header(const std::vector<std::uint8_t>& bytes, Schedule& schedule) {
    if (bytes[0] > 1) throw BadSchedule("schedule token has an unknown time model");
    schedule.time_model = bytes[0] == 0 ? TimeModel::strict : TimeModel::relaxed;
    schedule.fingerprint = static_cast<std::uint16_t>(bytes[1] | (bytes[2] << 8));
}

std::vector<std::uint8_t> plain_bytes(const Schedule& schedule) {
    auto bytes = header(schedule);
    for (auto id : schedule.choices) put_varint(bytes, id);
    bytes.push_back(checksum(bytes, bytes.size()));
    return bytes;
}

/// The longest run at `at` that repeats what came `distance` ids before (overlapping allowed).
std::size_t match_length(const std::vector<TaskId>& ids, std::size_t at, std::size_t distance) {
    std::size_t length = 0;
    while (at + length < ids.size() && ids[at + length] == ids[at + length - distance]) ++length;
    return length;
}

/// Greedy LZ77 over the choices: at each position the longest copy from the last positions that
/// began with the same three ids (nearest first on ties; a cycle of k tasks is found k back).
std::vector<std::uint8_t> packed_bytes(const Schedule& schedule) {
    const auto& ids = schedule.choices;
    auto bytes = header(schedule);
    // An exploration encodes a token for each distinct outcome's witness, mostly short ones: the
    // tables are sized to the schedule and kept per thread.
    const std::size_t buckets = std::clamp<std::size_t>(std::bit_ceil(ids.size()), 16, 4096);
    constexpr std::size_t none = SIZE_MAX;
    thread_local std::vector<std::size_t> last_at;   // by hashed triple: its latest position
    thread_local std::vector<std::size_t> previous;  // by position: the one before it with that hash
    last_at.assign(buckets, none);
    previous.resize(ids.size());  // (each entry is written before it is read, by remember)
    auto bucket_of = [&](std::size_t at) {
        const std::uint64_t triple = (std::uint64_t{ids[at]} * 0x9E3779B1U) ^ (std::uint64_t{ids[at + 1]} << 21) ^
                                     (std::uint64_t{ids[at + 2]} * 0x85EBCA77U);
        return static_cast<std::size_t>((triple ^ (triple >> 17)) & (buckets - 1));
    };
    auto remember = [&](std::size_t at) {
        if (at + 2 >= ids.size()) return;
        auto& latest = last_at[bucket_of(at)];
        previous[at] = latest;
        latest = at;
    };
    std::size_t literal_from = 0;
    auto flush_literals = [&](std::size_t until) {
        if (until == literal_from) return;
        put_varint(bytes, (until - literal_from) << 1);
        for (std::size_t i = literal_from; i < until; ++i) put_varint(bytes, ids[i]);
    };
    std::size_t at = 0;
    while (at < ids.size()) {
        std::size_t best_length = 0;
        std::size_t best_distance = 0;
        auto consider = [&](std::size_t distance) {
            const auto length = match_length(ids, at, distance);
            if (length > best_length) {
                best_length = length;
                best_distance = distance;
            }
        };
        if (at + 2 < ids.size()) {
            std::size_t tried = 0;
            for (auto earlier = last_at[bucket_of(at)]; earlier != none && tried < max_chain;
                 earlier = previous[earlier], ++tried)
                consider(at - earlier);
        }
        if (best_length < min_copy) {
            remember(at);
            ++at;
            continue;
        }
        flush_literals(at);
        put_varint(bytes, ((best_length - min_copy) << 1) | 1);
        put_varint(bytes, best_distance);
        for (std::size_t i = at; i < at + best_length; ++i) remember(i);
        at += best_length;
        literal_from = at;
    }
    flush_literals(ids.size());
    const auto sum = packed_checksum(bytes, bytes.size());
    bytes.push_back(static_cast<std::uint8_t>(sum & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(sum >> 8));
    return bytes;
}

Schedule decode_plain(const std::string& token) {
    const auto bytes = from_text(token, plain_prefix.size());
    if (bytes.size() < 5) throw BadSchedule("schedule token is truncated");
    if (checksum(bytes, bytes.size() - 1) != bytes.back())
        throw BadSchedule("schedule token is corrupt or truncated (checksum mismatch)");
    Schedule schedule;
    read_header(bytes, schedule);
    Reader reader{bytes, 3, bytes.size() - 1};
    const auto count = reader.varint();
    if (count > bytes.size()) throw BadSchedule("schedule token is malformed");
    for (std::uint64_t i = 0; i < count; ++i) schedule.choices.push_back(static_cast<TaskId>(reader.varint()));
    if (reader.pos != reader.end) throw BadSchedule("schedule token is malformed (trailing bytes)");
    return schedule;
}

Schedule decode_packed(const std::string& token) {
    const auto bytes = from_text(token, packed_prefix.size());
    if (bytes.size() < 6) throw BadSchedule("schedule token is truncated");
    const auto sum = packed_checksum(bytes, bytes.size() - 2);
    if (bytes[bytes.size() - 2] != (sum & 0xFF) || bytes.back() != (sum >> 8))
        throw BadSchedule("schedule token is corrupt or truncated (checksum mismatch)");
    Schedule schedule;
    read_header(bytes, schedule);
    Reader reader{bytes, 3, bytes.size() - 2};
    const auto count = reader.varint();
    // A copy makes many choices of a few bytes, so the token's length does not bound the count:
    // no execution makes more choices than the largest --max-steps allows steps.
    constexpr std::uint64_t max_choices = 100'000'000;
    if (count > max_choices) throw BadSchedule("schedule token is malformed (too many choices)");
    auto& ids = schedule.choices;
    while (ids.size() < count) {
        const auto run = reader.varint();
        const auto left = count - ids.size();
        if (run & 1) {
            const auto length = (run >> 1) + min_copy;
            const auto distance = reader.varint();
            if (length > left || distance == 0 || distance > ids.size())
                throw BadSchedule("schedule token is malformed (a copy reaches outside the choices)");
            for (std::uint64_t i = 0; i < length; ++i) ids.push_back(ids[ids.size() - distance]);
        } else {
            const auto length = run >> 1;
            if (length == 0) throw BadSchedule("schedule token is malformed (a run of no choices)");
            if (length > left) throw BadSchedule("schedule token is malformed (a run past the choice count)");
            for (std::uint64_t i = 0; i < length; ++i) ids.push_back(static_cast<TaskId>(reader.varint()));
        }
    }
    if (reader.pos != reader.end) throw BadSchedule("schedule token is malformed (trailing bytes)");
    return schedule;
}
}  // namespace

std::uint16_t scenario_fingerprint(const std::string& scenario, const Params& params) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a over "name;k=v;..."
    auto mix = [&](const std::string& text) {
        for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    };
    mix(scenario);
    for (const auto& [name, value] : params) mix(";" + name + "=" + std::to_string(value));
    return static_cast<std::uint16_t>(hash ^ (hash >> 16) ^ (hash >> 32) ^ (hash >> 48));
}

std::string encode_schedule(const Schedule& schedule) {
    auto plain = plain_bytes(schedule);
    // Short schedules stay v1, as earlier versions wrote them: the tokens users keep do not change.
    if (schedule.choices.size() < 2 * min_copy) return to_text(plain_prefix, plain);
    auto packed = packed_bytes(schedule);
    // (Fewer bytes never make more characters: both prefixes are three.)
    return packed.size() < plain.size() ? to_text(packed_prefix, packed) : to_text(plain_prefix, plain);
}

Schedule decode_schedule(const std::string& token) {
    if (token.rfind(plain_prefix, 0) == 0) return decode_plain(token);
    if (token.rfind(packed_prefix, 0) == 0) return decode_packed(token);
    throw BadSchedule("'" + token + "' is not a schedule token (tokens start with v1. or v2.)");
}

}  // namespace interleave
