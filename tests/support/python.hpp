#pragma once
// Running CPython for the differential tests: they compare live when python3 >= 3.11 is on
// PATH and otherwise rely on the checked-in outputs.
#include <string>
#include <vector>

namespace interleave::testing {

/// True when `python3` is on PATH and is version 3.11 or later.
bool have_python311();
/// Runs a command with /bin/sh; its stdout (stderr goes where the command redirects it) and exit status.
struct CommandResult {
    std::string out;
    int status;
};
CommandResult run_command(const std::string& command);
std::string read_file(const std::string& path);
/// Lines joined with '\n', each line ended by '\n' (what print() writes).
std::string joined_lines(const std::vector<std::string>& lines);

}  // namespace interleave::testing
