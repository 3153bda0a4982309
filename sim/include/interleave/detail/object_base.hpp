#pragma once
// ObjectBase: every named object (Lock, Queue, Shared ...) registers with the running Runtime,
// which gives it a small integer id in creation order and can ask it for its state.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <interleave/detail/text_words.hpp>
#include <interleave/runtime.hpp>
#include <interleave/strategy.hpp>

namespace interleave::detail {

class ObjectBase {
public:
    /// `kind`: a literal ("Lock", "Shared" ...): results keep a view of it.
    ObjectBase(std::string_view kind, std::string name);
    virtual ~ObjectBase();
    ObjectBase(const ObjectBase&) = delete;
    ObjectBase& operator=(const ObjectBase&) = delete;

    ObjectId id() const { return id_; }
    const std::string& name() const { return name_; }
    /// One line for deadlock reports: "held by increment#1", "empty, 2 getters waiting".
    virtual std::string describe() const { return {}; }
    /// The value that enters the execution's outcome (Shared only).
    virtual std::optional<nlohmann::ordered_json> outcome_value() const { return std::nullopt; }
    /// Appends the outcome value's text words (TextWords) to `words`, if it has one. (Shared
    /// writes those of plain types with no JSON built.)
    enum class OutcomeWords : std::uint8_t {
        none,     // no outcome value
        exact,    // the words give the value back
        inexact,  // they do not (NaN, an infinity): the outcome's JSON needs outcome_value()
    };
    virtual OutcomeWords append_outcome_words(TextWords& words) const {
        auto value = outcome_value();
        if (!value) return OutcomeWords::none;
        return append_text_words(*value, words) ? OutcomeWords::exact : OutcomeWords::inexact;
    }

protected:
    /// Unregisters from the runtime, handing it the outcome value. A derived class whose
    /// outcome_value() reads its own members calls this from its destructor, while they exist.
    void retire();
    /// Records an operation that changes this object (or may: waiter lists included) in the
    /// running execution's trace and in the running step's record. (Inline, as the next two:
    /// every operation on a primitive records, and an exploring run keeps no trace.)
    void record(std::string_view op, std::string value = {}) const {
        touch(AccessKind::write);
        record_local(op, std::move(value));
    }
    /// Records an operation that only looks at this object.
    void record_read(std::string_view op, std::string value = {}) const {
        touch(AccessKind::read);
        record_local(op, std::move(value));
    }
    /// Records an operation without telling the step's record (ContextVar's are task-local;
    /// Shared touches first, then records only when values are wanted).
    void record_local(std::string_view op, std::string value = {}) const {
        auto& runtime = Runtime::current();
        if (runtime.recording()) runtime.record(op, id_, std::move(value));
    }
    /// Whether the running execution keeps a trace (compute recorded values only then).
    static bool recording();
    /// Tells the running step's record that it looked at (or changed) the object. (Inline:
    /// every access to a primitive makes it, and the record is rarely being kept.)
    void touch(AccessKind kind) const {
        if (auto* runtime = Runtime::current_or_null()) runtime->access(key_, kind);
    }

private:
    ObjectId id_;
    std::uint64_t key_;
    std::string name_;
};

}  // namespace interleave::detail
