#pragma once
// A calibration's posterior as other commands use it: read from posterior.csv,
// checked against a scenario, and drawn from replicate by replicate.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "vrsim/calibration/abc_smc.hpp"
#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::calibration {

struct Posterior {
    std::filesystem::path file;      // empty when made in memory
    std::vector<std::string> names;  // parameter fields, the columns before weight
    Eigen::MatrixXd particles;       // a row per particle
    std::vector<double> weights;     // normalised to sum 1
};

// posterior.csv (write_posterior_csv's format: the parameter names, then
// weight,distance; a row per particle). Throws CalibrationError naming the file,
// line and column of every problem: a wrong header, a missing or extra field,
// a value that is not a finite number, a negative weight, weights summing to 0.
Posterior read_posterior_csv(const std::filesystem::path& file);

// The last generation of an ABC-SMC run.
Posterior posterior_of(const AbcSmcResult& result);

// The particle replicate `replicate` runs with: drawn by weight from the stream
// (seed, replicate, Decision::posterior_draw), so replicate r of every scenario
// run with the same seed gets the same particle (common random numbers).
std::size_t draw_particle(const Posterior& posterior, std::uint64_t seed, std::uint32_t replicate);

// A parameter source for run_ensemble: sets each replicate's posterior columns
// to its particle's values (clamped into their valid range as draws are); the
// scenario's other uncertain parameters keep their own draws. Throws
// CalibrationError when a column is not one of the scenario's uncertain
// parameters (with a "did you mean").
scenarios::ParameterSource posterior_parameter_source(const Posterior& posterior,
                                                      const scenarios::Scenario& scenario);

}  // namespace vrsim::calibration
