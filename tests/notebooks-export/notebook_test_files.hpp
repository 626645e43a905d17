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

namespace vrsim::notebooks::testing {

namespace fs = std::filesystem;

inline fs::path fixture(std::string_view name) {
    return fs::path(VRSIM_SOURCE_DIR) / "tests" / "notebooks-export" / "fixtures" / name;
}

// A fresh folder under the system's temporary folder, removed with everything in it.
struct TemporaryFolder {
    fs::path path;
    TemporaryFolder() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("vrsim-test-notebook-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TemporaryFolder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
};

inline std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_text(const fs::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// The fixture run folder `name` copied to `into`/`name`; returns the copy's path.
inline fs::path copy_fixture(std::string_view name, const fs::path& into) {
    const fs::path copy = into / name;
    fs::copy(fixture(name), copy, fs::copy_options::recursive);
    return copy;
}

// `text` with its one occurrence of `from` replaced by `to`.
inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    text.replace(at, from.size(), to);
    return text;
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
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
}

inline std::string quoted(const fs::path& path) {
    std::string text = "'";
    return text.append(path.string()).append("'");
}

}  // namespace vrsim::notebooks::testing
