#pragma once
// `vrsim validate FILE...`: loads each scenario and reports its problems, running
// nothing.
#include <filesystem>
#include <vector>

#include <CLI/CLI.hpp>

namespace vrsim::cli {

struct ValidateArguments {
    std::vector<std::filesystem::path> files;
};

CLI::App* add_validate_command(CLI::App& app, ValidateArguments& arguments);

// Returns an ExitCode: kInvalidInput when any file is invalid.
int validate_command(const ValidateArguments& arguments);

}  // namespace vrsim::cli
