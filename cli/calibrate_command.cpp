#include "calibrate_command.hpp"

#include <iostream>

#include "calibration_support.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "option_checks.hpp"
#include "vrsim/calibration/tidy_csv.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

namespace {

constexpr int kMaxThreads = 4096;  // a sanity bound, as for ensembles
constexpr const char* kCheckpointFile = "checkpoint.json";

}  // namespace

CLI::App* add_calibrate_command(CLI::App& app, CalibrateArguments& arguments) {
    CLI::App* calibrate = app.add_subcommand(
        "calibrate", "Fit a scenario's uncertain parameters to observed data (ABC-SMC)");
    calibrate->footer(
        "The scenario's [calibration] section names the area, the category mapping, the\n"
        "months fitted (from, to) and the targets; the parameters fitted are its parameters\n"
        "with a distribution (the prior), or those [calibration] parameters lists. For the\n"
        "fit the simulation starts at `from`. Prints per generation the tolerance, the\n"
        "acceptance rate and the effective sample size, and writes, in the --out folder:\n"
        "  posterior.csv    the parameters, weight, distance: a row per particle\n"
        "  diagnostics.csv  "
        "generation,tolerance,acceptance_rate,effective_sample_size,simulations\n"
        "  checkpoint.json  rewritten after every generation; --resume DIR continues from it\n"
        "  observed.csv     the observed months fitted (month,outcome,value,area)\n"
        "  manifest.json    command line, files with SHA-256, targets, priors, options, result\n"
        "With [calibration.observation] the distance compares the observed months with the\n"
        "recorded counts times the recording factor (its fitted numbers are columns\n"
        "observation.recording_trend.*); after the last generation each particle runs once\n"
        "more, its negative binomial dispersion is estimated (column observation.dispersion)\n"
        "and the fitted months' posterior predictive is written and its coverage printed:\n"
        "  predictive.csv           month,outcome,observed,fitted,mean,p025,p10,p25,p50,p75,\n"
        "                           p90,p975\n"
        "  predictive_coverage.csv  outcome,span,first_month,last_month,months,coverage_50,\n"
        "                           coverage_80,coverage_95\n"
        "Results depend on the scenario, the files, --seed and the ABC options, never on\n"
        "--threads; a resumed run ends with the same posterior.csv as an uninterrupted one.\n"
        "Use the posterior with `vrsim run|compare|forecast --posterior FOLDER/posterior.csv`.");
    calibrate->add_option("SCENARIO", arguments.scenario, "Scenario file (TOML) with [calibration]")
        ->required()
        ->check(CLI::ExistingFile);
    calibrate
        ->add_option("--observed", arguments.observed,
                     "Observed data: Met borough/ward monthly files or tidy CSVs")
        ->required()
        ->check(CLI::ExistingPath);
    add_engine_option(*calibrate, arguments.engine);
    const calibration::AbcSmcOptions defaults;
    calibrate->add_option("--particles", arguments.abc.particles, "Particles per generation")
        ->default_val(defaults.particles)
        ->check(CLI::Range(std::size_t{2}, std::size_t{10'000'000}));
    calibrate
        ->add_option("--generations", arguments.abc.max_generations,
                     "Most generations, the prior draws included")
        ->default_val(defaults.max_generations)
        ->check(CLI::Range(std::size_t{1}, std::size_t{10'000}));
    calibrate
        ->add_option("--min-tolerance", arguments.abc.min_tolerance,
                     "Stop once a generation ran at this distance or below")
        ->default_val(defaults.min_tolerance)
        ->check(CLI::NonNegativeNumber);
    calibrate
        ->add_option("--max-simulations", arguments.abc.max_simulations,
                     "Most simulations over all generations")
        ->default_val(defaults.max_simulations)
        ->check(kWholeNumber);
    add_kernel_option(*calibrate, arguments.abc.kernel);
    calibrate->add_option("--seed", arguments.abc.seed, "Seed of every random stream")
        ->default_val(defaults.seed)
        ->check(kWholeNumber);
    calibrate
        ->add_option("--threads,-j", arguments.abc.threads,
                     "Worker threads; 0 uses all cores. Changes speed, not results")
        ->default_val(0)
        ->check(CLI::Range(0, kMaxThreads));
    calibrate->add_option(
        "--out,-o", arguments.out,
        "Output folder [default: runs/calibrate-<scenario file name>, or --resume's]");
    calibrate
        ->add_option("--resume", arguments.resume,
                     "Continue the calibration whose checkpoint.json is in this folder")
        ->check(CLI::ExistingDirectory);
    calibrate->add_flag("--quiet,-q", arguments.quiet, "No progress lines");
    return calibrate;
}

int calibrate_command(const CalibrateArguments& arguments,
                      const std::vector<std::string>& command_line) {
    const calibration::Simulator simulator = simulator_for(arguments.engine);
    const std::optional<scenarios::Scenario> scenario = load_or_report(arguments.scenario);
    if (!scenario) {
        return kInvalidInput;
    }
    namespace fs = std::filesystem;
    const fs::path out =
        !arguments.out.empty() ? arguments.out
        : !arguments.resume.empty()
            ? arguments.resume
            : fs::path("runs") / ("calibrate-" + arguments.scenario.stem().string());
    return report_input_errors([&]() -> int {
        std::vector<std::string> notes;
        const calibration::ObservedSeries observed = calibration::read_observed_files(
            arguments.observed, calibration::calibration_settings(*scenario), &notes);
        const calibration::CalibrationProblem problem =
            calibration::make_calibration_problem(*scenario, observed);
        const std::vector<calibration::AbcParameter> parameters =
            calibration::abc_parameters(problem);
        const calibration::DistanceFunction model_distance =
            calibration::make_distance_function(problem, simulator);
        const calibration::DistanceFunction distance = [&](const Eigen::VectorXd& values,
                                                           std::uint64_t seed) {
            stop_if_interrupted();
            return model_distance(values, seed);
        };
        calibration::AbcSmcOptions options = arguments.abc;
        calibration::validate(parameters, options);
        std::error_code error;
        fs::create_directories(out, error);
        if (error) {
            throw scenarios::OutputError("cannot create output folder " + out.string() + ": " +
                                         error.message());
        }
        options.checkpoint_file = out / kCheckpointFile;
        if (!arguments.quiet) {
            std::cout << "Calibrating " << scenario->name << " to "
                      << problem.window.from.to_string() << ".." << problem.window.to.to_string()
                      << " (" << problem.targets.size() << " target"
                      << (problem.targets.size() == 1 ? "" : "s") << ", " << parameters.size()
                      << " parameter" << (parameters.size() == 1 ? "" : "s") << ", "
                      << options.particles << " particles)\n";
            for (const std::string& note : notes) {
                std::cout << note << '\n';
            }
            note_parameters_unread(parameters, arguments.engine);
            options.on_generation = [](const calibration::GenerationReport& report) {
                print_generation(report);
            };
        }
        watch_for_interrupt();
        calibration::AbcSmcResult result;
        try {
            result = arguments.resume.empty()
                         ? calibration::run_abc_smc(parameters, distance, options)
                         : calibration::resume_abc_smc(arguments.resume / kCheckpointFile,
                                                       parameters, distance, options);
        } catch (const Interrupted&) {
            std::cerr << "vrsim: interrupted; continue with --resume " << out.string()
                      << (fs::exists(options.checkpoint_file)
                              ? ""
                              : " once a generation has finished (no checkpoint yet)")
                      << '\n';
            return kInterrupted;
        }
        std::vector<std::string> files = {"posterior.csv", "diagnostics.csv", "checkpoint.json",
                                          "observed.csv"};
        nlohmann::json calibration_manifest = calibration_json(problem, options, result);
        if (problem.observation &&
            problem.observation->noise == scenarios::ObservationNoise::negative_binomial) {
            // The fitted months' posterior predictive: each particle once more,
            // its dispersion estimated, the bands checked against the months.
            if (!arguments.quiet) {
                std::cout << "Posterior predictive of the fitted months: simulating the "
                          << result.posterior.particles.rows() << " particles once more\n";
            }
            const calibration::FittedPredictive predictive = calibration::fitted_predictive(
                problem, simulator, result, options.seed, options.threads);
            calibration::write_posterior_csv(out / "posterior.csv", predictive.posterior);
            calibration::write_predictive_csv(out / "predictive.csv", predictive.series,
                                              problem.window.to);
            calibration::write_coverage_csv(out / "predictive_coverage.csv", predictive.series,
                                            problem.window.to);
            files.insert(files.end(), {"predictive.csv", "predictive_coverage.csv"});
            calibration_manifest["observation"]["fitted_months_coverage"] =
                coverage_json(predictive.series, problem.window.to);
            if (!arguments.quiet) {
                print_coverage(predictive.series, problem.window.to);
            }
        } else {
            calibration::write_posterior_csv(out / "posterior.csv", result);
        }
        calibration::write_diagnostics_csv(out / "diagnostics.csv", result);
        calibration::write_tidy_csv(
            calibration::fitted_series(problem.targets, problem.scenario.calibration->area),
            out / "observed.csv");
        nlohmann::json manifest = {
            {"program", "vrsim"},
            {"version", VRSIM_VERSION},
            {"command", "calibrate"},
            {"command_line", command_line},
            {"engine", arguments.engine},
            {"scenario",
             {{"name", scenario->name}, {"files", files_with_digests(scenario->files)}}},
            {"observed_files", files_with_digests(arguments.observed)},
            {"calibration", calibration_manifest}};
        files.emplace_back("manifest.json");
        manifest["files"] = files;
        write_json(out / "manifest.json", manifest);
        if (!arguments.quiet) {
            std::cout << "Stopped: " << calibration::to_string(result.stop_reason) << " after "
                      << result.generations.size() << " generations, " << result.simulations
                      << " simulations\nWrote " << out.string() << ":";
            for (std::size_t i = 0; i < files.size(); ++i) {
                std::cout << (i == 0 ? " " : ", ") << files[i];
            }
            std::cout << '\n';
        }
        return kOk;
    });
}

}  // namespace vrsim::cli
