#include "draw_charts.hpp"

#include <cstdlib>
#include <exception>
#include <iostream>

#include "exit_codes.hpp"
#include "vrsim/plots/charts.hpp"

namespace vrsim::cli {

int draw_charts(const std::filesystem::path& folder, bool quiet, plots::ChartOptions options) {
    if (const char* program = std::getenv("VRSIM_GNUPLOT"); program != nullptr && *program) {
        options.gnuplot = program;
    }
    try {
        const plots::ChartReport report = plots::render_charts(folder, options);
        if (!quiet) {
            std::cout << "Charts: " << report.folder.string() << " (" << report.charts.size()
                      << " charts as SVG, PNG and PDF)\n";
        }
    } catch (const std::exception& error) {
        std::cerr << "vrsim: error: charts: " << error.what()
                  << " (the run's files are written; --no-charts skips the charts)\n";
        return kRuntimeFailure;
    }
    return kOk;
}

}  // namespace vrsim::cli
