#include "forecast_command.hpp"

#include <algorithm>
#include <iostream>
#include <limits>

#include "calibration_support.hpp"
#include "draw_charts.hpp"
#include "ensemble_options.hpp"
#include "exit_codes.hpp"
#include "run_with_progress.hpp"
#include "vrsim/calibration/backtest.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/calibration/posterior_predictive.hpp"
#include "vrsim/calibration/tidy_csv.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/run_folder.hpp"

namespace vrsim::cli {

namespace {

constexpr int kMaxHorizonMonths = 1200;  // a sanity bound: a century

// The observed values of `outcome` from `first` for `months` months, NaN where
// the files have none (or no files were given).
std::vector<double> observed_or_nan(const std::optional<calibration::ObservedSeries>& observed,
                                    const std::string& area, const std::string& outcome,
                                    model::YearMonth first, int months) {
    std::vector<double> values(static_cast<std::size_t>(months),
                               std::numeric_limits<double>::quiet_NaN());
    if (!observed) {
        return values;
    }
    std::vector<std::size_t> rows = observed->series_of(area, outcome);
    if (rows.empty()) {
        rows = observed->series_of("", outcome);
    }
    for (std::size_t row : rows) {
        const int m = observed->values[row].month.index - first.index;
        if (m >= 0 && m < months) {
            values[static_cast<std::size_t>(m)] = observed->values[row].value;
        }
    }
    return values;
}

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
        "and charts/ (fan charts with the observed history) in --out. When the scenario's\n"
        "[calibration.observation] has negative binomial noise or a recording factor, also\n"
        "the posterior predictive of its monthly targets (the recorded counts times the\n"
        "particle's recording factor, held after the last fitted month, with the particle's\n"
        "noise if any):\n"
        "  predictive.csv           month,outcome,observed,fitted,mean,p025,p10,p25,p50,\n"
        "                           p75,p90,p975\n"
        "  predictive_coverage.csv  outcome,span,first_month,last_month,months,coverage_50,\n"
        "                           coverage_80,coverage_95 (fitted months; later ones)");
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
        // With an observation model: what each replicate leads one to expect in
        // the files, for the posterior predictive bands.
        const bool noise = scenario.calibration && scenario.calibration->observation &&
                           scenario.calibration->observation->noise ==
                               scenarios::ObservationNoise::negative_binomial;
        // A recording factor alone also changes what the files show.
        const bool predictive =
            noise || (scenario.calibration && scenario.calibration->observation &&
                      scenario.calibration->observation->recording_trend);
        std::vector<std::string> predicted_outcomes;
        std::optional<calibration::Posterior> posterior;
        model::YearMonth last_fitted = from.plus_months(-1);
        if (predictive) {
            for (const scenarios::CalibrationTarget& target : scenario.calibration->targets) {
                if (target.kind == scenarios::TargetKind::monthly &&
                    std::find(predicted_outcomes.begin(), predicted_outcomes.end(),
                              target.outcome) == predicted_outcomes.end()) {
                    predicted_outcomes.push_back(target.outcome);
                }
            }
            posterior = calibration::read_posterior_csv(arguments.posterior);
            last_fitted = std::min(last_fitted, scenario.calibration->to);
        }
        const model::YearMonth start = scenario.parameters.simulation.start_month;
        const int months = scenario.parameters.simulation.horizon_months;
        const model::OutcomeLayout layout(scenario.parameters);
        // expected[outcome][replicate][month], dispersions[replicate]
        std::vector<std::vector<std::vector<double>>> expected(
            predicted_outcomes.size(), std::vector<std::vector<double>>(options.replicates));
        std::vector<double> dispersions(options.replicates, 0.0);
        const scenarios::ReplicateSink collect = [&](std::uint32_t replicate,
                                                     const model::MonthlyOutcomes& outcomes) {
            const auto row = static_cast<Eigen::Index>(
                calibration::draw_particle(*posterior, options.seed, replicate));
            const calibration::ParticleObservation observation =
                calibration::particle_observation(*scenario.calibration->observation,
                                                  posterior->names, posterior->particles.row(row));
            dispersions[replicate] = observation.dispersion;
            for (std::size_t o = 0; o < predicted_outcomes.size(); ++o) {
                expected[o][replicate] =
                    calibration::expected_counts(outcomes, layout, predicted_outcomes[o], start,
                                                 observation, last_fitted, start, months);
            }
        };
        if (noise) {
            // Fail before the run, not after it, on a posterior without dispersion.
            calibration::particle_observation(*scenario.calibration->observation, posterior->names,
                                              posterior->particles.row(0));
        }
        const int status = run_with_progress(
            arguments.quiet, out, [&](const scenarios::ProgressCallback& progress) {
                scenarios::write_run_folder(scenario, options, out, command_line, progress,
                                            predictive ? collect : scenarios::ReplicateSink{});
            });
        if (status != kOk) {
            return status;
        }
        record_posterior(out, arguments.posterior);
        if (predictive) {
            std::vector<calibration::PredictiveSeries> series;
            for (std::size_t o = 0; o < predicted_outcomes.size(); ++o) {
                calibration::PredictiveSeries one;
                one.outcome = predicted_outcomes[o];
                one.first_month = start;
                one.bands = noise ? calibration::replicate_mixture_bands(expected[o], dispersions)
                                  : calibration::replicate_bands(expected[o]);
                one.observed = observed_or_nan(observed, scenario.calibration->area, one.outcome,
                                               start, months);
                series.push_back(std::move(one));
            }
            calibration::write_predictive_csv(out / "predictive.csv", series, last_fitted);
            calibration::write_coverage_csv(out / "predictive_coverage.csv", series, last_fitted);
            if (!arguments.quiet) {
                print_coverage(series, last_fitted);
            }
        }
        plots::ChartOptions charts;
        if (observed) {
            calibration::write_tidy_csv(*observed, out / "observed.csv");
            charts.observed = out / "observed.csv";
            charts.outcomes = observed->outcomes();
        }
        std::vector<std::string> written;
        if (predictive) {
            written = {"predictive.csv", "predictive_coverage.csv"};
        }
        if (observed) {
            written.push_back("observed.csv");
        }
        record_files(out, written);
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
