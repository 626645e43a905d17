#include "forecast_command.hpp"

#include <iostream>

#include "calibration_support.hpp"
#include "draw_charts.hpp"
#include "ensemble_options.hpp"
#include "exit_codes.hpp"
#include "run_with_progress.hpp"
#include "vrsim/calibration/tidy_csv.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/run_folder.hpp"

namespace vrsim::cli {

namespace {

constexpr int kMaxHorizonMonths = 1200;  // a sanity bound: a century

}  // namespace

CLI::App* add_forecast_command(CLI::App& app, ForecastArguments& arguments) {
    CLI::App* forecast = app.add_subcommand(
        "forecast", "Forecast from a calibration's posterior, with the observed history");
    forecast->footer(
        "Each replicate runs with a particle drawn by weight from --posterior (the same\n"
        "particle for the same --seed and replicate). When the scenario has [calibration]\n"
        "and --from is after its `from`, the simulation starts at the fitted window's start\n"
        "(with its population), so the forecast continues the fitted months, which are in\n"
        "the files too; otherwise it starts at --from. Writes the run files (manifest.json,\n"
        "timeseries.csv, summary.csv), observed.csv (the --observed history, when given)\n"
        "and charts/ (fan charts with the observed history) in --out.");
    forecast->add_option("SCENARIO", arguments.scenario, "Scenario file (TOML)")
        ->required()
        ->check(CLI::ExistingFile);
    forecast->add_option("--posterior", arguments.posterior, "posterior.csv of vrsim calibrate")
        ->required()
        ->check(CLI::ExistingFile);
    forecast->add_option("--from", arguments.from, "First forecast month, YYYY-MM")
        ->required()
        ->check(kMonth);
    forecast->add_option("--horizon-months", arguments.horizon_months, "Months to forecast")
        ->required()
        ->check(CLI::Range(1, kMaxHorizonMonths));
    forecast
        ->add_option("--observed", arguments.observed,
                     "Observed history to draw (Met monthly files with the scenario's "
                     "[calibration] mapping and area, or tidy CSVs)")
        ->check(CLI::ExistingPath);
    add_ensemble_options(*forecast, arguments.ensemble);
    forecast->add_option("--out,-o", arguments.out,
                         "Output folder [default: runs/forecast-<scenario file name>]");
    forecast->add_flag("--no-charts", arguments.no_charts, "Do not draw charts/ (needs gnuplot)");
    forecast->add_flag("--quiet,-q", arguments.quiet, "No progress bar and no closing message");
    return forecast;
}

int forecast_command(const ForecastArguments& arguments,
                     const std::vector<std::string>& command_line) {
    const std::optional<scenarios::Scenario> loaded = load_or_report(arguments.scenario);
    if (!loaded) {
        return kInvalidInput;
    }
    namespace fs = std::filesystem;
    const fs::path out = arguments.out.empty()
                             ? fs::path("runs") / ("forecast-" + arguments.scenario.stem().string())
                             : arguments.out;
    return report_input_errors([&]() -> int {
        const model::YearMonth from = parse_month_option(arguments.from, "--from");
        scenarios::Scenario scenario = *loaded;
        if (scenario.calibration && scenario.calibration->from < from) {
            const int months = from.index - scenario.calibration->from.index;
            scenario = calibration::from_window_start(scenario, months + arguments.horizon_months);
        } else {
            scenario.parameters.simulation.start_month = from;
            scenario.parameters.simulation.horizon_months = arguments.horizon_months;
        }
        scenarios::EnsembleOptions options = arguments.ensemble;
        use_posterior(arguments.posterior, {&scenario}, options);
        std::optional<calibration::ObservedSeries> observed;
        if (!arguments.observed.empty()) {
            const scenarios::CalibrationSettings settings =
                scenario.calibration ? *scenario.calibration : scenarios::CalibrationSettings{};
            observed = calibration::read_observed_files(arguments.observed, settings);
        }
        const int status = run_with_progress(
            arguments.quiet, out, [&](const scenarios::ProgressCallback& progress) {
                scenarios::write_run_folder(scenario, options, out, command_line, progress);
            });
        if (status != kOk) {
            return status;
        }
        record_posterior(out, arguments.posterior);
        plots::ChartOptions charts;
        if (observed) {
            calibration::write_tidy_csv(*observed, out / "observed.csv");
            charts.observed = out / "observed.csv";
            charts.outcomes = observed->outcomes();
        }
        if (!arguments.quiet) {
            std::cout << "Wrote a forecast of " << scenario.name << " from " << arguments.from
                      << " for " << arguments.horizon_months << " months ("
                      << scenario.parameters.simulation.start_month.to_string() << " on, "
                      << arguments.ensemble.replicates << " replicates) to " << out.string()
                      << ": timeseries.csv, summary.csv, manifest.json"
                      << (observed ? ", observed.csv" : "") << '\n';
        }
        return arguments.no_charts ? kOk : draw_charts(out, arguments.quiet, charts);
    });
}

}  // namespace vrsim::cli
