#pragma once
// `vrsim run SCENARIO`: runs a scenario's ensemble and writes its run folder.
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vrsim/scenarios/ensemble.hpp"

namespace vrsim::cli {

struct RunArguments {
    std::filesystem::path scenario;
    scenarios::EnsembleOptions ensemble;
    std::filesystem::path out;        // empty: runs/<scenario file stem>
    std::filesystem::path posterior;  // a calibration's posterior.csv; empty: none
    bool no_charts = false;
    bool quiet = false;
};

CLI::App* add_run_command(CLI::App& app, RunArguments& arguments);

// Returns an ExitCode; `command_line` is recorded in the manifest.
int run_command(const RunArguments& arguments, const std::vector<std::string>& command_line);

}  // namespace vrsim::cli
