// Negative binomial observation noise: CDFs, mixture quantiles and the
// dispersion estimate, against values worked by hand or from theory.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "vrsim/calibration/backtest.hpp"
#include "vrsim/calibration/count_noise.hpp"

namespace vrsim::calibration {
namespace {

// NB2 with mean 2 and dispersion 1 is geometric with success probability
// p = k / (k + mu) = 1/3: P(Y = y) = (1/3)(2/3)^y, so P(Y <= y) = 1 - (2/3)^(y+1).
const CountComponent kGeometric{2.0, 1.0, 1.0};

TEST_CASE("NB2 with dispersion 1 is geometric: CDF and quantiles by hand") {
    CHECK(count_cdf(kGeometric, -1) == 0.0);
    CHECK(count_cdf(kGeometric, 0) == Approx(1.0 / 3.0));
    CHECK(count_cdf(kGeometric, 1) == Approx(5.0 / 9.0));
    CHECK(count_cdf(kGeometric, 3) == Approx(1.0 - 16.0 / 81.0));
    const std::vector<CountComponent> one = {kGeometric};
    // Smallest y with 1 - (2/3)^(y+1) >= q, i.e. y + 1 >= log(1 - q) / log(2/3):
    CHECK(mixture_quantile(one, 0.25) == 0.0);   // F(0) = 0.333
    CHECK(mixture_quantile(one, 0.50) == 1.0);   // F(0) = 0.333, F(1) = 0.556
    CHECK(mixture_quantile(one, 0.75) == 3.0);   // F(2) = 0.704, F(3) = 0.802
    CHECK(mixture_quantile(one, 0.90) == 5.0);   // F(4) = 0.868, F(5) = 0.912
    CHECK(mixture_quantile(one, 0.95) == 7.0);   // F(6) = 0.941, F(7) = 0.961
    CHECK(mixture_quantile(one, 0.975) == 9.0);  // F(8) = 0.974, F(9) = 0.983
}

TEST_CASE("An infinite dispersion is Poisson") {
    const CountComponent poisson{1.0, std::numeric_limits<double>::infinity(), 1.0};
    CHECK(count_cdf(poisson, 0) == Approx(std::exp(-1.0)));
    CHECK(count_cdf(poisson, 1) == Approx(2.0 * std::exp(-1.0)));
    const std::vector<CountComponent> one = {poisson};
    // F(0) = 0.368, F(1) = 0.736, F(2) = 0.920, F(3) = 0.981.
    CHECK(mixture_quantile(one, 0.5) == 1.0);
    CHECK(mixture_quantile(one, 0.75) == 2.0);
    CHECK(mixture_quantile(one, 0.975) == 3.0);
    // A huge dispersion gives the same.
    CHECK(count_cdf({1.0, 2e6, 1.0}, 1) == Approx(2.0 * std::exp(-1.0)));
}

TEST_CASE("A mixture's CDF is the weighted mean of its components'") {
    // Half a point mass at 0 (mean 0), half geometric: F(y) = 1/2 + 1/2 (1 - (2/3)^(y+1)).
    const std::vector<CountComponent> mixture = {{0.0, 1.0, 1.0}, kGeometric};
    CHECK(mixture_quantile(mixture, 0.5) == 0.0);  // F(0) = 0.667
    CHECK(mixture_quantile(mixture, 0.9) == 3.0);  // F(2) = 0.852, F(3) = 0.901
    CHECK(mixture_mean(mixture) == Approx(1.0));
    // Weights 3:1 for the point mass: F(y) = 3/4 + 1/4 (1 - (2/3)^(y+1)); F(0) = 0.833,
    // F(1) = 0.889, F(2) = 0.926: the 0.9 quantile is 2.
    const std::vector<CountComponent> weighted = {{0.0, 1.0, 3.0}, kGeometric};
    CHECK(mixture_quantile(weighted, 0.9) == 2.0);
    CHECK(mixture_mean(weighted) == Approx(0.5));
    CHECK_THROWS(mixture_quantile({}, 0.5));
    CHECK_THROWS(mixture_quantile({{-1.0, 1.0, 1.0}}, 0.5));
    CHECK_THROWS(mixture_quantile({{1.0, 1.0, 0.0}}, 0.5));
}

TEST_CASE("The dispersion estimate recovers the dispersion counts were drawn with") {
    // NB2 as a gamma-Poisson mixture: lambda ~ Gamma(k, mu / k), Y ~ Poisson(lambda).
    // With 4,000 months the estimate's standard error is a few per cent
    // (Fisher information of k), so 15% is a wide margin.
    boost::random::mt19937 generator(20240601);
    const double k = 25.0;
    std::vector<double> observed;
    std::vector<double> expected;
    for (int t = 0; t < 4000; ++t) {
        const double mu = t % 2 == 0 ? 400.0 : 800.0;
        boost::random::gamma_distribution<double> gamma(k, mu / k);
        boost::random::poisson_distribution<int, double> poisson(gamma(generator));
        observed.push_back(poisson(generator));
        expected.push_back(mu);
    }
    CHECK(estimate_dispersion(observed, expected) == Approx(k).epsilon(0.15));
}

TEST_CASE("Counts no more spread than Poisson's get the Poisson dispersion") {
    // Every count equal to its mean: the likelihood rises all the way to Poisson.
    CHECK(estimate_dispersion({10, 20, 30}, {10, 20, 30}) == kPoissonDispersion);
    CHECK_THROWS(estimate_dispersion({1, 2}, {1}));
}

TEST_CASE("Backtest scores with observation noise, worked by hand") {
    // History 1..13: the seasonal naive in-sample error is |13 - 1| = 12.
    std::vector<double> history;
    for (int m = 1; m <= 13; ++m) {
        history.push_back(m);
    }
    // Horizon month 1: geometric (mean 2, dispersion 1): median 1, 50% [0, 3],
    // 80% [0, 5], 95% [0, 9]. Month 2: Poisson(1): median 1, 50% [0, 2], 80% [0, 2],
    // 95% [0, 3].
    const std::vector<PredictiveBand> bands = {
        mixture_band({kGeometric}),
        mixture_band({{1.0, std::numeric_limits<double>::infinity(), 1.0}})};
    CHECK(bands[0].quantiles == std::array<double, 7>{0, 0, 0, 1, 3, 5, 9});
    CHECK(bands[1].quantiles == std::array<double, 7>{0, 0, 0, 1, 2, 2, 3});
    const ForecastScore score = score_bands(history, {4, 3}, bands);
    CHECK(score.mae == Approx(2.5));  // (|4 - 1| + |3 - 1|) / 2
    CHECK(score.seasonal_naive_scale == Approx(12.0));
    CHECK(score.mase == Approx(2.5 / 12.0));
    // Forecast by history[1] = 2 and history[2] = 3: (2 + 0) / 2.
    CHECK(score.seasonal_naive_mae == Approx(1.0));
    // 4 is outside [0, 3], inside [0, 5] and [0, 9]; 3 is only inside [0, 3].
    CHECK(score.coverage[0] == 0.0);
    CHECK(score.coverage[1] == 0.5);
    CHECK(score.coverage[2] == 1.0);
}

}  // namespace
}  // namespace vrsim::calibration
