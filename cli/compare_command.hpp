#pragma once
// `vrsim compare BASE ALT...`: runs a base scenario and its alternatives with
// common random numbers and writes their run files, the paired economics, the
// charts and the notebook.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vrsim/scenarios/comparison_folder.hpp"

namespace vrsim::cli {

struct CompareArguments {
    std::vector<std::filesystem::path> scenarios;  // base first
    scenarios::CompareOptions options;
    std::filesystem::path out;        // empty: runs/compare-<base file stem>
    std::filesystem::path posterior;  // a calibration's posterior.csv; empty: none
    bool no_charts = false;
    bool no_notebook = false;
    bool quiet = false;
};

CLI::App* add_compare_command(CLI::App& app, CompareArguments& arguments);

// Returns an ExitCode; `command_line` is recorded in the manifest.
int compare_command(const CompareArguments& arguments,
                    const std::vector<std::string>& command_line);

}  // namespace vrsim::cli
