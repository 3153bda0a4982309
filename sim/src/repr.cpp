#include <cmath>

#include <interleave/repr.hpp>

namespace interleave {

std::string repr(std::string_view text) {
    // Python prefers single quotes, and switches to double quotes when the text has a single
    // quote and no double quote.
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c == quote) out += '\\';
                out += c;
        }
    }
    return out + quote;
}

std::string repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == std::floor(value) && std::fabs(value) < 1e16) return fmt::format("{:.1f}", value);
    return fmt::format("{}", value);  // shortest round-trip, as Python's float repr
}

}  // namespace interleave
