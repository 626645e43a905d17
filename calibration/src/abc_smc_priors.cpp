// Priors of the ABC-SMC parameters: draws, densities, and the checks of the
// parameters and options.
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>

#include "abc_smc_detail.hpp"
#include "vrsim/calibration/abc_smc.hpp"

namespace vrsim::calibration {

namespace {

using Kind = scenarios::Distribution::Kind;

// What is wrong with a prior's numbers, or empty.
std::string prior_problem(const scenarios::Distribution& prior) {
    const double a = prior.a;
    const double b = prior.b;
    if (!std::isfinite(a) || !std::isfinite(b)) {
        return "its numbers must be finite";
    }
    switch (prior.kind) {
        case Kind::normal:
            return b > 0.0 ? "" : "normal needs sd (b) > 0";
        case Kind::lognormal:
            return b > 0.0 ? "" : "lognormal needs sdlog (b) > 0";
        case Kind::beta:
            return a > 0.0 && b > 0.0 ? "" : "beta needs alpha (a) > 0 and beta (b) > 0";
        case Kind::gamma:
            return a > 0.0 && b > 0.0 ? "" : "gamma needs shape (a) > 0 and scale (b) > 0";
        case Kind::uniform:
            return a < b ? "" : "uniform needs min (a) < max (b)";
    }
    return "unknown distribution kind";
}

}  // namespace

double prior_density(const scenarios::Distribution& prior, double x) {
    const double a = prior.a;
    const double b = prior.b;
    if (!std::isfinite(x)) {
        return 0.0;
    }
    switch (prior.kind) {
        case Kind::normal:
            return boost::math::pdf(boost::math::normal_distribution<double>(a, b), x);
        case Kind::lognormal:
            return x > 0.0 ? boost::math::pdf(boost::math::lognormal_distribution<double>(a, b), x)
                           : 0.0;
        case Kind::beta:
            // Open interval: at 0 or 1 the density may be infinite.
            return x > 0.0 && x < 1.0
                       ? boost::math::pdf(boost::math::beta_distribution<double>(a, b), x)
                       : 0.0;
        case Kind::gamma:
            return x > 0.0 ? boost::math::pdf(boost::math::gamma_distribution<double>(a, b), x)
                           : 0.0;
        case Kind::uniform:
            return x >= a && x <= b ? 1.0 / (b - a) : 0.0;
    }
    return 0.0;
}

// The same draw as a scenario file's distribution.
double draw_prior(const scenarios::Distribution& prior, model::Stream& stream) {
    return scenarios::draw(prior, stream);
}

void validate(const std::vector<AbcParameter>& parameters, const AbcSmcOptions& options) {
    std::vector<std::string> problems;
    if (parameters.empty()) {
        problems.emplace_back("no parameters to calibrate: give at least one with its prior");
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const AbcParameter& parameter = parameters[i];
        std::string place = "parameter ";
        place.append(std::to_string(i + 1));
        if (!parameter.name.empty()) {
            place.append(" (").append(parameter.name).append(")");
        }
        place.append(": ");
        if (parameter.name.empty()) {
            problems.push_back(place + "the name is empty");
        } else if (parameter.name == "weight" || parameter.name == "distance") {
            problems.push_back(place + "the name is taken by a posterior.csv column");
        } else if (!names.insert(parameter.name).second) {
            problems.push_back(place + "the name is given twice");
        }
        const std::string problem = prior_problem(parameter.prior);
        if (!problem.empty()) {
            problems.push_back(place + "prior " +
                               std::string(scenarios::names_of(parameter.prior.kind).type) +
                               " (a " + std::to_string(parameter.prior.a) + ", b " +
                               std::to_string(parameter.prior.b) + "): " + problem);
        }
    }
    // The kernel's covariance needs at least two particles.
    if (options.particles < 2) {
        problems.push_back("particles: " + std::to_string(options.particles) +
                           ", expected at least 2");
    }
    if (options.max_generations < 1) {
        problems.emplace_back("max_generations: 0, expected at least 1");
    }
    if (!(options.min_tolerance >= 0.0) || !std::isfinite(options.min_tolerance)) {
        problems.push_back("min_tolerance: " + std::to_string(options.min_tolerance) +
                           ", expected a finite number >= 0");
    }
    if (options.max_simulations < options.particles) {
        problems.push_back("max_simulations: " + std::to_string(options.max_simulations) +
                           ", expected at least the number of particles (" +
                           std::to_string(options.particles) + ") for the prior generation");
    }
    if (!(options.quantile_alpha > 0.0 && options.quantile_alpha < 1.0)) {
        problems.push_back("quantile_alpha: " + std::to_string(options.quantile_alpha) +
                           ", expected a number strictly between 0 and 1");
    }
    if (!problems.empty()) {
        detail::throw_problems("ABC-SMC cannot start:", problems);
    }
}

}  // namespace vrsim::calibration
