#include "calibration_support.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "print_diagnostics.hpp"
#include "vrsim/calibration/diagnostics.hpp"
#include "vrsim/calibration/posterior.hpp"
#include "vrsim/model/cohort.hpp"
#include "vrsim/scenarios/file_digest.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

calibration::Simulator simulator_for(const std::string& engine) {
    return engine == "cohort" ? calibration::cohort_simulator() : calibration::abm_simulator();
}

void note_parameters_unread(const std::vector<calibration::AbcParameter>& parameters,
                            const std::string& engine, const std::string& prefix) {
    if (engine != "cohort") {
        return;
    }
    const std::string_view model_prefix = "parameters.";
    for (const calibration::AbcParameter& parameter : parameters) {
        const std::string_view name = parameter.name;
        if (name.substr(0, model_prefix.size()) != model_prefix) {
            continue;  // the observation model's
        }
        const std::string_view field = name.substr(model_prefix.size());
        if (!model::cohort_engine_reads(field.substr(0, field.find('.')))) {
            std::cout << prefix << "note: the cohort engine does not read " << name
                      << ", so the data cannot inform it: its posterior will be its prior "
                         "(fit it with --engine abm)\n";
        }
    }
}

void add_engine_option(CLI::App& command, std::string& engine) {
    command
        .add_option("--engine", engine,
                    "Simulation engine: abm (agent-based, one replicate per particle) or cohort\n"
                    "(expected flows, deterministic: the particle's seed is not used)")
        ->default_val("abm")
        ->check(CLI::IsMember({"abm", "cohort"}));
}

void add_kernel_option(CLI::App& command, calibration::PerturbationKernel& kernel) {
    using calibration::PerturbationKernel;
    command
        .add_option_function<std::string>(
            "--kernel",
            [&kernel](const std::string& name) {
                kernel = name == "local" ? PerturbationKernel::local_covariance
                                         : PerturbationKernel::scaled_covariance;
            },
            "How proposals move particles: scaled (twice the particles' covariance,\n"
            "Beaumont et al. 2009) or local (each particle's own covariance, stretched towards\n"
            "those already within the new tolerance, Filippi et al. 2013: often fewer\n"
            "simulations, a third fewer on Croydon; a lower effective sample size a particle)")
        ->default_str("scaled")
        ->check(CLI::IsMember({"scaled", "local"}));
}

std::optional<scenarios::Scenario> load_or_report(const std::filesystem::path& file) {
    try {
        return scenarios::load_scenario(file);
    } catch (const scenarios::ScenarioError& error) {
        print_diagnostics(error);
        return std::nullopt;
    }
}

int report_input_errors(const std::function<int()>& body) {
    try {
        return body();
    } catch (const calibration::ObservedDataError& error) {
        for (const calibration::Diagnostic& diagnostic : error.diagnostics()) {
            std::cerr << diagnostic.to_string() << '\n';
        }
        return kInvalidInput;
    } catch (const calibration::CalibrationError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kInvalidInput;
    } catch (const calibration::AbcSmcError& error) {
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kInvalidInput;
    } catch (const Interrupted&) {
        std::cerr << "vrsim: interrupted; files already complete are kept, none half-written\n";
        return kInterrupted;
    }
}

void use_posterior(const std::filesystem::path& file,
                   const std::vector<const scenarios::Scenario*>& scenarios,
                   scenarios::EnsembleOptions& options) {
    const calibration::Posterior posterior = calibration::read_posterior_csv(file);
    // Every scenario is checked (this throws when the columns do not fit one); a
    // field is located the same way in every scenario, so the first one's
    // source serves all.
    for (const scenarios::Scenario* scenario : scenarios) {
        calibration::posterior_parameter_source(posterior, *scenario);
    }
    options.parameter_source =
        calibration::posterior_parameter_source(posterior, *scenarios.front());
}

void record_posterior(const std::filesystem::path& folder, const std::filesystem::path& posterior) {
    const std::filesystem::path file = folder / "manifest.json";
    std::ifstream in(file, std::ios::binary);
    nlohmann::json manifest = nlohmann::json::parse(in);
    in.close();
    manifest["posterior"] = files_with_digests({posterior}).front();
    write_json(file, manifest);
}

void record_files(const std::filesystem::path& folder, const std::vector<std::string>& names) {
    const std::filesystem::path file = folder / "manifest.json";
    std::ifstream in(file, std::ios::binary);
    nlohmann::json manifest = nlohmann::json::parse(in);
    in.close();
    nlohmann::json& files = manifest["files"];
    for (const std::string& name : names) {
        files.push_back(name);
    }
    write_json(file, manifest);
}

void print_generation(const calibration::GenerationReport& report, const std::string& prefix) {
    std::ostringstream line;
    line << prefix << "generation " << report.generation << ": tolerance ";
    if (std::isinf(report.tolerance)) {
        line << "inf (prior)";
    } else {
        line << std::setprecision(4) << report.tolerance;
    }
    line << std::fixed << std::setprecision(1) << ", acceptance " << 100.0 * report.acceptance_rate
         << "%, ESS " << report.effective_sample_size << ", " << report.simulations
         << " simulations\n";
    std::cout << line.str() << std::flush;
}

nlohmann::json files_with_digests(const std::vector<std::filesystem::path>& files) {
    nlohmann::json list = nlohmann::json::array();
    for (const std::filesystem::path& file : files) {
        list.push_back(
            {{"path", file.string()},
             {"sha256", std::filesystem::is_regular_file(file) ? scenarios::sha256_file(file)
                                                               : std::string("(folder)")}});
    }
    return list;
}

namespace {

nlohmann::json prior_json(const scenarios::Distribution& prior) {
    const scenarios::DistributionNames names = scenarios::names_of(prior.kind);
    return {{"type", names.type}, {std::string(names.a), prior.a}, {std::string(names.b), prior.b}};
}

nlohmann::json observation_parameter_json(const scenarios::ObservationParameter& parameter) {
    nlohmann::json json = {{"value", parameter.value}, {"source", parameter.source}};
    if (parameter.distribution) {
        json["prior"] = prior_json(*parameter.distribution);
    }
    return json;
}

}  // namespace

nlohmann::json observation_json(const scenarios::ObservationSettings& settings) {
    nlohmann::json json = {{"noise", std::string(scenarios::to_string(settings.noise))}};
    if (settings.noise == scenarios::ObservationNoise::negative_binomial) {
        json["dispersion"] = settings.dispersion ? observation_parameter_json(*settings.dispersion)
                                                 : nlohmann::json(
                                                       "estimated per particle "
                                                       "(maximum likelihood)");
    }
    if (settings.recording_trend) {
        const scenarios::RecordingTrendSettings& trend = *settings.recording_trend;
        json["recording_trend"] = {
            {"before", observation_parameter_json(trend.before)},
            {"midpoint_year", observation_parameter_json(trend.midpoint_year)},
            {"duration_months", observation_parameter_json(trend.duration_months)},
            {"after_last_fitted_month", "held at its level of the last fitted month"}};
    }
    return json;
}

nlohmann::json calibration_json(const calibration::CalibrationProblem& problem,
                                const calibration::AbcSmcOptions& options,
                                const calibration::AbcSmcResult& result) {
    const scenarios::CalibrationSettings& settings = *problem.scenario.calibration;
    nlohmann::json targets = nlohmann::json::array();
    for (const calibration::Target& target : problem.targets) {
        nlohmann::json entry = {{"outcome", target.outcome},
                                {"kind", std::string(scenarios::to_string(target.kind))},
                                {"weight", target.weight},
                                {"source", target.source}};
        if (target.kind == scenarios::TargetKind::rate) {
            entry["observed"] = target.observed.front();
        }
        targets.push_back(std::move(entry));
    }
    nlohmann::json parameters = nlohmann::json::array();
    for (std::size_t index : problem.fitted) {
        const scenarios::UncertainParameter& parameter = problem.scenario.uncertain[index];
        parameters.push_back(
            {{"field", parameter.field}, {"prior", prior_json(parameter.distribution)}});
    }
    nlohmann::json generations = nlohmann::json::array();
    for (const calibration::GenerationReport& report : result.generations) {
        generations.push_back(
            {{"generation", report.generation},
             {"tolerance", std::isinf(report.tolerance) ? nlohmann::json("inf")
                                                        : nlohmann::json(report.tolerance)},
             {"acceptance_rate", report.acceptance_rate},
             {"effective_sample_size", report.effective_sample_size},
             {"simulations", report.simulations}});
    }
    nlohmann::json json = {
        {"area", settings.area},
        {"mapping", settings.mapping.string()},
        {"fit_from", problem.window.from.to_string()},
        {"fit_to", problem.window.to.to_string()},
        {"population_at_fit_start", problem.scenario.parameters.place.population},
        {"targets", targets},
        {"distance",
         "weighted mean of per-target scale-free distances: RMSE / observed mean "
         "(monthly, annual), |error| / observed (rate)"},
        {"parameters", parameters},
        {"abc_smc",
         {{"particles", options.particles},
          {"max_generations", options.max_generations},
          {"min_tolerance", options.min_tolerance},
          {"max_simulations", options.max_simulations},
          {"quantile_alpha", options.quantile_alpha},
          {"kernel", std::string(calibration::to_string(options.kernel))},
          {"seed", options.seed}}},
        {"result",
         {{"stop_reason", std::string(calibration::to_string(result.stop_reason))},
          {"simulations", result.simulations},
          {"generations", generations}}}};
    if (problem.observation) {
        json["observation"] = observation_json(*problem.observation);
    }
    return json;
}

void print_coverage(const std::vector<calibration::PredictiveSeries>& series,
                    model::YearMonth last_fitted, const std::string& prefix) {
    for (const calibration::PredictiveSeries& one : series) {
        for (const calibration::CoverageSpan& span :
             calibration::coverage_spans(one, last_fitted)) {
            std::ostringstream line;
            line << prefix << one.outcome << ": " << (span.fitted ? "fitted" : "later")
                 << " months (" << span.months << ") inside the predictive 50% band " << std::fixed
                 << std::setprecision(0) << 100 * span.shares[0] << "%, 80% "
                 << 100 * span.shares[1] << "%, 95% " << 100 * span.shares[2] << "%\n";
            std::cout << line.str();
        }
    }
}

nlohmann::json coverage_json(const std::vector<calibration::PredictiveSeries>& series,
                             model::YearMonth last_fitted) {
    nlohmann::json json = nlohmann::json::object();
    for (const calibration::PredictiveSeries& one : series) {
        for (const calibration::CoverageSpan& span :
             calibration::coverage_spans(one, last_fitted)) {
            json[one.outcome][span.fitted ? "fitted" : "later"] = {{"months", span.months},
                                                                   {"coverage_50", span.shares[0]},
                                                                   {"coverage_80", span.shares[1]},
                                                                   {"coverage_95", span.shares[2]}};
        }
    }
    return json;
}

void write_json(const std::filesystem::path& file, const nlohmann::json& json) {
    scenarios::AtomicFile out(file);
    out.write(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    out.commit();
}

model::YearMonth parse_month_option(const std::string& text, const std::string& option) {
    const auto month = model::YearMonth::parse(text);
    if (!month) {
        throw calibration::CalibrationError(option + ": expected a month as YYYY-MM, got " + text);
    }
    return *month;
}

}  // namespace vrsim::cli
