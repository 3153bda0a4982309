#pragma once
// Interned text: one copy of each distinct string for the life of the process, so equal texts
// are one pointer. Detection keys are interned: a repeated finding costs a pointer comparison
// where it cost building, hashing and comparing its text.
#include <string_view>

namespace interleave::detail {

/// The process's one copy of `text`. Thread-safe; a thread's repeats take no lock. Never
/// freed: intern only what is bounded by the scenario (names, report keys), not values.
std::string_view intern(std::string_view text);

}  // namespace interleave::detail
