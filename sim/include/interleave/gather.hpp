#pragma once
// gather(a, b, c): asyncio.gather. Tasks among the arguments are spawned in argument order
// (their first steps queue behind what is already ready); handles keep their own place. The
// awaiting task resumes two hops after the last child's final step (the child's done callback,
// then its own wakeup; SEMANTICS.md §3, §6). Results come in argument order:
//   all void -> void;  all the same T -> std::vector<T>;  mixed -> std::tuple (void as monostate).
// Without return_exceptions the first child that fails (or is cancelled) fails the gather at
// once; the other children keep running. gather(return_exceptions, ...) gives Result<T>s.
// Cancelling the awaiting task cancels every child.
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <interleave/detail/await_future.hpp>
#include <interleave/result.hpp>
#include <interleave/task_handle.hpp>

namespace interleave {

struct ReturnExceptions {};
/// Tag for gather's return_exceptions=True form.
inline constexpr ReturnExceptions return_exceptions{};

namespace detail {

class GatherState : public FutureBase, public Pooled {
public:
    GatherState(std::vector<TaskState*> children, bool return_exceptions);
    ~GatherState() override;  // gives the children's list back to the runtime
    bool cancel() override;
    const std::vector<TaskState*>& children() const { return children_; }
    bool return_exceptions() const { return return_exceptions_; }

private:
    friend GatherState* start_gather(std::vector<TaskState*>, bool);
    friend class interleave::Runtime;  // runs child_done as a child's done callback
    void child_done(TaskState* child);
    std::vector<TaskState*> children_;  // one per argument; duplicates share a task
    std::size_t unique_ = 0;
    std::size_t finished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

/// The gather future, kept by the runtime until the execution ends: children may finish after
/// the awaiter has gone, and their done callbacks still count them.
GatherState* start_gather(std::vector<TaskState*> children, bool return_exceptions);

template <class X>
struct awaited;
template <class T>
struct awaited<Task<T>> {
    using type = T;
};
template <class T>
struct awaited<TaskHandle<T>> {
    using type = T;
};
template <class X>
using awaited_t = typename awaited<std::remove_cvref_t<X>>::type;

template <class X>
TaskState* gather_child(X&& x) {
    if constexpr (requires { x.state(); })
        return x.state();
    else
        return Runtime::current().spawn(std::move(x));
}

template <class T>
using void_as_monostate = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
void_as_monostate<T> child_value(TaskState* child) {
    if constexpr (std::is_void_v<T>) {
        TaskHandle<T>(child).result();
        return {};
    } else {
        return TaskHandle<T>(child).result();
    }
}

template <class T>
Result<T> child_result(TaskState* child) {
    if (child->cancelled()) return Result<T>::of_error(std::make_exception_ptr(CancelledError{}));
    if (child->error()) {
        child->error_retrieved_ = true;
        return Result<T>::of_error(child->error());
    }
    return Result<T>::of_value(child_value<T>(child));
}

template <class Out, class Build>
class GatherAwaiter {
public:
    GatherAwaiter(GatherState* state, Build build)
        : state_(state), build_(std::move(build)), wait_(*state_, {no_object, "gather"}) {}
    bool await_ready() const noexcept { return wait_.await_ready(); }
    void await_suspend(std::coroutine_handle<> frame) { wait_.await_suspend(frame); }
    Out await_resume() {
        wait_.await_resume();
        return build_(state_->children());
    }

    // The gather future itself (asyncio's _GatheringFuture).
    bool done() const { return state_->done(); }
    /// False after cancel(): 3.11 fails the gather with a CancelledError exception instead.
    bool cancelled() const { return state_->cancelled(); }
    /// Cancels every child; true when any child accepted.
    bool cancel() { return state_->cancel(); }

private:
    GatherState* state_;
    Build build_;
    FutureAwaiter wait_;
};

template <class Out, class Build>
GatherAwaiter<Out, Build> make_gather(std::vector<TaskState*> children, bool return_exceptions, Build build) {
    return GatherAwaiter<Out, Build>(start_gather(std::move(children), return_exceptions), std::move(build));
}

template <class... Ts>
constexpr bool all_same_v = sizeof...(Ts) > 0 && (std::is_same_v<std::tuple_element_t<0, std::tuple<Ts...>>, Ts> && ...);

}  // namespace detail

/// asyncio.gather(*aws) over Task<T> and TaskHandle<T> arguments.
template <class... Xs>
[[nodiscard]] auto gather(Xs&&... xs) {
    auto children = Runtime::current().take_task_list();
    (children.push_back(detail::gather_child(std::forward<Xs>(xs))), ...);  // (in argument order)
    if constexpr ((std::is_void_v<detail::awaited_t<Xs>> && ...)) {
        return detail::make_gather<void>(std::move(children), false, [](const auto& done) {
            for (auto* child : done) TaskHandle<>(child).result();
        });
    } else if constexpr (detail::all_same_v<detail::awaited_t<Xs>...>) {
        using T = std::tuple_element_t<0, std::tuple<detail::awaited_t<Xs>...>>;
        return detail::make_gather<std::vector<T>>(std::move(children), false, [](const auto& done) {
            std::vector<T> out;
            for (auto* child : done) out.push_back(TaskHandle<T>(child).result());
            return out;
        });
    } else {
        using Out = std::tuple<detail::void_as_monostate<detail::awaited_t<Xs>>...>;
        return detail::make_gather<Out>(std::move(children), false, [](const auto& done) {
            return [&]<std::size_t... I>(std::index_sequence<I...>) {
                return Out{detail::child_value<detail::awaited_t<Xs>>(done[I])...};
            }(std::index_sequence_for<Xs...>{});
        });
    }
}

/// asyncio.gather(*aws, return_exceptions=True).
template <class... Xs>
[[nodiscard]] auto gather(ReturnExceptions, Xs&&... xs) {
    auto children = Runtime::current().take_task_list();
    (children.push_back(detail::gather_child(std::forward<Xs>(xs))), ...);  // (in argument order)
    if constexpr (detail::all_same_v<detail::awaited_t<Xs>...>) {
        using T = std::tuple_element_t<0, std::tuple<detail::awaited_t<Xs>...>>;
        return detail::make_gather<std::vector<Result<T>>>(std::move(children), true, [](const auto& done) {
            std::vector<Result<T>> out;
            for (auto* child : done) out.push_back(detail::child_result<T>(child));
            return out;
        });
    } else {
        using Out = std::tuple<Result<detail::awaited_t<Xs>>...>;
        return detail::make_gather<Out>(std::move(children), true, [](const auto& done) {
            return [&]<std::size_t... I>(std::index_sequence<I...>) {
                return Out{detail::child_result<detail::awaited_t<Xs>>(done[I])...};
            }(std::index_sequence_for<Xs...>{});
        });
    }
}

/// asyncio.gather(*list_of_tasks): void for Task<void>, else std::vector<T>.
template <class X>
[[nodiscard]] auto gather(std::vector<X> xs) {
    using T = detail::awaited_t<X>;
    auto children = Runtime::current().take_task_list();
    children.reserve(xs.size());
    for (auto& x : xs) children.push_back(detail::gather_child(std::move(x)));
    if constexpr (std::is_void_v<T>) {
        return detail::make_gather<void>(std::move(children), false, [](const auto& done) {
            for (auto* child : done) TaskHandle<>(child).result();
        });
    } else {
        return detail::make_gather<std::vector<T>>(std::move(children), false, [](const auto& done) {
            std::vector<T> out;
            for (auto* child : done) out.push_back(TaskHandle<T>(child).result());
            return out;
        });
    }
}

template <class X>
[[nodiscard]] auto gather(ReturnExceptions, std::vector<X> xs) {
    using T = detail::awaited_t<X>;
    auto children = Runtime::current().take_task_list();
    children.reserve(xs.size());
    for (auto& x : xs) children.push_back(detail::gather_child(std::move(x)));
    return detail::make_gather<std::vector<Result<T>>>(std::move(children), true, [](const auto& done) {
        std::vector<Result<T>> out;
        for (auto* child : done) out.push_back(detail::child_result<T>(child));
        return out;
    });
}

}  // namespace interleave
