#include <interleave/cli.hpp>

int main(int argc, char** argv) { return interleave::cli_main(argc, argv); }
