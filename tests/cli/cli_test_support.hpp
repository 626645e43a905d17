#pragma once
// Running the real `vrsim` binary from a test: a temporary folder, its captured
// output and exit code.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.hpp"

namespace vrsim::testing {

// The 5,000-resident calibration fixtures (tests/calibration/fixtures/model)
// and the Met-shaped file simulated from one of them.
inline const std::filesystem::path kCalibrationFixtures =
    std::filesystem::path(VRSIM_SOURCE_DIR) / "tests" / "calibration" / "fixtures" / "model";
inline const std::filesystem::path kTestvilleObserved =
    kCalibrationFixtures / "observed_testville.csv";

// A file's lines, and a CSV line's fields (no quoting).
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}
inline std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ',');) {
        fields.push_back(field);
    }
    return fields;
}

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `vrsim ARGUMENTS`, each argument quoted, with stdout and stderr captured
// in `folder`.
inline CommandResult run_vrsim(const std::vector<std::string>& arguments,
                               const TemporaryFolder& folder) {
    auto quoted = [](const std::string& argument) { return "'" + argument + "'"; };
    std::string command = quoted(VRSIM_BINARY);
    for (const std::string& argument : arguments) {
        command.append(" ").append(quoted(argument));
    }
    const std::filesystem::path out = folder.path() / "stdout.txt";
    const std::filesystem::path err = folder.path() / "stderr.txt";
    command += " >" + quoted(out.string()) + " 2>" + quoted(err.string());
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
}

}  // namespace vrsim::testing
