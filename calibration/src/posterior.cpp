#include "vrsim/calibration/posterior.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

#include "csv_reader.hpp"
#include "numbers.hpp"
#include "problem_list.hpp"
#include "suggest.hpp"
#include "vrsim/calibration/observation_model.hpp"
#include "vrsim/calibration/targets.hpp"
#include "vrsim/model/random.hpp"

namespace vrsim::calibration {

namespace {

// posterior.csv's values are written in shortest round-trip form; "inf" is a
// distance of generation 0.
std::optional<double> parse_cell(const std::string& text) {
    if (text == "inf") {
        return std::numeric_limits<double>::infinity();
    }
    return detail::parse_number(text);
}

}  // namespace

Posterior read_posterior_csv(const std::filesystem::path& file) {
    Posterior posterior;
    posterior.file = file;
    detail::ProblemList problems;
    std::vector<std::string> header;
    std::vector<std::vector<double>> rows;
    const std::function<void(const detail::CsvRecord&)> on_record =
        [&](const detail::CsvRecord& record) {
            if (header.empty()) {
                header = record.fields;
                const std::size_t n = header.size();
                if (n < 3 || header[n - 2] != "weight" || header[n - 1] != "distance") {
                    problems.add(file, record.line, "header",
                                 "expected the parameter names then weight,distance (a "
                                 "posterior.csv from vrsim calibrate)");
                }
                return;
            }
            if (record.fields.size() != header.size()) {
                problems.add(file, record.line, "",
                             "expected " + std::to_string(header.size()) + " fields, got " +
                                 std::to_string(record.fields.size()));
                return;
            }
            std::vector<double> row;
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                const std::optional<double> value = parse_cell(record.fields[i]);
                const bool is_distance = i + 1 == header.size();
                if (!value || (!is_distance && !std::isfinite(*value))) {
                    problems.add(file, record.line, detail::csv_column(i, header[i]),
                                 "expected a finite number, got \"" + record.fields[i] + "\"");
                    return;
                }
                if (i + 2 == header.size() && *value < 0.0) {
                    problems.add(file, record.line, detail::csv_column(i, header[i]),
                                 "expected a weight, 0 or more, got \"" + record.fields[i] + "\"");
                    return;
                }
                row.push_back(*value);
            }
            rows.push_back(std::move(row));
        };
    detail::read_csv(file, on_record, problems);
    if (header.empty()) {
        problems.add(file, 1, "", "empty file: expected a posterior.csv from vrsim calibrate");
    } else if (rows.empty() && problems.empty()) {
        problems.add(file, 2, "", "no particles: expected a row per particle");
    }
    problems.throw_if_any();
    const std::size_t parameters = header.size() - 2;
    posterior.names.assign(header.begin(),
                           header.begin() + static_cast<std::ptrdiff_t>(parameters));
    posterior.particles.resize(static_cast<Eigen::Index>(rows.size()),
                               static_cast<Eigen::Index>(parameters));
    double total = 0.0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < parameters; ++c) {
            posterior.particles(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
                rows[r][c];
        }
        posterior.weights.push_back(rows[r][parameters]);
        total += rows[r][parameters];
    }
    if (!(total > 0.0)) {
        throw CalibrationError(file.string() + ": the weights sum to 0; no particle can be drawn");
    }
    for (double& weight : posterior.weights) {
        weight /= total;
    }
    return posterior;
}

Posterior posterior_of(const AbcSmcResult& result) {
    Posterior posterior;
    posterior.names = result.parameter_names;
    posterior.particles = result.posterior.particles;
    posterior.weights.assign(result.posterior.weights.data(),
                             result.posterior.weights.data() + result.posterior.weights.size());
    return posterior;
}

std::size_t draw_particle(const Posterior& posterior, std::uint64_t seed, std::uint32_t replicate) {
    model::Stream stream(seed, replicate, model::Decision::posterior_draw, 0, 0);
    const double u = stream.uniform();
    double cumulative = 0.0;
    for (std::size_t i = 0; i < posterior.weights.size(); ++i) {
        cumulative += posterior.weights[i];
        if (u < cumulative) {
            return i;
        }
    }
    // Rounding can leave the cumulative sum a little below 1: the last particle
    // with weight takes the remainder.
    std::size_t last = posterior.weights.size() - 1;
    while (last > 0 && posterior.weights[last] == 0.0) {
        --last;
    }
    return last;
}

scenarios::ParameterSource posterior_parameter_source(const Posterior& posterior,
                                                      const scenarios::Scenario& scenario) {
    std::vector<std::string_view> known;
    for (const scenarios::UncertainParameter& parameter : scenario.uncertain) {
        known.push_back(parameter.field);
    }
    // (posterior column, uncertain parameter) pairs; observation.* columns belong
    // to the observation model, not to the simulation.
    std::vector<std::pair<Eigen::Index, std::size_t>> columns_to_uncertain;
    std::string problems;
    for (std::size_t column = 0; column < posterior.names.size(); ++column) {
        const std::string& name = posterior.names[column];
        if (is_observation_column(name)) {
            continue;
        }
        const auto found = std::find(known.begin(), known.end(), name);
        if (found == known.end()) {
            problems += "\n  column \"" + name + "\" is not a parameter with a distribution in " +
                        scenario.file.string() + detail::did_you_mean(name, known);
            continue;
        }
        columns_to_uncertain.emplace_back(static_cast<Eigen::Index>(column),
                                          static_cast<std::size_t>(found - known.begin()));
    }
    if (!problems.empty()) {
        throw CalibrationError(
            (posterior.file.empty() ? std::string("the posterior") : posterior.file.string()) +
            " does not fit the scenario (its columns must be the scenario's uncertain "
            "parameters, as vrsim calibrate writes them):" +
            problems);
    }
    auto shared = std::make_shared<const Posterior>(posterior);
    auto uncertain =
        std::make_shared<const std::vector<scenarios::UncertainParameter>>(scenario.uncertain);
    return [shared, uncertain, columns_to_uncertain](model::Parameters& parameters,
                                                     std::uint64_t seed, std::uint32_t replicate) {
        const auto row = static_cast<Eigen::Index>(draw_particle(*shared, seed, replicate));
        for (const auto& [column, index] : columns_to_uncertain) {
            const scenarios::UncertainParameter& target = (*uncertain)[index];
            *target.locate(parameters) =
                std::clamp(shared->particles(row, column), target.lower, target.upper);
        }
    };
}

}  // namespace vrsim::calibration
