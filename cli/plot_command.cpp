#include "plot_command.hpp"

#include <cstdlib>
#include <iostream>

#include "exit_codes.hpp"
#include "vrsim/plots/charts.hpp"
#include "vrsim/plots/errors.hpp"

namespace vrsim::cli {

CLI::App* add_plot_command(CLI::App& app, PlotArguments& arguments) {
    CLI::App* plot = app.add_subcommand(
        "plot", "Draw a run folder's charts into DIR/charts/ as SVG, PNG and PDF");
    plot->footer(
        "Writes, in DIR/charts/, each as .svg, .png and .pdf:\n"
        "  fan_<outcome>             median, 50% and 90% bands per scenario (observed\n"
        "                            history as points with --observed)\n"
        "  difference_<outcome>      with 2+ scenarios: alternative minus base, paired by\n"
        "                            replicate (needs timeseries.csv)\n"
        "  programme_<id>            a programme's caseload and waiting list\n"
        "  cost_benefit              with comparison.csv: present values of costs,\n"
        "                            benefits and NPV per alternative, 5-95% whiskers\n"
        "  cost_effectiveness_plane  with comparison_replicates.csv: offences averted\n"
        "                            against extra programme spend, one point per replicate\n"
        "Needs gnuplot (Debian gnuplot-nox); VRSIM_GNUPLOT names another program.\n"
        "Exit codes: 2 bad input (file:line: column: message), 1 gnuplot missing or failing.");
    plot->add_option("DIR", arguments.folder, "Run folder written by vrsim run")->required();
    plot->add_option("--observed", arguments.observed,
                     "Observed history to draw over the fans: a CSV with columns "
                     "month,outcome,value and optionally area");
    plot->add_option("--outcomes", arguments.outcomes,
                     "Only these outcomes, separated by commas [default: all but programme.*]")
        ->delimiter(',');
    plot->add_flag("--quiet,-q", arguments.quiet, "Print nothing on success");
    return plot;
}

int plot_command(const PlotArguments& arguments) {
    plots::ChartOptions options;
    options.outcomes = arguments.outcomes;
    options.observed = arguments.observed;
    if (const char* program = std::getenv("VRSIM_GNUPLOT"); program != nullptr && *program) {
        options.gnuplot = program;
    }
    plots::ChartReport report;
    try {
        report = plots::render_charts(arguments.folder, options);
    } catch (const plots::InputError& error) {
        std::cerr << error.what() << '\n';
        return kInvalidInput;
    } catch (const plots::RenderError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kRuntimeFailure;
    }
    for (const std::string& note : report.notes) {
        std::cerr << "vrsim: note: " << note << '\n';
    }
    if (!arguments.quiet) {
        std::cout << "Wrote " << report.charts.size() << " charts (" << report.files.size()
                  << " files) to " << report.folder.string() << '\n';
    }
    return kOk;
}

}  // namespace vrsim::cli
