// ABC-SMC files: posterior.csv, diagnostics.csv and the per-generation JSON
// checkpoint. Every number is written so that it reads back to the same double,
// which is what lets a resumed run match an uninterrupted one byte for byte.
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "abc_smc_detail.hpp"
#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::calibration {

namespace detail {

void throw_problems(const std::string& heading, const std::vector<std::string>& problems) {
    std::string message = heading;
    for (const std::string& problem : problems) {
        message.append("\n  ").append(problem);
    }
    throw AbcSmcError(message);
}

}  // namespace detail

namespace {

constexpr const char* kCheckpointFormat = "vrsim-abc-smc-checkpoint";
// Version 2 records the kernel; version 1, from before it was a choice, is
// read as made with the scaled covariance kernel, the only one then.
constexpr int kCheckpointVersion = 2;
constexpr int kCheckpointVersionWithoutKernel = 1;

// JSON has no infinity (nlohmann writes null): infinite numbers (generation 0's
// tolerance, a simulator's infinite distance) are the strings "inf"/"-inf".
nlohmann::json number_to_json(double value) {
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    return value;
}

double number_from_json(const nlohmann::json& value) {
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text == "inf") {
            return std::numeric_limits<double>::infinity();
        }
        if (text == "-inf") {
            return -std::numeric_limits<double>::infinity();
        }
        throw AbcSmcError("expected a number or \"inf\", got \"" + text + "\"");
    }
    return value.get<double>();
}

nlohmann::json parameters_to_json(const std::vector<AbcParameter>& parameters) {
    nlohmann::json list = nlohmann::json::array();
    for (const AbcParameter& parameter : parameters) {
        list.push_back({{"name", parameter.name},
                        {"prior",
                         {{"kind", std::string(scenarios::names_of(parameter.prior.kind).type)},
                          {"a", parameter.prior.a},
                          {"b", parameter.prior.b}}}});
    }
    return list;
}

// The options that decide the particles drawn; max_generations and
// max_simulations only decide when to stop, threads nothing.
nlohmann::json options_to_json(const AbcSmcOptions& options) {
    return {{"particles", options.particles},
            {"min_tolerance", options.min_tolerance},
            {"quantile_alpha", options.quantile_alpha},
            {"kernel", std::string(to_string(options.kernel))},
            {"seed", options.seed}};
}

void append_row(std::string& out, const std::vector<double>& values) {
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k > 0) {
            out.push_back(',');
        }
        scenarios::append_value(out, values[k]);
    }
    out.push_back('\n');
}

AbcSmcResult state_from_json(const nlohmann::json& document) {
    AbcSmcResult state;
    for (const nlohmann::json& parameter : document.at("parameters")) {
        state.parameter_names.push_back(parameter.at("name").get<std::string>());
    }
    const auto dimension = static_cast<Eigen::Index>(state.parameter_names.size());
    AbcPopulation& population = state.posterior;
    population.generation = document.at("generation").get<std::size_t>();
    population.tolerance = number_from_json(document.at("tolerance"));
    const nlohmann::json& particles = document.at("particles");
    const nlohmann::json& weights = document.at("weights");
    const nlohmann::json& distances = document.at("distances");
    const auto count = static_cast<Eigen::Index>(particles.size());
    if (weights.size() != particles.size() || distances.size() != particles.size()) {
        throw AbcSmcError("particles, weights and distances differ in length");
    }
    population.particles.resize(count, dimension);
    population.weights.resize(count);
    population.distances.resize(count);
    for (Eigen::Index i = 0; i < count; ++i) {
        const nlohmann::json& row = particles.at(static_cast<std::size_t>(i));
        if (static_cast<Eigen::Index>(row.size()) != dimension) {
            throw AbcSmcError("particle " + std::to_string(i) + " has " +
                              std::to_string(row.size()) + " values, expected " +
                              std::to_string(dimension));
        }
        for (Eigen::Index k = 0; k < dimension; ++k) {
            population.particles(i, k) = row.at(static_cast<std::size_t>(k)).get<double>();
        }
        population.weights[i] = weights.at(static_cast<std::size_t>(i)).get<double>();
        population.distances[i] = number_from_json(distances.at(static_cast<std::size_t>(i)));
    }
    state.simulations = document.at("simulations").get<std::uint64_t>();
    for (const nlohmann::json& entry : document.at("generations")) {
        GenerationReport report;
        report.generation = entry.at("generation").get<std::size_t>();
        report.tolerance = number_from_json(entry.at("tolerance"));
        report.acceptance_rate = entry.at("acceptance_rate").get<double>();
        report.effective_sample_size = entry.at("effective_sample_size").get<double>();
        report.simulations = entry.at("simulations").get<std::uint64_t>();
        state.generations.push_back(report);
    }
    if (state.generations.empty() || state.generations.back().generation != population.generation) {
        throw AbcSmcError("the generation reports do not end with generation " +
                          std::to_string(population.generation));
    }
    return state;
}

}  // namespace

namespace detail {

void write_checkpoint(const std::filesystem::path& file,
                      const std::vector<AbcParameter>& parameters, const AbcSmcOptions& options,
                      const AbcSmcResult& state) {
    const AbcPopulation& population = state.posterior;
    nlohmann::json particles = nlohmann::json::array();
    nlohmann::json weights = nlohmann::json::array();
    nlohmann::json distances = nlohmann::json::array();
    for (Eigen::Index i = 0; i < population.particles.rows(); ++i) {
        nlohmann::json row = nlohmann::json::array();
        for (Eigen::Index k = 0; k < population.particles.cols(); ++k) {
            row.push_back(population.particles(i, k));
        }
        particles.push_back(std::move(row));
        weights.push_back(population.weights[i]);
        distances.push_back(number_to_json(population.distances[i]));
    }
    nlohmann::json generations = nlohmann::json::array();
    for (const GenerationReport& report : state.generations) {
        generations.push_back({{"generation", report.generation},
                               {"tolerance", number_to_json(report.tolerance)},
                               {"acceptance_rate", report.acceptance_rate},
                               {"effective_sample_size", report.effective_sample_size},
                               {"simulations", report.simulations}});
    }
    // nlohmann writes doubles in the shortest form that reads back exactly.
    const nlohmann::json document = {{"format", kCheckpointFormat},
                                     {"version", kCheckpointVersion},
                                     {"parameters", parameters_to_json(parameters)},
                                     {"options", options_to_json(options)},
                                     {"max_generations", options.max_generations},
                                     {"max_simulations", options.max_simulations},
                                     {"generation", population.generation},
                                     {"tolerance", number_to_json(population.tolerance)},
                                     {"simulations", state.simulations},
                                     {"generations", std::move(generations)},
                                     {"particles", std::move(particles)},
                                     {"weights", std::move(weights)},
                                     {"distances", std::move(distances)}};
    scenarios::AtomicFile out(file);
    scenarios::write_json(out, document);
    out.commit();
}

AbcSmcResult read_checkpoint(const std::filesystem::path& file,
                             const std::vector<AbcParameter>& parameters,
                             const AbcSmcOptions& options) {
    const std::string place = "ABC-SMC checkpoint " + file.string() + ": ";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw AbcSmcError(place + "cannot be read (missing or not readable)");
    }
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        throw AbcSmcError(place + "not valid JSON: " + error.what());
    }
    if (!document.is_object() || document.value("format", "") != kCheckpointFormat) {
        throw AbcSmcError(place + "not an ABC-SMC checkpoint (expected \"format\": \"" +
                          kCheckpointFormat + "\")");
    }
    const int version = document.value("version", 0);
    if (version != kCheckpointVersion && version != kCheckpointVersionWithoutKernel) {
        throw AbcSmcError(place + "version " + document.value("version", nlohmann::json()).dump() +
                          ", expected " + std::to_string(kCheckpointVersionWithoutKernel) + " or " +
                          std::to_string(kCheckpointVersion));
    }
    std::vector<std::string> problems;
    if (document.value("parameters", nlohmann::json()) != parameters_to_json(parameters)) {
        problems.push_back("parameters: made with " +
                           document.value("parameters", nlohmann::json()).dump() + ", given " +
                           parameters_to_json(parameters).dump());
    }
    nlohmann::json made_with = document.value("options", nlohmann::json());
    if (version == kCheckpointVersionWithoutKernel && made_with.is_object()) {
        made_with["kernel"] = std::string(to_string(PerturbationKernel::scaled_covariance));
    }
    const nlohmann::json given = options_to_json(options);
    for (const auto& [key, value] : given.items()) {
        if (!made_with.contains(key) || made_with.at(key) != value) {
            problems.push_back("options." + key + ": made with " +
                               made_with.value(key, nlohmann::json()).dump() + ", given " +
                               value.dump());
        }
    }
    if (!problems.empty()) {
        throw_problems(place + "made with other parameters or options than given:", problems);
    }
    try {
        AbcSmcResult state = state_from_json(document);
        if (state.posterior.particles.rows() != static_cast<Eigen::Index>(options.particles)) {
            throw AbcSmcError("holds " + std::to_string(state.posterior.particles.rows()) +
                              " particles, expected " + std::to_string(options.particles));
        }
        return state;
    } catch (const nlohmann::json::exception& error) {
        throw AbcSmcError(place + "malformed: " + error.what());
    } catch (const AbcSmcError& error) {
        throw AbcSmcError(place + "malformed: " + error.what());
    }
}

}  // namespace detail

void write_posterior_csv(const std::filesystem::path& file, const AbcSmcResult& result) {
    std::string text;
    for (const std::string& name : result.parameter_names) {
        text.append(scenarios::csv_field(name)).push_back(',');
    }
    text.append("weight,distance\n");
    const AbcPopulation& population = result.posterior;
    std::vector<double> row;
    for (Eigen::Index i = 0; i < population.particles.rows(); ++i) {
        row.assign(population.particles.row(i).begin(), population.particles.row(i).end());
        row.push_back(population.weights[i]);
        row.push_back(population.distances[i]);
        append_row(text, row);
    }
    scenarios::AtomicFile out(file);
    out.write(text);
    out.commit();
}

void write_diagnostics_csv(const std::filesystem::path& file, const AbcSmcResult& result) {
    std::string text = "generation,tolerance,acceptance_rate,effective_sample_size,simulations\n";
    for (const GenerationReport& report : result.generations) {
        text.append(std::to_string(report.generation)).push_back(',');
        scenarios::append_value(text, report.tolerance);
        text.push_back(',');
        scenarios::append_value(text, report.acceptance_rate);
        text.push_back(',');
        scenarios::append_value(text, report.effective_sample_size);
        text.push_back(',');
        text.append(std::to_string(report.simulations)).push_back('\n');
    }
    scenarios::AtomicFile out(file);
    out.write(text);
    out.commit();
}

}  // namespace vrsim::calibration
