#pragma once
// The `interleave` command line over every registered scenario. A user's executable that
// registers scenarios with INTERLEAVE_SCENARIO links interleave::cli_main and gets the same
// list/run/explore/replay/trace commands for them.

namespace interleave {

/// Runs the command line; returns the exit code (0 nothing found, 1 a problem found,
/// 2 bad usage or input, 3 internal error).
int cli_main(int argc, char** argv);

}  // namespace interleave
