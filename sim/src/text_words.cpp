#include <stdexcept>
#include <string>

#include <interleave/detail/text_words.hpp>

namespace interleave::detail {

using json = nlohmann::ordered_json;

bool append_text_words(const json& value, TextWords& words) {
    switch (value.type()) {
        case json::value_t::null:
        case json::value_t::discarded:
            append_null_words(words);
            return true;
        case json::value_t::boolean:
            append_bool_words(value.get_ref<const json::boolean_t&>(), words);
            return true;
        case json::value_t::number_integer:
            append_integer_words(value.get_ref<const json::number_integer_t&>(), words);
            return true;
        case json::value_t::number_unsigned:
            append_integer_words(value.get_ref<const json::number_unsigned_t&>(), words);
            return true;
        case json::value_t::number_float:
            return append_real_words(value.get_ref<const json::number_float_t&>(), words);
        case json::value_t::string:
            append_string_words(value.get_ref<const json::string_t&>(), words);
            return true;
        case json::value_t::array: {
            append_header(TextKind::array, value.size(), words);
            bool exact = true;
            for (const auto& item : value.get_ref<const json::array_t&>())
                exact = append_text_words(item, words) && exact;
            return exact;
        }
        case json::value_t::object: {
            append_object_header(value.size(), words);
            bool exact = true;
            for (const auto& [key, member] : value.get_ref<const json::object_t&>()) {
                append_string_words(key, words);
                exact = append_text_words(member, words) && exact;
            }
            return exact;
        }
        case json::value_t::binary: {  // dumped as {"bytes": [...], "subtype": n or null}
            const auto& bytes = value.get_binary();
            append_object_header(2, words);
            append_string_words("bytes", words);
            append_header(TextKind::array, bytes.size(), words);
            for (const auto byte : bytes) append_integer_words(byte, words);
            append_string_words("subtype", words);
            if (bytes.has_subtype())
                append_integer_words(bytes.subtype(), words);
            else
                append_null_words(words);
            return true;
        }
    }
    return true;
}

namespace {

class Reader {
public:
    explicit Reader(std::span<const std::uint64_t> words) : words_(words) {}
    bool at_end() const { return at_ == words_.size(); }
    std::uint64_t next() {
        if (at_end()) throw std::invalid_argument("text words end inside a value");
        return words_[at_++];
    }
    std::string string_after(std::uint64_t header) {
        const auto size = static_cast<std::size_t>(header_low(header));
        std::string text(size, '\0');
        for (std::size_t at = 0; at < size; at += 8) {
            const auto word = next();
            std::memcpy(text.data() + at, &word, std::min<std::size_t>(8, size - at));
        }
        return text;
    }
    json value() {
        const auto header = next();
        switch (header_kind(header)) {
            case TextKind::null:
                return nullptr;
            case TextKind::boolean:
                return header_low(header) != 0;
            case TextKind::integer: {
                const auto magnitude = next();
                if (header_low(header) != 0) return static_cast<json::number_integer_t>(0 - magnitude);
                if (magnitude <= static_cast<std::uint64_t>(INT64_MAX))
                    return static_cast<json::number_integer_t>(magnitude);
                return magnitude;
            }
            case TextKind::real:
                return std::bit_cast<double>(next());
            case TextKind::string:
                return string_after(header);
            case TextKind::array: {
                json array = json::array();
                auto& items = array.get_ref<json::array_t&>();
                items.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(header_low(header), words_.size())));
                for (std::uint64_t i = 0; i < header_low(header); ++i) items.push_back(value());
                return array;
            }
            case TextKind::object: {
                json object = json::object();
                // The members in order, appended: an object's words hold each key once (a search
                // per key made giving back a large outcome quadratic).
                auto& members = object.get_ref<json::object_t&>();
                members.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(header_low(header), words_.size())));
                for (std::uint64_t i = 0; i < header_low(header); ++i) {
                    const auto key_header = next();
                    if (header_kind(key_header) != TextKind::string)
                        throw std::invalid_argument("text words: a key not a string");
                    auto key = string_after(key_header);
                    members.emplace_back(std::move(key), value());
                }
                return object;
            }
        }
        throw std::invalid_argument("text words: unknown kind");
    }

private:
    std::span<const std::uint64_t> words_;
    std::size_t at_ = 0;
};

}  // namespace

json json_of_text_words(std::span<const std::uint64_t> words) {
    Reader reader(words);
    auto value = reader.value();
    if (!reader.at_end()) throw std::invalid_argument("text words go on after the value");
    return value;
}

}  // namespace interleave::detail
