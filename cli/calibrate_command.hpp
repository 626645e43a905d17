#pragma once
// `vrsim calibrate SCENARIO --observed FILE...`: fits the scenario's uncertain
// parameters to observed data with ABC-SMC and writes the posterior.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vrsim/calibration/abc_smc.hpp"

namespace vrsim::cli {

struct CalibrateArguments {
    std::filesystem::path scenario;
    std::vector<std::filesystem::path> observed;
    std::string engine = "abm";
    calibration::AbcSmcOptions abc;
    std::filesystem::path out;     // empty: runs/calibrate-<scenario stem>, or --resume's folder
    std::filesystem::path resume;  // a folder with checkpoint.json
    bool quiet = false;
};

CLI::App* add_calibrate_command(CLI::App& app, CalibrateArguments& arguments);
int calibrate_command(const CalibrateArguments& arguments,
                      const std::vector<std::string>& command_line);

}  // namespace vrsim::cli
