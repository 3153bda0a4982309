#pragma once
// TextWords: a JSON value's text (what its dump shows) as 64-bit words, the same for two values
// exactly when their dumps are: an integer alike in either type, -0.0 unlike 0.0, NaN and the
// infinities as null (they dump so), a binary value as the object it dumps as. A prefix code:
// each value is a header word (its kind, with its size or a flag) and then its content, a
// string's characters in zero-padded words. json_of_text_words gives back a value that dumps
// alike, and equal but for NaN and the infinities (null) and integers' types.
// An explorer tells outcomes apart by these words: hashing and comparing them is a loop over a
// few words, and a Shared value of a plain type writes them with no JSON built (see
// ObjectBase::append_outcome_words).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace interleave::detail {

using TextWords = std::vector<std::uint64_t>;

enum class TextKind : std::uint8_t { null, boolean, integer, real, string, array, object };

/// A header word: the kind in the top byte, a size or a flag below it.
inline void append_header(TextKind kind, std::uint64_t low, TextWords& words) {
    words.push_back(static_cast<std::uint64_t>(kind) << 56 | low);
}
inline TextKind header_kind(std::uint64_t header) { return static_cast<TextKind>(header >> 56); }
inline std::uint64_t header_low(std::uint64_t header) { return header & ((std::uint64_t{1} << 56) - 1); }
/// How many words hold a string of `size` characters, after its header.
inline std::size_t string_word_count(std::uint64_t size) { return static_cast<std::size_t>((size + 7) / 8); }
inline void append_null_words(TextWords& words) { append_header(TextKind::null, 0, words); }
inline void append_bool_words(bool value, TextWords& words) { append_header(TextKind::boolean, value ? 1 : 0, words); }
/// An integer as its sign and magnitude, whichever type holds it.
inline void append_integer_words(bool negative, std::uint64_t magnitude, TextWords& words) {
    append_header(TextKind::integer, negative ? 1 : 0, words);
    words.push_back(magnitude);
}
template <class Integer>
requires std::is_integral_v<Integer>
void append_integer_words(Integer value, TextWords& words) {
    if constexpr (std::is_signed_v<Integer>)
        append_integer_words(
            value < 0, value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value), words);
    else
        append_integer_words(false, static_cast<std::uint64_t>(value), words);
}
/// False for NaN and the infinities, written as null (their text): the words then do not give
/// the value back (json_of_text_words makes null of them).
inline bool append_real_words(double value, TextWords& words) {
    if (!std::isfinite(value)) {
        append_null_words(words);
        return false;
    }
    append_header(TextKind::real, 0, words);
    words.push_back(std::bit_cast<std::uint64_t>(value));
    return true;
}
inline void append_string_words(std::string_view text, TextWords& words) {
    append_header(TextKind::string, text.size(), words);
    for (std::size_t at = 0; at < text.size(); at += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + at, std::min<std::size_t>(8, text.size() - at));
        words.push_back(word);
    }
}
/// Whether the strings whose words start (with their headers) at `a` and at `b` are the same.
inline bool same_string_words(const TextWords& words, std::size_t a, std::size_t b) {
    if (words[a] != words[b]) return false;  // (the headers: the sizes)
    const auto count = static_cast<std::ptrdiff_t>(string_word_count(header_low(words[a])));
    const auto first = words.begin() + static_cast<std::ptrdiff_t>(a) + 1;
    return std::equal(first, first + count, words.begin() + static_cast<std::ptrdiff_t>(b) + 1);
}
/// An object's header: its members follow, each a key's string words and the value's words.
inline void append_object_header(std::size_t members, TextWords& words) {
    append_header(TextKind::object, members, words);
}

/// Whether the words give the value back: false when it holds NaN or an infinity.
bool append_text_words(const nlohmann::ordered_json& value, TextWords& words);

/// The value whose text the words are (a dump equal to the encoded value's). Throws
/// std::invalid_argument on words that encode no value.
nlohmann::ordered_json json_of_text_words(std::span<const std::uint64_t> words);

}  // namespace interleave::detail
