#include "support/python.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace interleave::testing {

CommandResult run_command(const std::string& command) {
    CommandResult result{{}, -1};
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool have_python311() {
    static const bool present = [] {
        auto r = run_command("python3 -c 'import sys; print(int(sys.version_info >= (3, 11)))'");
        return r.status == 0 && r.out == "1\n";
    }();
    return present;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

}  // namespace interleave::testing
