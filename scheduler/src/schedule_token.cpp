#include <interleave/scheduler/schedule_token.hpp>

namespace interleave {

namespace {
constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr const char* prefix = "v1.";

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
    std::vector<std::uint8_t> bytes;
    bytes.push_back(schedule.time_model == TimeModel::strict ? 0 : 1);
    bytes.push_back(static_cast<std::uint8_t>(schedule.fingerprint & 0xFF));
    bytes.push_back(static_cast<std::uint8_t>(schedule.fingerprint >> 8));
    put_varint(bytes, schedule.choices.size());
    for (auto id : schedule.choices) put_varint(bytes, id);
    bytes.push_back(checksum(bytes, bytes.size()));
    std::string token = prefix;
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

Schedule decode_schedule(const std::string& token) {
    if (token.rfind(prefix, 0) != 0)
        throw BadSchedule("'" + token + "' is not a schedule token (tokens start with " + prefix + ")");
    std::vector<std::uint8_t> bytes;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = std::string(prefix).size(); i < token.size(); ++i) {
        const char* found = std::char_traits<char>::find(alphabet, 64, token[i]);
        if (!found) throw BadSchedule(std::string("schedule token has a character it cannot have: '") + token[i] + "'");
        buffer = (buffer << 6) | static_cast<std::uint32_t>(found - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<std::uint8_t>(buffer >> bits));
        }
    }
    if (bytes.size() < 5) throw BadSchedule("schedule token is truncated");
    if (checksum(bytes, bytes.size() - 1) != bytes.back())
        throw BadSchedule("schedule token is corrupt or truncated (checksum mismatch)");
    Schedule schedule;
    if (bytes[0] > 1) throw BadSchedule("schedule token has an unknown time model");
    schedule.time_model = bytes[0] == 0 ? TimeModel::strict : TimeModel::relaxed;
    schedule.fingerprint = static_cast<std::uint16_t>(bytes[1] | (bytes[2] << 8));
    Reader reader{bytes, 3, bytes.size() - 1};
    const auto count = reader.varint();
    if (count > bytes.size()) throw BadSchedule("schedule token is malformed");
    for (std::uint64_t i = 0; i < count; ++i) schedule.choices.push_back(static_cast<TaskId>(reader.varint()));
    if (reader.pos != reader.end) throw BadSchedule("schedule token is malformed (trailing bytes)");
    return schedule;
}

}  // namespace interleave
