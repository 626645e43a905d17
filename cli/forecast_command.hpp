#pragma once
// `vrsim forecast SCENARIO --posterior FILE --from YYYY-MM --horizon-months H`:
// a run whose replicates draw their parameters from a calibration's posterior,
// continuing the fitted months into the future, drawn with the observed history.
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vrsim/scenarios/ensemble.hpp"

namespace vrsim::cli {

struct ForecastArguments {
    std::filesystem::path scenario;
    std::filesystem::path posterior;
    std::string from;
    int horizon_months = 0;
    std::vector<std::filesystem::path> observed;
    scenarios::EnsembleOptions ensemble;
    std::filesystem::path out;  // empty: runs/forecast-<scenario stem>
    bool no_charts = false;
    bool quiet = false;
};

CLI::App* add_forecast_command(CLI::App& app, ForecastArguments& arguments);
int forecast_command(const ForecastArguments& arguments,
                     const std::vector<std::string>& command_line);

}  // namespace vrsim::cli
