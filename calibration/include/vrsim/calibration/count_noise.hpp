#pragma once
// Observation noise on monthly counts: the negative binomial (NB2) with mean mu
// and dispersion (size) k, variance mu + mu^2 / k (Poisson as k -> infinity),
// the usual model of overdispersed crime counts (Osgood 2000, "Poisson-based
// regression analysis of aggregate crime rates", Journal of Quantitative
// Criminology 16, 21-43). A posterior predictive distribution of a month is a
// weighted mixture of such components: one per particle or replicate, each
// with its own mean (the simulated expected count) and dispersion.
#include <array>
#include <limits>
#include <vector>

namespace vrsim::calibration {

// Above this a dispersion is treated as Poisson (assumption: with mu = 1000 the
// NB variance is then within 0.1% of Poisson's).
inline constexpr double kPoissonDispersion = 1e6;

struct CountComponent {
    double mean = 0.0;                                            // >= 0
    double dispersion = std::numeric_limits<double>::infinity();  // > 0; inf or >= 1e6: Poisson
    double weight = 1.0;                                          // >= 0; normalised over a mixture
};

// P(Y <= y) of one component, y a whole number (below 0: 0). A mean of 0 is a
// point mass at 0.
double count_cdf(const CountComponent& component, double y);

// The q-quantile (0 < q < 1) of the mixture: the smallest whole number y whose
// mixture CDF is at least q. Throws std::invalid_argument on an empty mixture,
// weights summing to 0, or a negative or non-finite mean.
double mixture_quantile(const std::vector<CountComponent>& mixture, double q);

// The weighted mean of the components' means.
double mixture_mean(const std::vector<CountComponent>& mixture);

// The maximum-likelihood dispersion of NB2 counts `observed` around the means
// `expected` (same length, at least 1), searched on a log scale over
// [0.01, 1e6]; kPoissonDispersion when the counts are no more spread than
// Poisson's (the likelihood then keeps rising towards the upper end). Expected
// values below 1e-9 count as 1e-9 (a model that expects nothing where something
// was observed then gets a small dispersion, not a crash).
double estimate_dispersion(const std::vector<double>& observed,
                           const std::vector<double>& expected);

}  // namespace vrsim::calibration
