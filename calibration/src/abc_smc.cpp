// The ABC-SMC algorithm: an adaptive tolerance schedule (the alpha quantile of
// the current distances, after Del Moral et al. 2012 and Drovandi and Pettitt 2011),
// a multivariate normal perturbation kernel, with twice the weighted particle
// covariance (Beaumont et al. 2009) or a covariance of each particle's own
// (Filippi et al. 2013), and importance weights
// prior(theta) / sum_j w_j K_j(theta | theta_j) (Toni et al. 2009).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <Eigen/Cholesky>
#include <boost/random/normal_distribution.hpp>

#include "abc_smc_detail.hpp"
#include "vrsim/calibration/abc_smc.hpp"

namespace vrsim::calibration {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Proposals outside the support cost no simulation, so the budget cannot end a
// run stuck proposing them; this does. Assumption: a particle inside the
// support whose kernel puts 99.999% of its mass outside is a broken run.
constexpr std::uint64_t kMaxOutsideInARow = 100'000;

// The proposals' streams, apart from every model decision's.
constexpr auto kProposalDecision = model::Decision::calibration_proposal;

double prior_density_of(const std::vector<AbcParameter>& parameters, const Eigen::VectorXd& theta) {
    double density = 1.0;
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
        density *= prior_density(parameters[static_cast<std::size_t>(k)].prior, theta[k]);
        if (density <= 0.0) {
            return 0.0;
        }
    }
    return density;
}

// The perturbation kernel around the previous generation's particles: a
// multivariate normal around each, with one covariance shared by all or one
// of each particle's own (PerturbationKernel).
class Kernel {
  public:
    Kernel(const AbcPopulation& previous, double next_tolerance, PerturbationKernel kind)
        : previous_(previous) {
        if (kind == PerturbationKernel::local_covariance) {
            set_local_covariances(next_tolerance);
        }
        if (lower_.empty()) {
            const Eigen::MatrixXd covariance =
                2.0 * weighted_covariance(previous.particles, previous.weights);
            const Eigen::LLT<Eigen::MatrixXd> cholesky(covariance);
            if (cholesky.info() != Eigen::Success) {
                throw AbcSmcError(
                    "ABC-SMC: generation " + std::to_string(previous.generation) +
                    ": the particles' weighted covariance is not positive definite (a parameter "
                    "has collapsed to one value, or two parameters are exactly collinear); the "
                    "perturbation kernel cannot be built");
            }
            lower_.emplace_back(cholesky.matrixL());
        }
        cumulative_.resize(static_cast<std::size_t>(previous.weights.size()));
        double total = 0.0;
        for (std::size_t j = 0; j < cumulative_.size(); ++j) {
            total += previous.weights[static_cast<Eigen::Index>(j)];
            cumulative_[j] = total;
        }
    }

    // A particle of the previous generation drawn by weight, moved by the kernel.
    Eigen::VectorXd propose(model::Stream& stream) const {
        const double u = stream.uniform() * cumulative_.back();
        const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
        const auto j = static_cast<Eigen::Index>(std::min<std::ptrdiff_t>(
            found - cumulative_.begin(), static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
        const Eigen::MatrixXd& lower = lower_of(j);
        Eigen::VectorXd z(lower.rows());
        boost::random::normal_distribution<double> standard_normal(0.0, 1.0);
        for (Eigen::Index k = 0; k < z.size(); ++k) {
            z[k] = standard_normal(stream);
        }
        return previous_.particles.row(j).transpose() + lower * z;
    }

    // sum_j w_j K_j(theta | theta_j), without the factor that every K_j shares
    // (it cancels when the weights are normalised); with a covariance of each
    // particle's own, its determinant differs and is kept.
    double mixture_density(const Eigen::VectorXd& theta) const {
        double sum = 0.0;
        for (Eigen::Index j = 0; j < previous_.particles.rows(); ++j) {
            const Eigen::MatrixXd& lower = lower_of(j);
            const Eigen::VectorXd standardised = lower.triangularView<Eigen::Lower>().solve(
                theta - previous_.particles.row(j).transpose());
            const double density =
                previous_.weights[j] * std::exp(-0.5 * standardised.squaredNorm());
            sum += inverse_determinant_.empty()
                       ? density
                       : density * inverse_determinant_[static_cast<std::size_t>(j)];
        }
        return sum;
    }

  private:
    // Left empty (the shared kernel is used) when the local covariances cannot
    // be had (local_covariances) or one is not positive definite.
    void set_local_covariances(double next_tolerance) {
        const std::vector<Eigen::MatrixXd> covariances =
            local_covariances(previous_, next_tolerance);
        std::vector<Eigen::MatrixXd> lower;
        std::vector<double> inverse_determinant;
        for (const Eigen::MatrixXd& covariance : covariances) {
            const Eigen::LLT<Eigen::MatrixXd> cholesky(covariance);
            if (cholesky.info() != Eigen::Success) {
                return;
            }
            lower.emplace_back(cholesky.matrixL());
            inverse_determinant.push_back(1.0 / lower.back().diagonal().prod());
        }
        lower_ = std::move(lower);
        inverse_determinant_ = std::move(inverse_determinant);
    }

    const Eigen::MatrixXd& lower_of(Eigen::Index j) const {
        return inverse_determinant_.empty() ? lower_.front() : lower_[static_cast<std::size_t>(j)];
    }

    const AbcPopulation previous_;             // a copy: the state's population is replaced
    std::vector<Eigen::MatrixXd> lower_;       // Cholesky factors: one shared, or one a particle
    std::vector<double> inverse_determinant_;  // 1 / det(lower_[j]); empty when shared
    std::vector<double> cumulative_;
};

struct ParticleOutcome {
    Eigen::VectorXd theta;
    double distance = kInfinity;
    std::uint64_t simulations = 0;
    bool accepted = false;
};

// The tolerance for the generation after `current`, or NaN when it cannot fall.
double next_tolerance(const AbcPopulation& current, const AbcSmcOptions& options) {
    std::vector<double> sorted(current.distances.begin(), current.distances.end());
    std::sort(sorted.begin(), sorted.end());
    // The lower empirical alpha quantile: the ceil(alpha N)-th smallest distance.
    const auto rank = static_cast<std::size_t>(
        std::ceil(options.quantile_alpha * static_cast<double>(sorted.size())));
    double tolerance = sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
    if (!(tolerance < current.tolerance)) {
        // Discrete distances: the quantile can sit on the tolerance itself. Take
        // the largest distance below it so the schedule still falls.
        const auto below = std::lower_bound(sorted.begin(), sorted.end(), current.tolerance);
        if (below == sorted.begin()) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        tolerance = *(below - 1);
    }
    return std::max(tolerance, options.min_tolerance);
}

class Sampler {
  public:
    Sampler(const std::vector<AbcParameter>& parameters, const DistanceFunction& distance,
            const AbcSmcOptions& options)
        : parameters_(parameters),
          distance_(distance),
          options_(options),
          arena_(options.threads == 0 ? tbb::task_arena::automatic
                                      : static_cast<int>(options.threads)) {}

    AbcSmcResult run(AbcSmcResult state) {
        if (state.generations.empty()) {
            AbcPopulation prior_population;
            prior_population.generation = 0;
            prior_population.tolerance = kInfinity;
            if (!run_generation(state, prior_population, nullptr)) {
                state.stop_reason = AbcStopReason::budget;
                return state;
            }
        }
        while (true) {
            const AbcPopulation& current = state.posterior;
            if (current.tolerance <= options_.min_tolerance) {
                state.stop_reason = AbcStopReason::min_tolerance;
                return state;
            }
            if (state.generations.size() >= options_.max_generations) {
                state.stop_reason = AbcStopReason::max_generations;
                return state;
            }
            AbcPopulation next;
            next.generation = current.generation + 1;
            next.tolerance = next_tolerance(current, options_);
            if (std::isnan(next.tolerance)) {
                state.stop_reason = AbcStopReason::stalled;
                return state;
            }
            const Kernel kernel(current, next.tolerance, options_.kernel);
            if (!run_generation(state, next, &kernel)) {
                state.stop_reason = AbcStopReason::budget;
                return state;
            }
        }
    }

  private:
    // Fills `population` (generation and tolerance set) and appends it to the
    // state; false, leaving the state as it was, when it would exceed the budget.
    bool run_generation(AbcSmcResult& state, AbcPopulation& population, const Kernel* kernel) {
        const std::size_t count = options_.particles;
        const std::uint64_t remaining = options_.max_simulations - state.simulations;
        std::vector<ParticleOutcome> outcomes(count);
        std::atomic<std::uint64_t> used{0};
        std::atomic<bool> over_budget{false};
        arena_.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count),
                              [&](const tbb::blocked_range<std::size_t>& range) {
                                  for (std::size_t i = range.begin(); i != range.end(); ++i) {
                                      outcomes[i] = sample_particle(population, kernel, i,
                                                                    remaining, used, over_budget);
                                  }
                              });
        });
        // Whether the generation fits does not depend on the order the particles
        // ran in: it fits exactly when the sum of every particle's attempts does.
        if (over_budget.load() || used.load() > remaining) {
            return false;
        }
        const auto dimension = static_cast<Eigen::Index>(parameters_.size());
        population.particles.resize(static_cast<Eigen::Index>(count), dimension);
        population.distances.resize(static_cast<Eigen::Index>(count));
        population.weights.resize(static_cast<Eigen::Index>(count));
        std::uint64_t simulations = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const auto row = static_cast<Eigen::Index>(i);
            population.particles.row(row) = outcomes[i].theta.transpose();
            population.distances[row] = outcomes[i].distance;
            simulations += outcomes[i].simulations;
        }
        compute_weights(population, kernel);

        GenerationReport report;
        report.generation = population.generation;
        report.tolerance = population.tolerance;
        report.simulations = simulations;
        report.acceptance_rate = static_cast<double>(count) / static_cast<double>(simulations);
        report.effective_sample_size = effective_sample_size(population.weights);
        state.posterior = std::move(population);
        state.generations.push_back(report);
        state.simulations += simulations;
        if (!options_.checkpoint_file.empty()) {
            detail::write_checkpoint(options_.checkpoint_file, parameters_, options_, state);
        }
        if (options_.on_generation) {
            options_.on_generation(report);
        }
        return true;
    }

    ParticleOutcome sample_particle(const AbcPopulation& population, const Kernel* kernel,
                                    std::size_t index, std::uint64_t remaining,
                                    std::atomic<std::uint64_t>& used,
                                    std::atomic<bool>& over_budget) const {
        ParticleOutcome outcome;
        const auto dimension = static_cast<Eigen::Index>(parameters_.size());
        std::uint64_t outside_in_a_row = 0;
        for (std::int64_t attempt = 0;; ++attempt) {
            if (over_budget.load(std::memory_order_relaxed)) {
                return outcome;
            }
            model::Stream stream(options_.seed, static_cast<std::uint32_t>(population.generation),
                                 kProposalDecision, index, attempt);
            Eigen::VectorXd theta(dimension);
            if (kernel == nullptr) {
                for (Eigen::Index k = 0; k < dimension; ++k) {
                    theta[k] = draw_prior(parameters_[static_cast<std::size_t>(k)].prior, stream);
                }
            } else {
                theta = kernel->propose(stream);
                if (prior_density_of(parameters_, theta) <= 0.0) {
                    // Outside the prior's support: rejected unsimulated.
                    if (++outside_in_a_row == kMaxOutsideInARow) {
                        throw AbcSmcError(
                            "ABC-SMC: generation " + std::to_string(population.generation) +
                            ", particle " + std::to_string(index) + ": " +
                            std::to_string(kMaxOutsideInARow) +
                            " proposals in a row fell outside the priors' support (the "
                            "particles crowd against a prior's bound)");
                    }
                    continue;
                }
            }
            outside_in_a_row = 0;
            const std::uint64_t particle_seed = stream();
            const double distance = distance_(theta, particle_seed);
            ++outcome.simulations;
            if (used.fetch_add(1) + 1 > remaining) {
                over_budget.store(true);
                return outcome;
            }
            if (std::isnan(distance) || distance < 0.0) {
                throw AbcSmcError(describe_bad_distance(theta, distance, population.generation));
            }
            if (distance <= population.tolerance) {
                outcome.theta = std::move(theta);
                outcome.distance = distance;
                outcome.accepted = true;
                return outcome;
            }
        }
    }

    std::string describe_bad_distance(const Eigen::VectorXd& theta, double distance,
                                      std::size_t generation) const {
        std::string message = "ABC-SMC: generation ";
        message.append(std::to_string(generation)).append(": the distance function returned ");
        message.append(std::isnan(distance) ? "NaN" : std::to_string(distance));
        message.append(" (expected a number >= 0) at ");
        for (std::size_t k = 0; k < parameters_.size(); ++k) {
            message.append(k == 0 ? "" : ", ").append(parameters_[k].name).append(" = ");
            message.append(std::to_string(theta[static_cast<Eigen::Index>(k)]));
        }
        return message;
    }

    void compute_weights(AbcPopulation& population, const Kernel* kernel) {
        const Eigen::Index count = population.particles.rows();
        if (kernel == nullptr) {
            population.weights.setConstant(1.0 / static_cast<double>(count));
            return;
        }
        arena_.execute([&] {
            tbb::parallel_for(tbb::blocked_range<Eigen::Index>(0, count),
                              [&](const tbb::blocked_range<Eigen::Index>& range) {
                                  for (Eigen::Index i = range.begin(); i != range.end(); ++i) {
                                      const Eigen::VectorXd theta =
                                          population.particles.row(i).transpose();
                                      population.weights[i] = prior_density_of(parameters_, theta) /
                                                              kernel->mixture_density(theta);
                                  }
                              });
        });
        // Summed in index order, so the normalised weights do not depend on threads.
        double total = 0.0;
        for (Eigen::Index i = 0; i < count; ++i) {
            total += population.weights[i];
        }
        if (!(total > 0.0) || !std::isfinite(total)) {
            throw AbcSmcError("ABC-SMC: generation " + std::to_string(population.generation) +
                              ": the importance weights sum to " + std::to_string(total) +
                              " (expected a finite number > 0)");
        }
        for (Eigen::Index i = 0; i < count; ++i) {
            population.weights[i] /= total;
        }
    }

    const std::vector<AbcParameter>& parameters_;
    const DistanceFunction& distance_;
    const AbcSmcOptions& options_;
    tbb::task_arena arena_;
};

AbcSmcResult empty_state(const std::vector<AbcParameter>& parameters) {
    AbcSmcResult state;
    for (const AbcParameter& parameter : parameters) {
        state.parameter_names.push_back(parameter.name);
    }
    return state;
}

}  // namespace

std::string_view to_string(AbcStopReason reason) {
    switch (reason) {
        case AbcStopReason::min_tolerance:
            return "min_tolerance";
        case AbcStopReason::max_generations:
            return "max_generations";
        case AbcStopReason::budget:
            return "budget";
        case AbcStopReason::stalled:
            return "stalled";
    }
    return "unknown";
}

std::string_view to_string(PerturbationKernel kernel) {
    switch (kernel) {
        case PerturbationKernel::scaled_covariance:
            return "scaled_covariance";
        case PerturbationKernel::local_covariance:
            return "local_covariance";
    }
    return "unknown";
}

Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& particles,
                                    const Eigen::VectorXd& weights) {
    const double total = weights.sum();
    const Eigen::RowVectorXd mean = (weights.transpose() * particles) / total;
    const Eigen::MatrixXd centred = particles.rowwise() - mean;
    return (centred.transpose() * weights.asDiagonal() * centred) / total;
}

std::vector<Eigen::MatrixXd> local_covariances(const AbcPopulation& previous, double tolerance) {
    std::vector<Eigen::Index> within;
    for (Eigen::Index k = 0; k < previous.distances.size(); ++k) {
        if (previous.distances[k] <= tolerance) {
            within.push_back(k);
        }
    }
    const auto count = static_cast<Eigen::Index>(within.size());
    const Eigen::Index dimension = previous.particles.cols();
    if (count <= dimension) {
        return {};
    }
    Eigen::MatrixXd particles(count, dimension);
    Eigen::VectorXd weights(count);
    for (Eigen::Index r = 0; r < count; ++r) {
        particles.row(r) = previous.particles.row(within[static_cast<std::size_t>(r)]);
        weights[r] = previous.weights[within[static_cast<std::size_t>(r)]];
    }
    if (!(weights.sum() > 0.0)) {
        return {};
    }
    // sum_k w~_k (theta_k - theta_i)(theta_k - theta_i)^T is the particles'
    // covariance C plus (theta_i - m)(theta_i - m)^T, m their mean.
    const Eigen::MatrixXd spread = weighted_covariance(particles, weights);
    if (Eigen::LLT<Eigen::MatrixXd>(spread).info() != Eigen::Success) {
        return {};
    }
    const Eigen::RowVectorXd mean = (weights.transpose() * particles) / weights.sum();
    std::vector<Eigen::MatrixXd> covariances;
    covariances.reserve(static_cast<std::size_t>(previous.particles.rows()));
    for (Eigen::Index i = 0; i < previous.particles.rows(); ++i) {
        const Eigen::VectorXd offset = (previous.particles.row(i) - mean).transpose();
        covariances.emplace_back(spread + offset * offset.transpose());
    }
    return covariances;
}

double kernel_mixture_density(const AbcPopulation& previous, double tolerance,
                              PerturbationKernel kernel, const Eigen::VectorXd& theta) {
    return Kernel(previous, tolerance, kernel).mixture_density(theta);
}

double effective_sample_size(const Eigen::VectorXd& weights) {
    const double total = weights.sum();
    return total * total / weights.squaredNorm();
}

AbcSmcResult run_abc_smc(const std::vector<AbcParameter>& parameters,
                         const DistanceFunction& distance, const AbcSmcOptions& options) {
    validate(parameters, options);
    if (!distance) {
        throw AbcSmcError("ABC-SMC cannot start: no distance function given");
    }
    return Sampler(parameters, distance, options).run(empty_state(parameters));
}

AbcSmcResult resume_abc_smc(const std::filesystem::path& checkpoint,
                            const std::vector<AbcParameter>& parameters,
                            const DistanceFunction& distance, const AbcSmcOptions& options) {
    validate(parameters, options);
    if (!distance) {
        throw AbcSmcError("ABC-SMC cannot resume: no distance function given");
    }
    AbcSmcResult state = detail::read_checkpoint(checkpoint, parameters, options);
    if (state.simulations > options.max_simulations) {
        throw AbcSmcError("ABC-SMC cannot resume from " + checkpoint.string() + ": it used " +
                          std::to_string(state.simulations) +
                          " simulations, more than max_simulations (" +
                          std::to_string(options.max_simulations) + ")");
    }
    return Sampler(parameters, distance, options).run(std::move(state));
}

}  // namespace vrsim::calibration
