#pragma once
// A generic ABC-SMC engine (Toni et al. 2009; Beaumont et al. 2009; adaptive
// tolerances after Del Moral et al. 2012): it knows nothing of the simulation model. The caller
// gives the parameters with their priors and a distance function that simulates at given parameter
// values and returns the distance to the observed targets; the engine returns weighted particles
// from the approximate posterior.
//
// Results depend only on the parameters, the options other than `threads`, and
// the distance function: every proposal draws from a counter-based stream keyed
// by (seed, generation, particle, attempt), particles are evaluated in parallel
// and assembled in index order.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "vrsim/model/random.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::calibration {

// Bad parameters, options, checkpoints or distances; the message lists every
// problem found, one per line.
class AbcSmcError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A calibrated parameter and its prior. The prior is a scenarios::Distribution,
// as in scenario files: normal (a mean, b sd), lognormal (a meanlog, b sdlog),
// beta (a alpha, b beta), gamma (a shape, b SCALE: a Gamma(shape k, rate r) is
// {gamma, k, 1/r}), uniform (a min, b max).
struct AbcParameter {
    std::string name;  // a column of posterior.csv; unique, not "weight" or "distance"
    scenarios::Distribution prior;
};

// The simulator: simulate at `parameters` (in the order of the AbcParameter list)
// with all randomness drawn from `particle_seed`, and return the distance (>= 0,
// not NaN; +inf allowed) between the simulated and the observed targets. Called
// from several threads at once.
using DistanceFunction =
    std::function<double(const Eigen::VectorXd& parameters, std::uint64_t particle_seed)>;

struct GenerationReport;

// How a proposal moves a particle drawn from the previous generation.
enum class PerturbationKernel {
    // A multivariate normal with twice the particles' weighted covariance, the
    // same for every particle (Beaumont et al. 2009).
    scaled_covariance,
    // A multivariate normal for each particle, its covariance the spread of the
    // previous particles that already meet the new tolerance around it (the
    // "optimal local covariance matrix" of Filippi et al. 2013): stretched
    // towards them, so a particle far from them can reach them; often fewer
    // simulations a particle.
    local_covariance,
};
std::string_view to_string(PerturbationKernel kernel);

struct AbcSmcOptions {
    // Assumption: 1000 particles kept an ESS of about 850 in the tests, which puts
    // posterior means within about 5% of a posterior sd (1.3-2 x 1/sqrt(ESS), see
    // the README); raise it for tail quantiles.
    std::size_t particles = 1000;
    // Generation 0 (prior draws, all accepted) counts as one. Assumption: at
    // alpha 0.5 the tests' tolerances fell by a factor 0.5 to 0.7 a generation
    // (the two-parameter test took 17 generations from 13 to 0.05).
    std::size_t max_generations = 20;
    // Stop once a generation has run at this tolerance or below. 0 by default:
    // stop on the other rules (assumption: the caller knows its distance's scale).
    double min_tolerance = 0.0;
    // Simulations (distance calls) over all generations. A generation that would
    // exceed it is discarded and the run ends with the one before. Assumption: a
    // bound on runaway runs; at 10 ms a simulation it is under 3 hours of one core.
    std::uint64_t max_simulations = 1'000'000;
    // The next tolerance is this quantile of the current accepted distances.
    // Assumption: the median, a common choice (pyABC's default); a larger alpha
    // shrinks the tolerance more slowly at higher acceptance rates.
    double quantile_alpha = 0.5;
    PerturbationKernel kernel = PerturbationKernel::scaled_covariance;
    std::uint64_t seed = 1;
    // Worker threads; 0: oneTBB's default (all cores). Results do not depend on it.
    std::size_t threads = 0;
    // When not empty, a JSON checkpoint is written here (atomically) after every
    // generation; `resume` continues from it.
    std::filesystem::path checkpoint_file;
    // Called after every generation (progress output); may be empty.
    std::function<void(const GenerationReport&)> on_generation;
};

struct GenerationReport {
    std::size_t generation = 0;          // 0: the prior draws
    double tolerance = 0.0;              // +inf for generation 0
    double acceptance_rate = 0.0;        // particles / simulations of this generation
    double effective_sample_size = 0.0;  // 1 / sum of squared normalised weights
    std::uint64_t simulations = 0;       // distance calls in this generation
};

enum class AbcStopReason {
    min_tolerance,    // a generation ran at min_tolerance or below
    max_generations,  // max_generations generations ran
    budget,           // the next generation did not fit in max_simulations
    stalled,          // every accepted distance equals the tolerance: it cannot fall
};
std::string_view to_string(AbcStopReason reason);

// One generation's particles: row i of `particles` is particle i's parameter
// values; weights are normalised to sum to 1.
struct AbcPopulation {
    std::size_t generation = 0;
    double tolerance = std::numeric_limits<double>::infinity();
    Eigen::MatrixXd particles;
    Eigen::VectorXd weights;
    Eigen::VectorXd distances;
};

struct AbcSmcResult {
    std::vector<std::string> parameter_names;
    AbcPopulation posterior;                    // the last completed generation
    std::vector<GenerationReport> generations;  // every completed generation, in order
    std::uint64_t simulations = 0;              // over the completed generations
    AbcStopReason stop_reason = AbcStopReason::max_generations;
};

// Checks the parameters and options; throws AbcSmcError listing every problem.
void validate(const std::vector<AbcParameter>& parameters, const AbcSmcOptions& options);

// Runs from the prior.
AbcSmcResult run_abc_smc(const std::vector<AbcParameter>& parameters,
                         const DistanceFunction& distance, const AbcSmcOptions& options);

// Continues a run from the checkpoint it wrote, reaching exactly the result of
// an uninterrupted run. The parameters and options must be those the checkpoint
// was made with, except threads, checkpoint_file, on_generation, and
// max_generations and max_simulations (which only decide when to stop).
AbcSmcResult resume_abc_smc(const std::filesystem::path& checkpoint,
                            const std::vector<AbcParameter>& parameters,
                            const DistanceFunction& distance, const AbcSmcOptions& options);

// posterior.csv: a header of the parameter names then weight,distance; a row
// per particle in index order. Numbers in the shortest form that reads back to
// the same double. Written atomically.
void write_posterior_csv(const std::filesystem::path& file, const AbcSmcResult& result);

// diagnostics.csv:
// generation,tolerance,acceptance_rate,effective_sample_size,simulations
void write_diagnostics_csv(const std::filesystem::path& file, const AbcSmcResult& result);

// Building blocks, exposed for tests and for callers that draw from priors.

// The prior's density at x (0 outside its support).
double prior_density(const scenarios::Distribution& prior, double x);
// One draw, identical on every platform for the same stream (Boost.Random, as
// scenarios' parameter draws).
double draw_prior(const scenarios::Distribution& prior, model::Stream& stream);
// The weighted covariance sum_i w_i (x_i - m)(x_i - m)^T with m = sum_i w_i x_i
// (weights normalised to sum 1); rows of `particles` are particles.
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& particles,
                                    const Eigen::VectorXd& weights);
// 1 / sum w_i^2 of normalised weights (Kish's effective sample size).
double effective_sample_size(const Eigen::VectorXd& weights);

// The local covariance of each particle of `previous` (Filippi et al. 2013,
// their optimal local covariance matrix): sum_k w~_k (theta_k - theta_i)
// (theta_k - theta_i)^T over the particles k whose distance is within
// `tolerance`, w~ their weights normalised over them. Empty when no more of
// them than parameters are within it or their covariance is not positive
// definite (the scaled covariance kernel is then used).
std::vector<Eigen::MatrixXd> local_covariances(const AbcPopulation& previous, double tolerance);

// What the importance weights divide by: sum_j w_j K_j(theta | theta_j) for
// the kernel built on `previous` for the next `tolerance`, up to the factor
// every K_j shares ((2 pi)^(-d/2), and for the scaled kernel its determinant),
// which cancels when the weights are normalised.
double kernel_mixture_density(const AbcPopulation& previous, double tolerance,
                              PerturbationKernel kernel, const Eigen::VectorXd& theta);

}  // namespace vrsim::calibration
