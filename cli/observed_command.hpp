#pragma once
// `vrsim observed FILE... --mapping MAP`: reads observed data (Met monthly files,
// police.uk street-level files or folders, tidy CSVs) into vrsim's outcomes, so a
// user can check a mapping: prints a per-outcome, per-year table and optionally
// writes the tidy CSV.
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace vrsim::cli {

struct ObservedArguments {
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path mapping;
    std::string borough;
    std::vector<std::string> wards;
    std::string lsoa_prefix;
    std::filesystem::path lsoa_codes;
    bool later_vintage = false;
    std::filesystem::path out;  // empty: no tidy CSV
    bool quiet = false;
};

CLI::App* add_observed_command(CLI::App& app, ObservedArguments& arguments);

// Returns an ExitCode.
int observed_command(const ObservedArguments& arguments);

}  // namespace vrsim::cli
