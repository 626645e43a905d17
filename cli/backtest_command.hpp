#pragma once
// `vrsim backtest SCENARIO --observed FILE... --origins YYYY-MM,... --horizon-months H`:
// for each origin, calibrate on the months before it, forecast H months, and
// score the forecast against what was observed.
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vrsim/calibration/abc_smc.hpp"

namespace vrsim::cli {

struct BacktestArguments {
    std::filesystem::path scenario;
    std::vector<std::filesystem::path> observed;
    std::vector<std::string> origins;
    int horizon_months = 12;
    std::string outcome;  // empty: the first monthly target's
    std::string engine = "abm";
    calibration::AbcSmcOptions abc;
    std::uint32_t replicates = 100;
    std::filesystem::path out;  // empty: runs/backtest-<scenario stem>
    bool no_charts = false;
    bool quiet = false;
};

CLI::App* add_backtest_command(CLI::App& app, BacktestArguments& arguments);
int backtest_command(const BacktestArguments& arguments,
                     const std::vector<std::string>& command_line);

}  // namespace vrsim::cli
