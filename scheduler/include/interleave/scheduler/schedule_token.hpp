#pragma once
// A schedule as a short, shell-safe, versioned token: "v1." + base64url of
//   [time model] [scenario fingerprint: 2 bytes] [choice count] [chosen task ids ...] [checksum]
// with counts and ids as LEB128 varints. The fingerprint (scenario name and parameters) and
// the checksum let a stale, truncated or foreign token be refused with a clear message.
// A long schedule is "v2." instead when that is shorter: the chosen ids as runs of literal ids
// and copies of earlier ones (LZ77), and a 16-bit checksum. A livelock's 100,000 alternating
// choices then take a few characters, not 130 KB.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <interleave/execution.hpp>
#include <interleave/scenario.hpp>

namespace interleave {

struct Schedule {
    TimeModel time_model = TimeModel::strict;
    std::uint16_t fingerprint = 0;
    std::vector<TaskId> choices;  // the task picked at each point with two or more candidates
};

/// A token that cannot be read, or does not belong to the scenario: the message says why.
class BadSchedule : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::uint16_t scenario_fingerprint(const std::string& scenario, const Params& params);
std::string encode_schedule(const Schedule& schedule);
/// Throws BadSchedule.
Schedule decode_schedule(const std::string& token);

}  // namespace interleave
