#include "vrsim/calibration/count_noise.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <boost/math/tools/minima.hpp>

namespace vrsim::calibration {

namespace {

constexpr double kSmallestMean = 1e-9;
constexpr double kSmallestDispersion = 0.01;

}  // namespace

double count_cdf(const CountComponent& component, double y) {
    const double whole = std::floor(y);
    if (whole < 0.0) {
        return 0.0;
    }
    if (component.mean <= 0.0) {
        return 1.0;
    }
    if (!(component.dispersion < kPoissonDispersion)) {
        return boost::math::cdf(boost::math::poisson_distribution<double>(component.mean), whole);
    }
    // Boost counts failures before the r-th success: mean r (1 - p) / p, so
    // r = k and p = k / (k + mu) give mean mu and variance mu + mu^2 / k.
    const double p = component.dispersion / (component.dispersion + component.mean);
    return boost::math::cdf(
        boost::math::negative_binomial_distribution<double>(component.dispersion, p), whole);
}

double mixture_mean(const std::vector<CountComponent>& mixture) {
    double weights = 0.0;
    double sum = 0.0;
    for (const CountComponent& component : mixture) {
        weights += component.weight;
        sum += component.weight * component.mean;
    }
    return sum / weights;
}

double mixture_quantile(const std::vector<CountComponent>& mixture, double q) {
    if (mixture.empty()) {
        throw std::invalid_argument("quantile of an empty mixture");
    }
    double weights = 0.0;
    double highest_mean = 0.0;
    for (const CountComponent& component : mixture) {
        if (!std::isfinite(component.mean) || component.mean < 0.0 || component.weight < 0.0) {
            throw std::invalid_argument("a mixture component with mean " +
                                        std::to_string(component.mean) + " and weight " +
                                        std::to_string(component.weight));
        }
        weights += component.weight;
        highest_mean = std::max(highest_mean, component.mean);
    }
    if (!(weights > 0.0)) {
        throw std::invalid_argument("a mixture whose weights sum to 0");
    }
    const auto cdf = [&](double y) {
        double sum = 0.0;
        for (const CountComponent& component : mixture) {
            if (component.weight > 0.0) {
                sum += component.weight * count_cdf(component, y);
            }
        }
        return sum / weights;
    };
    // Bracket: cdf(low) < q <= cdf(high), then bisect on whole numbers.
    if (cdf(0.0) >= q) {
        return 0.0;
    }
    double low = 0.0;
    double high = std::ceil(highest_mean) + 1.0;
    while (cdf(high) < q) {
        low = high;
        high *= 2.0;
    }
    while (high - low > 1.0) {
        const double middle = std::floor((low + high) / 2.0);
        if (cdf(middle) >= q) {
            high = middle;
        } else {
            low = middle;
        }
    }
    return high;
}

double estimate_dispersion(const std::vector<double>& observed,
                           const std::vector<double>& expected) {
    if (observed.empty() || observed.size() != expected.size()) {
        throw std::invalid_argument("estimate_dispersion: " + std::to_string(observed.size()) +
                                    " observed and " + std::to_string(expected.size()) +
                                    " expected values");
    }
    // Minus the log-likelihood, without the terms free of k.
    const auto minus_log_likelihood = [&](double log_k) {
        const double k = std::exp(log_k);
        double sum = 0.0;
        for (std::size_t t = 0; t < observed.size(); ++t) {
            const double y = observed[t];
            const double mu = std::max(expected[t], kSmallestMean);
            sum += std::lgamma(y + k) - std::lgamma(k) + k * std::log(k / (k + mu)) +
                   y * std::log(mu / (k + mu));
        }
        return -sum;
    };
    const double low = std::log(kSmallestDispersion);
    const double high = std::log(kPoissonDispersion);
    constexpr int kBits = 40;  // far finer than any use of the estimate needs
    const auto [log_k, value] =
        boost::math::tools::brent_find_minima(minus_log_likelihood, low, high, kBits);
    // When the likelihood keeps rising to the upper bound, Brent stops just short
    // of it (within 1%: the likelihood is flat there, and lgamma differences lose
    // digits): that is Poisson.
    constexpr double kNearBound = 0.01;
    if (log_k >= high - kNearBound || minus_log_likelihood(high) <= value) {
        return kPoissonDispersion;
    }
    return std::exp(log_k);
}

}  // namespace vrsim::calibration
