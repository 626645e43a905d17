#include "backtest_command.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

#include "calibration_support.hpp"
#include "draw_charts.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "vrsim/calibration/backtest.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/calibration/posterior_predictive.hpp"
#include "vrsim/calibration/tidy_csv.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/run_folder.hpp"

namespace vrsim::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxThreads = 4096;
constexpr int kMaxHorizonMonths = 120;

struct OriginResult {
    model::YearMonth origin;
    calibration::ForecastScore score;
    std::vector<double> observed;
    std::vector<std::vector<double>> quantiles;  // per horizon month, kForecastQuantiles
    std::size_t generations = 0;
    std::uint64_t simulations = 0;
    double tolerance = 0.0;
    // The fitted months' posterior predictive coverage (NaN without an
    // observation model or when the scored outcome is not a monthly target).
    std::array<double, 3> fitted_coverage{std::numeric_limits<double>::quiet_NaN(),
                                          std::numeric_limits<double>::quiet_NaN(),
                                          std::numeric_limits<double>::quiet_NaN()};
};

std::string fixed(double value, int digits) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(digits) << value;
    return text.str();
}

std::string scored_outcome(const BacktestArguments& arguments,
                           const scenarios::CalibrationSettings& settings) {
    if (!arguments.outcome.empty()) {
        return arguments.outcome;
    }
    for (const scenarios::CalibrationTarget& target : settings.targets) {
        if (target.kind == scenarios::TargetKind::monthly) {
            return target.outcome;
        }
    }
    throw calibration::CalibrationError(
        "the scenario's [calibration] has no monthly target; name the outcome to score with "
        "--outcome");
}

std::size_t column_of(const model::OutcomeLayout& layout, const std::string& outcome) {
    for (std::size_t column = 0; column < layout.size(); ++column) {
        if (layout.name(column) == outcome) {
            return column;
        }
    }
    throw calibration::CalibrationError("--outcome " + outcome +
                                        ": the simulation reports no such "
                                        "outcome");
}

std::string percent_or_na(double share) {
    return std::isnan(share) ? std::string("n/a") : fixed(100.0 * share, 0) + "%";
}

void write_tables(const fs::path& out, const std::string& outcome, int horizon_months, bool noise,
                  const std::vector<OriginResult>& results) {
    std::string csv =
        "origin,outcome,horizon_months,mae,mase,seasonal_naive_scale,seasonal_naive_mae,"
        "coverage_50,coverage_80,coverage_95,generations,simulations,final_tolerance,"
        "fitted_coverage_50,fitted_coverage_80,fitted_coverage_95\n";
    std::string forecasts = "origin,month,outcome,observed,p025,p10,p25,p50,p75,p90,p975\n";
    std::string md = "# Backtest: " + outcome + ", " + std::to_string(horizon_months) +
                     "-month horizon\n\n"
                     "Calibrated on the months before each origin, forecast from it. MASE "
                     "divides the MAE of the median forecast by the in-sample MAE of the "
                     "seasonal naive forecast (lag 12; Hyndman and Koehler 2006): below 1 is "
                     "better than seasonal naive was in sample. Naive MAE: the seasonal naive "
                     "forecast's own MAE over the horizon, for comparison out of sample. "
                     "Coverage: the share of months whose observed value lies in the central "
                     "interval of the predictive distribution" +
                     std::string(noise ? " (replicates' expected counts with the fitted "
                                         "negative binomial observation noise); fitted: the same "
                                         "for the months calibrated on, from the posterior's "
                                         "particles.\n\n"
                                       : " (the replicates' values, times the recording factor "
                                         "where the scenario has one; it has no observation "
                                         "noise).\n\n") +
                     "| origin | MAE | MASE | naive MAE | 50% covered | 80% covered | 95% covered "
                     "| fitted 50% | fitted 80% | fitted 95% |\n"
                     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    double mase_sum = 0.0;
    for (const OriginResult& result : results) {
        const calibration::ForecastScore& score = result.score;
        csv.append(result.origin.to_string()).append(",").append(outcome).append(",");
        csv.append(std::to_string(horizon_months));
        for (double value :
             {score.mae, score.mase, score.seasonal_naive_scale, score.seasonal_naive_mae,
              score.coverage[0], score.coverage[1], score.coverage[2]}) {
            csv.append(",");
            scenarios::append_value(csv, value);
        }
        csv.append(",").append(std::to_string(result.generations)).append(",");
        csv.append(std::to_string(result.simulations)).append(",");
        scenarios::append_value(csv, result.tolerance);
        for (double share : result.fitted_coverage) {
            csv.append(",");
            if (!std::isnan(share)) {
                scenarios::append_value(csv, share);
            }
        }
        csv.append("\n");
        for (std::size_t h = 0; h < result.observed.size(); ++h) {
            forecasts.append(result.origin.to_string()).append(",");
            forecasts.append(result.origin.plus_months(static_cast<int>(h)).to_string());
            forecasts.append(",").append(outcome).append(",");
            scenarios::append_value(forecasts, result.observed[h]);
            for (double value : result.quantiles[h]) {
                forecasts.append(",");
                scenarios::append_value(forecasts, value);
            }
            forecasts.append("\n");
        }
        md.append("| " + result.origin.to_string() + " | " + fixed(score.mae, 1) + " | " +
                  fixed(score.mase, 2) + " | " + fixed(score.seasonal_naive_mae, 1) + " | " +
                  fixed(100.0 * score.coverage[0], 0) + "% | " +
                  fixed(100.0 * score.coverage[1], 0) + "% | " +
                  fixed(100.0 * score.coverage[2], 0) + "% | " +
                  percent_or_na(result.fitted_coverage[0]) + " | " +
                  percent_or_na(result.fitted_coverage[1]) + " | " +
                  percent_or_na(result.fitted_coverage[2]) + " |\n");
        mase_sum += score.mase;
    }
    md.append("\nMean MASE over " + std::to_string(results.size()) +
              " origins: " + fixed(mase_sum / static_cast<double>(results.size()), 2) +
              ". Each origin's forecast and fan chart are in its origin-YYYY-MM folder.\n");
    for (const auto& [name, text] : {std::pair<std::string, std::string>{"backtest.csv", csv},
                                     {"backtest_forecasts.csv", forecasts},
                                     {"backtest.md", md}}) {
        scenarios::AtomicFile file(out / name);
        file.write(text);
        file.commit();
    }
}

}  // namespace

CLI::App* add_backtest_command(CLI::App& app, BacktestArguments& arguments) {
    CLI::App* backtest = app.add_subcommand(
        "backtest", "Calibrate up to each origin, forecast, and score against what was observed");
    backtest->footer(
        "For each origin: calibrate (ABC-SMC) on the [calibration] window cut to end the\n"
        "month before the origin, forecast --horizon-months months with --replicates\n"
        "replicates drawing particles from that posterior, and score the predictive median\n"
        "(MAE, MASE against the seasonal naive forecast) and the 50%, 80% and 95% central\n"
        "intervals (coverage) against the observed months. With [calibration.observation]\n"
        "the predictive distribution is the replicates' recorded counts times the recording\n"
        "factor (held at its level before the origin), with each particle's negative\n"
        "binomial noise where the scenario has it; without one, the replicates' values.\n"
        "Writes, in --out:\n"
        "  backtest.csv            origin,outcome,horizon_months,mae,mase,seasonal_naive_scale,\n"
        "                          seasonal_naive_mae,coverage_50,coverage_80,coverage_95,\n"
        "                          generations,simulations,final_tolerance,fitted_coverage_50,\n"
        "                          fitted_coverage_80,fitted_coverage_95 (fitted months; empty\n"
        "                          without observation noise)\n"
        "  backtest_forecasts.csv  origin,month,outcome,observed,p025,p10,p25,p50,p75,p90,p975\n"
        "  backtest.md             the table, readable\n"
        "  origin-YYYY-MM/         posterior.csv, diagnostics.csv, checkpoint.json, the\n"
        "                          forecast's run files (summary only), observed.csv, a fan\n"
        "                          chart with the observed months and, with observation noise,\n"
        "                          predictive.csv and predictive_coverage.csv (fitted months)\n"
        "  manifest.json");
    backtest->add_option("SCENARIO", arguments.scenario, "Scenario file (TOML) with [calibration]")
        ->required()
        ->check(CLI::ExistingFile);
    backtest
        ->add_option("--observed", arguments.observed,
                     "Observed data: Met borough/ward monthly files or tidy CSVs")
        ->required()
        ->check(CLI::ExistingPath);
    backtest->add_option("--origins", arguments.origins, "First forecast months, YYYY-MM,...")
        ->required()
        ->delimiter(',')
        ->check(kMonth);
    backtest->add_option("--horizon-months", arguments.horizon_months, "Months forecast per origin")
        ->default_val(12)
        ->check(CLI::Range(1, kMaxHorizonMonths));
    backtest->add_option("--outcome", arguments.outcome,
                         "Outcome scored [default: the first monthly calibration target's]");
    add_engine_option(*backtest, arguments.engine);
    const calibration::AbcSmcOptions defaults;
    backtest->add_option("--particles", arguments.abc.particles, "Particles per generation")
        ->default_val(defaults.particles)
        ->check(CLI::Range(std::size_t{2}, std::size_t{10'000'000}));
    backtest
        ->add_option("--generations", arguments.abc.max_generations,
                     "Most generations per calibration, the prior draws included")
        ->default_val(defaults.max_generations)
        ->check(CLI::Range(std::size_t{1}, std::size_t{10'000}));
    backtest
        ->add_option("--min-tolerance", arguments.abc.min_tolerance,
                     "Stop a calibration once a generation ran at this distance or below")
        ->default_val(defaults.min_tolerance)
        ->check(CLI::NonNegativeNumber);
    backtest
        ->add_option("--max-simulations", arguments.abc.max_simulations,
                     "Most simulations per calibration")
        ->default_val(defaults.max_simulations)
        ->check(kWholeNumber);
    backtest->add_option("--replicates,-n", arguments.replicates, "Forecast replicates per origin")
        ->default_val(100)
        ->check(CLI::Range(std::uint32_t{2}, std::uint32_t{1'000'000}));
    add_kernel_option(*backtest, arguments.abc.kernel);
    backtest->add_option("--seed", arguments.abc.seed, "Seed of every random stream")
        ->default_val(defaults.seed)
        ->check(kWholeNumber);
    backtest
        ->add_option("--threads,-j", arguments.abc.threads,
                     "Worker threads; 0 uses all cores. Changes speed, not results")
        ->default_val(0)
        ->check(CLI::Range(0, kMaxThreads));
    backtest->add_option("--out,-o", arguments.out,
                         "Output folder [default: runs/backtest-<scenario file name>]");
    backtest->add_flag("--no-charts", arguments.no_charts, "Do not draw the charts");
    backtest->add_flag("--quiet,-q", arguments.quiet, "No progress lines");
    return backtest;
}

int backtest_command(const BacktestArguments& arguments,
                     const std::vector<std::string>& command_line) {
    const calibration::Simulator simulator = simulator_for(arguments.engine);
    const std::optional<scenarios::Scenario> scenario = load_or_report(arguments.scenario);
    if (!scenario) {
        return kInvalidInput;
    }
    const fs::path out = arguments.out.empty()
                             ? fs::path("runs") / ("backtest-" + arguments.scenario.stem().string())
                             : arguments.out;
    return report_input_errors([&]() -> int {
        const scenarios::CalibrationSettings& settings =
            calibration::calibration_settings(*scenario);
        const std::string outcome = scored_outcome(arguments, settings);
        const bool noise =
            settings.observation &&
            settings.observation->noise == scenarios::ObservationNoise::negative_binomial;
        // A recording factor changes what the files show even without noise.
        const bool observed_scale =
            noise || (settings.observation && settings.observation->recording_trend);
        const calibration::ObservedSeries observed =
            calibration::read_observed_files(arguments.observed, settings);
        std::vector<model::YearMonth> origins;
        for (const std::string& text : arguments.origins) {
            origins.push_back(parse_month_option(text, "--origins"));
        }
        std::sort(origins.begin(), origins.end());
        origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
        // Check every origin's data before the first calibration runs.
        for (model::YearMonth origin : origins) {
            const calibration::FitWindow before{settings.from, origin.plus_months(-1)};
            if (before.months() <= 12) {
                throw calibration::CalibrationError("--origins " + origin.to_string() +
                                                    ": needs at least 13 fitted months before "
                                                    "it (from " +
                                                    settings.from.to_string() +
                                                    "), for the seasonal naive scale");
            }
            calibration::observed_window(
                observed, settings.area, outcome,
                {settings.from, origin.plus_months(arguments.horizon_months - 1)});
        }
        watch_for_interrupt();
        std::vector<OriginResult> results;
        for (model::YearMonth origin : origins) {
            const fs::path folder = out / ("origin-" + origin.to_string());
            std::error_code error;
            fs::create_directories(folder, error);
            if (error) {
                throw scenarios::OutputError("cannot create output folder " + folder.string() +
                                             ": " + error.message());
            }
            const calibration::CalibrationProblem problem =
                calibration::make_calibration_problem(*scenario, observed, origin.plus_months(-1));
            const calibration::DistanceFunction model_distance =
                calibration::make_distance_function(problem, simulator);
            calibration::AbcSmcOptions options = arguments.abc;
            options.checkpoint_file = folder / "checkpoint.json";
            const std::string prefix = origin.to_string() + " ";
            if (!arguments.quiet) {
                std::cout << "Origin " << origin.to_string() << ": calibrating on "
                          << problem.window.from.to_string() << ".."
                          << problem.window.to.to_string() << '\n';
                if (origin == origins.front()) {
                    note_parameters_unread(calibration::abc_parameters(problem), arguments.engine);
                }
                options.on_generation = [prefix](const calibration::GenerationReport& report) {
                    print_generation(report, prefix);
                };
            }
            const calibration::AbcSmcResult result = calibration::run_abc_smc(
                calibration::abc_parameters(problem),
                [&](const Eigen::VectorXd& values, std::uint64_t seed) {
                    stop_if_interrupted();
                    return model_distance(values, seed);
                },
                options);
            std::optional<calibration::FittedPredictive> fitted;
            if (noise) {
                fitted = calibration::fitted_predictive(problem, simulator, result,
                                                        arguments.abc.seed, arguments.abc.threads);
                calibration::write_predictive_csv(folder / "predictive.csv", fitted->series,
                                                  problem.window.to);
                calibration::write_coverage_csv(folder / "predictive_coverage.csv", fitted->series,
                                                problem.window.to);
            }
            const calibration::AbcSmcResult& posterior_result = fitted ? fitted->posterior : result;
            calibration::write_posterior_csv(folder / "posterior.csv", posterior_result);
            calibration::write_diagnostics_csv(folder / "diagnostics.csv", result);
            const calibration::Posterior posterior = calibration::posterior_of(posterior_result);

            const int months_to_origin = origin.index - settings.from.index;
            const scenarios::Scenario forecast_scenario = calibration::from_window_start(
                *scenario, months_to_origin + arguments.horizon_months);
            scenarios::EnsembleOptions ensemble;
            ensemble.replicates = arguments.replicates;
            ensemble.seed = arguments.abc.seed;
            ensemble.threads = static_cast<int>(arguments.abc.threads);
            ensemble.summary_only = true;
            ensemble.engine =
                model::engine_from_string(arguments.engine).value_or(model::EngineKind::abm);
            ensemble.parameter_source =
                calibration::posterior_parameter_source(posterior, forecast_scenario);
            const model::OutcomeLayout layout(forecast_scenario.parameters);
            const std::size_t column = column_of(layout, outcome);
            std::vector<std::vector<double>> replicates;
            std::vector<double> dispersions;
            scenarios::write_run_folder(
                forecast_scenario, ensemble, folder, command_line,
                [](std::uint32_t, std::uint32_t) { stop_if_interrupted(); },
                [&](std::uint32_t replicate, const model::MonthlyOutcomes& outcomes) {
                    if (observed_scale) {
                        // The files should show the recorded count times the
                        // recording factor held at its level before the origin,
                        // with the particle's noise (if any) around it.
                        const auto row = static_cast<Eigen::Index>(
                            calibration::draw_particle(posterior, ensemble.seed, replicate));
                        const calibration::ParticleObservation observation =
                            calibration::particle_observation(*settings.observation,
                                                              posterior.names,
                                                              posterior.particles.row(row));
                        replicates.push_back(calibration::expected_counts(
                            outcomes, layout, outcome, settings.from, observation,
                            problem.window.to, origin, arguments.horizon_months));
                        if (noise) {
                            dispersions.push_back(observation.dispersion);
                        }
                        return;
                    }
                    std::vector<double> values;
                    for (int h = 0; h < arguments.horizon_months; ++h) {
                        values.push_back(outcomes.at(months_to_origin + h, column));
                    }
                    replicates.push_back(std::move(values));
                });

            record_posterior(folder, folder / "posterior.csv");

            OriginResult scored;
            scored.origin = origin;
            scored.observed = calibration::observed_window(
                observed, settings.area, outcome,
                {origin, origin.plus_months(arguments.horizon_months - 1)});
            const std::vector<double> history =
                calibration::observed_window(observed, settings.area, outcome, problem.window);
            const std::vector<calibration::PredictiveBand> bands =
                noise ? calibration::replicate_mixture_bands(replicates, dispersions)
                      : calibration::replicate_bands(replicates);
            scored.score = calibration::score_bands(history, scored.observed, bands);
            for (const calibration::PredictiveBand& band : bands) {
                scored.quantiles.emplace_back(band.quantiles.begin(), band.quantiles.end());
            }
            if (fitted) {
                for (const calibration::PredictiveSeries& series : fitted->series) {
                    if (series.outcome == outcome) {
                        std::size_t months = 0;
                        scored.fitted_coverage = calibration::observed_coverage(
                            series, problem.window.from, problem.window.to, months);
                    }
                }
            }
            scored.generations = result.generations.size();
            scored.simulations = result.simulations;
            scored.tolerance = result.generations.back().tolerance;
            if (!arguments.quiet) {
                std::cout << "Origin " << origin.to_string() << ": MAE "
                          << fixed(scored.score.mae, 1) << ", MASE " << fixed(scored.score.mase, 2)
                          << " (seasonal naive MAE " << fixed(scored.score.seasonal_naive_mae, 1)
                          << "), covered 50% " << fixed(100 * scored.score.coverage[0], 0)
                          << "%, 80% " << fixed(100 * scored.score.coverage[1], 0) << "%, 95% "
                          << fixed(100 * scored.score.coverage[2], 0) << "%";
                if (!std::isnan(scored.fitted_coverage[0])) {
                    std::cout << "; fitted months covered 50% "
                              << fixed(100 * scored.fitted_coverage[0], 0) << "%, 80% "
                              << fixed(100 * scored.fitted_coverage[1], 0) << "%, 95% "
                              << fixed(100 * scored.fitted_coverage[2], 0) << "%";
                }
                std::cout << '\n';
            }
            results.push_back(std::move(scored));

            // The observed months of the chart: the fit window and the horizon.
            calibration::ObservedSeries shown;
            const calibration::FitWindow span{settings.from,
                                              origin.plus_months(arguments.horizon_months - 1)};
            const std::vector<double> values =
                calibration::observed_window(observed, settings.area, outcome, span);
            for (std::size_t i = 0; i < values.size(); ++i) {
                shown.values.push_back({span.from.plus_months(static_cast<int>(i)),
                                        outcome,
                                        settings.area,
                                        values[i],
                                        {}});
            }
            calibration::write_tidy_csv(shown, folder / "observed.csv");
            if (!arguments.no_charts) {
                plots::ChartOptions charts;
                charts.observed = folder / "observed.csv";
                charts.outcomes = {outcome};
                if (draw_charts(folder, true, charts) != kOk) {
                    return kRuntimeFailure;
                }
            }
        }
        write_tables(out, outcome, arguments.horizon_months, noise, results);
        write_json(out / "manifest.json",
                   {{"program", "vrsim"},
                    {"version", VRSIM_VERSION},
                    {"command", "backtest"},
                    {"command_line", command_line},
                    {"engine", arguments.engine},
                    {"scenario",
                     {{"name", scenario->name}, {"files", files_with_digests(scenario->files)}}},
                    {"observed_files", files_with_digests(arguments.observed)},
                    {"outcome", outcome},
                    {"horizon_months", arguments.horizon_months},
                    {"replicates", arguments.replicates},
                    {"seed", arguments.abc.seed},
                    {"particles", arguments.abc.particles},
                    {"max_generations", arguments.abc.max_generations},
                    {"kernel", std::string(calibration::to_string(arguments.abc.kernel))},
                    {"observation", settings.observation ? observation_json(*settings.observation)
                                                         : nlohmann::json(nullptr)},
                    {"files",
                     {"backtest.csv", "backtest_forecasts.csv", "backtest.md", "manifest.json"}}});
        if (!arguments.quiet) {
            std::cout << "Wrote " << out.string()
                      << ": backtest.csv, backtest_forecasts.csv, backtest.md, manifest.json and "
                         "a folder per origin\n";
        }
        return kOk;
    });
}

}  // namespace vrsim::cli
