#pragma once
// Helpers for the notebook tests: the hand-made fixture run folder copied into a
// temporary folder, files read and written, and the vrsim binary run.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "test_files.hpp"

namespace vrsim::notebooks::testing {

namespace fs = std::filesystem;

using vrsim::testing::read_file;
using vrsim::testing::replaced;
using vrsim::testing::TemporaryFolder;
using vrsim::testing::write_file;

inline fs::path fixture(std::string_view name) {
    return fs::path(VRSIM_SOURCE_DIR) / "tests" / "notebooks-export" / "fixtures" / name;
}

// The fixture run folder `name` copied to `into`/`name`; returns the copy's path.
inline fs::path copy_fixture(std::string_view name, const fs::path& into) {
    const fs::path copy = into / name;
    fs::copy(fixture(name), copy, fs::copy_options::recursive);
    return copy;
}

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `vrsim ARGUMENTS` (already quoted for the shell), optionally after
// `prefix` (such as "env PATH=/x"), capturing stdout and stderr in `folder`.
inline CommandResult run_vrsim(const std::string& arguments, const fs::path& folder,
                               const std::string& prefix = "") {
    const fs::path out = folder / "stdout.txt";
    const fs::path err = folder / "stderr.txt";
    const std::string command = prefix + " '" + VRSIM_BINARY + "' " + arguments + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

inline std::string quoted(const fs::path& path) {
    std::string text = "'";
    return text.append(path.string()).append("'");
}

}  // namespace vrsim::notebooks::testing
