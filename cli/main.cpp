// vrsim: simulate offending, victims and the justice system of a place, and write
// the results of funding scenarios to files.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "backtest_command.hpp"
#include "calibrate_command.hpp"
#include "compare_command.hpp"
#include "exit_codes.hpp"
#include "forecast_command.hpp"
#include "markov_command.hpp"
#include "notebook_command.hpp"
#include "observed_command.hpp"
#include "plot_command.hpp"
#include "run_command.hpp"
#include "validate_command.hpp"

using namespace vrsim::cli;

namespace {

// Help and --version are successes; every other parse error is bad input.
int exit_for_parse_error(CLI::App& app, const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kOk : kInvalidInput;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> command_line(argv, argv + argc);
    CLI::App app(
        "vrsim simulates the people of a place who offend, the people they harm and the\n"
        "justice system, month by month, to compare funding scenarios.",
        "vrsim");
    app.set_version_flag("--version", std::string("vrsim ") + VRSIM_VERSION);
    app.require_subcommand(1);
    app.footer("Run `vrsim COMMAND --help` for a command's options.");

    RunArguments run_arguments;
    ValidateArguments validate_arguments;
    CLI::App* run = add_run_command(app, run_arguments);
    CompareArguments compare_arguments;
    CLI::App* compare = add_compare_command(app, compare_arguments);
    add_validate_command(app, validate_arguments);
    MarkovArguments markov_arguments;
    CLI::App* markov = add_markov_command(app, markov_arguments);
    ObservedArguments observed_arguments;
    CLI::App* observed = add_observed_command(app, observed_arguments);
    NotebookArguments notebook_arguments;
    CLI::App* notebook = add_notebook_command(app, notebook_arguments);
    PlotArguments plot_arguments;
    CLI::App* plot = add_plot_command(app, plot_arguments);
    CalibrateArguments calibrate_arguments;
    CLI::App* calibrate = add_calibrate_command(app, calibrate_arguments);
    ForecastArguments forecast_arguments;
    CLI::App* forecast = add_forecast_command(app, forecast_arguments);
    BacktestArguments backtest_arguments;
    CLI::App* backtest = add_backtest_command(app, backtest_arguments);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return exit_for_parse_error(app, error);
    }
    try {
        if (compare->parsed()) {
            return compare_command(compare_arguments, command_line);
        }
        if (markov->parsed()) {
            return markov_command(markov_arguments);
        }
        if (observed->parsed()) {
            return observed_command(observed_arguments);
        }
        if (notebook->parsed()) {
            return notebook_command(notebook_arguments);
        }
        if (plot->parsed()) {
            return plot_command(plot_arguments);
        }
        if (calibrate->parsed()) {
            return calibrate_command(calibrate_arguments, command_line);
        }
        if (forecast->parsed()) {
            return forecast_command(forecast_arguments, command_line);
        }
        if (backtest->parsed()) {
            return backtest_command(backtest_arguments, command_line);
        }
        return run->parsed() ? run_command(run_arguments, command_line)
                             : validate_command(validate_arguments);
    } catch (const std::exception& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kRuntimeFailure;
    } catch (...) {
        std::cerr << "vrsim: error: unexpected failure\n";
        return kRuntimeFailure;
    }
}
