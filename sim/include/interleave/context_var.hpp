#pragma once
// ContextVar<T>: contextvars.ContextVar (SEMANTICS.md §13). Every task runs in its own context,
// a copy of its creator's taken at spawn; set() in one task is invisible to the others and to
// tasks created before it. Callbacks run in the context copied when they were registered.
#include <memory>
#include <optional>
#include <string>

#include <interleave/detail/context_data.hpp>
#include <interleave/detail/object_base.hpp>
#include <interleave/errors.hpp>
#include <interleave/repr.hpp>
#include <interleave/runtime.hpp>

namespace interleave {

template <class T>
class ContextVar : public detail::ObjectBase {
public:
    /// What set() returns; reset(token) restores the value from before that set().
    class Token {
    public:
        bool used() const { return used_; }
        /// Token.old_value: the value before that set(); nullopt for Token.MISSING.
        std::optional<T> old_value() const {
            if (!old_) return std::nullopt;
            return *static_cast<const T*>(old_.get());
        }

    private:
        friend class ContextVar;
        Token(ObjectId var, std::shared_ptr<const void> old) : var_(var), old_(std::move(old)) {}
        ObjectId var_;
        std::shared_ptr<const void> old_;  // null: the variable had no value
        bool used_ = false;
    };

    explicit ContextVar(std::string name) : ObjectBase("ContextVar", std::move(name)) {}
    ContextVar(std::string name, T fallback) : ObjectBase("ContextVar", std::move(name)), default_(std::move(fallback)) {}

    /// The value in the current context, else the variable's default; LookupError without one.
    T get() const {
        if (auto value = lookup()) return *value;
        if (default_) return *default_;
        throw LookupError("<ContextVar name='" + name() + "'>");
    }
    /// The value in the current context, else `fallback` (get(default) in Python).
    T get(T fallback) const {
        if (auto value = lookup()) return *value;
        return fallback;
    }
    Token set(T value) {
        record_local("set", detail::repr_if_possible(value));
        auto& runtime = Runtime::current();
        const auto& context = runtime.current_context();
        std::shared_ptr<const void> old;
        if (auto* found = context->find(id())) old = *found;
        runtime.set_current_context(with(context, std::make_shared<const T>(std::move(value))));
        return Token(id(), std::move(old));
    }
    void reset(Token& token) {
        if (token.used_) throw RuntimeError("Token has already been used once");
        if (token.var_ != id()) throw ValueError("Token was created by a different ContextVar");
        token.used_ = true;
        record_local("reset");
        auto& runtime = Runtime::current();
        runtime.set_current_context(with(runtime.current_context(), token.old_));
    }

private:
    std::optional<T> lookup() const {
        const auto& context = Runtime::current().current_context();
        if (auto* found = context->find(id())) return *static_cast<const T*>(found->get());
        return std::nullopt;
    }
    // Contexts are shared by the tasks that copied them: a change makes a new one.
    detail::ContextPtr with(const detail::ContextPtr& context, std::shared_ptr<const void> value) const {
        auto next = detail::ContextPtr::make(*context);
        std::erase_if(next->values, [this](const auto& entry) { return entry.first == id(); });
        if (value) next->values.emplace_back(id(), std::move(value));
        return next;
    }

    std::optional<T> default_;
};

}  // namespace interleave
