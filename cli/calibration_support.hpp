#pragma once
// Pieces shared by `vrsim calibrate`, `forecast` and `backtest`, and by the
// --posterior option of `run` and `compare`.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/calibration/model_calibration.hpp"
#include "vrsim/calibration/posterior_predictive.hpp"
#include "vrsim/calibration/simulator.hpp"
#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::cli {

// The simulator behind --engine (abm or cohort).
calibration::Simulator simulator_for(const std::string& engine);

// Adds --engine abm|cohort.
void add_engine_option(CLI::App& command, std::string& engine);

// Adds --kernel scaled|local, ABC-SMC's perturbation kernel.
void add_kernel_option(CLI::App& command, calibration::PerturbationKernel& kernel);

// Notes on stdout the fitted parameters the engine does not read (the cohort
// engine's contagion): the data cannot inform them, so their posterior is
// their prior.
void note_parameters_unread(const std::vector<calibration::AbcParameter>& parameters,
                            const std::string& engine, const std::string& prefix = "");

// Loads a scenario, printing its problems; nullopt when invalid.
std::optional<scenarios::Scenario> load_or_report(const std::filesystem::path& file);

// Runs `body`, turning the errors of bad input (observed files, posteriors,
// calibration settings) into messages on stderr and kInvalidInput.
int report_input_errors(const std::function<int()>& body);

// Sets options.parameter_source from a posterior.csv checked against every
// scenario; throws CalibrationError or ObservedDataError.
void use_posterior(const std::filesystem::path& file,
                   const std::vector<const scenarios::Scenario*>& scenarios,
                   scenarios::EnsembleOptions& options);

// Adds "posterior": {"path", "sha256"} to FOLDER/manifest.json, rewritten
// atomically, so a run folder says which posterior its replicates drew from.
void record_posterior(const std::filesystem::path& folder, const std::filesystem::path& posterior);

// Adds files written after the run's manifest to its list of files.
void record_files(const std::filesystem::path& folder, const std::vector<std::string>& names);

// Prints one generation's figures (tolerance, acceptance rate, ESS, simulations).
void print_generation(const calibration::GenerationReport& report, const std::string& prefix = "");

// {"path": ..., "sha256": ...} for each file.
nlohmann::json files_with_digests(const std::vector<std::filesystem::path>& files);

// What a calibration fitted: window, area, population, targets, parameters and
// priors, and the ABC-SMC options and result.
nlohmann::json calibration_json(const calibration::CalibrationProblem& problem,
                                const calibration::AbcSmcOptions& options,
                                const calibration::AbcSmcResult& result);

// The observation model's settings, for manifests.
nlohmann::json observation_json(const scenarios::ObservationSettings& settings);

// Prints "<prefix>outcome: fitted months (N) covered 50% a%, 80% b%, 95% c%" and
// the same for the months after `last_fitted` that were observed.
void print_coverage(const std::vector<calibration::PredictiveSeries>& series,
                    model::YearMonth last_fitted, const std::string& prefix = "");

// {"<outcome>": {"fitted": {"months", "coverage_50", ...}, "later": {...}}}.
nlohmann::json coverage_json(const std::vector<calibration::PredictiveSeries>& series,
                             model::YearMonth last_fitted);

// Writes `json` to `file` atomically, two-space indented, with a final newline.
void write_json(const std::filesystem::path& file, const nlohmann::json& json);

// "YYYY-MM" options.
model::YearMonth parse_month_option(const std::string& text, const std::string& option);
inline const CLI::Validator kMonth(
    [](std::string& text) -> std::string {
        return model::YearMonth::parse(text) ? "" : "expected a month as YYYY-MM, got " + text;
    },
    "YYYY-MM");

}  // namespace vrsim::cli
