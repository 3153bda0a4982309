#include <utility>

#include <interleave/detail/frame_pool.hpp>

namespace interleave::detail::frame_pool {

namespace {
/// Gives this thread's kept blocks back to the heap when the thread exits.
struct ReleaseAtExit {
    ReleaseAtExit() = default;
    ReleaseAtExit(const ReleaseAtExit&) = delete;
    ReleaseAtExit& operator=(const ReleaseAtExit&) = delete;
    ~ReleaseAtExit() {
        free_lists.state = ListsState::gone;  // a block freed later goes straight to the heap
        for (std::size_t c = 0; c < classes; ++c) {
            while (free_lists.heads[c])
                ::operator delete(std::exchange(free_lists.heads[c], free_lists.heads[c]->next));
            free_lists.counts[c] = 0;
        }
    }
};
}  // namespace

void give_back_slow(void* block, std::size_t size) noexcept {
    if (free_lists.state == ListsState::unused) {
        thread_local ReleaseAtExit release;  // constructed here, once per thread: registers its destructor
        (void)release;
        free_lists.state = ListsState::alive;
        pool_deallocate(block, size);
        return;
    }
    ::operator delete(block);  // gone: the thread is exiting
}

}  // namespace interleave::detail::frame_pool
