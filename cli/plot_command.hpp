#pragma once
// `vrsim plot DIR`: draws a run folder's charts into DIR/charts/ (SVG, PNG, PDF).
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace vrsim::cli {

struct PlotArguments {
    std::filesystem::path folder;
    std::filesystem::path observed;     // empty: none
    std::vector<std::string> outcomes;  // empty: every outcome
    bool quiet = false;
};

CLI::App* add_plot_command(CLI::App& app, PlotArguments& arguments);

// Returns an ExitCode. gnuplot is found on PATH, or is the program named by the
// environment variable VRSIM_GNUPLOT.
int plot_command(const PlotArguments& arguments);

}  // namespace vrsim::cli
