// The observation model: the recording factor at hand-picked months, how it
// scales recorded outcomes and is held after the fit, a posterior row read as
// an observation model, and replicates' bands with noise.
#include <catch2/catch.hpp>
#include <limits>

#include "vrsim/calibration/observation_model.hpp"
#include "vrsim/calibration/posterior_predictive.hpp"
#include "vrsim/calibration/targets.hpp"

namespace vrsim::calibration {
namespace {

using model::YearMonth;

TEST_CASE("Decimal years start each month at twelfths") {
    CHECK(decimal_year(YearMonth::of(2014, 1)) == 2014.0);
    CHECK(decimal_year(YearMonth::of(2014, 7)) == 2014.5);
    CHECK(decimal_year(YearMonth::of(2014, 4)) == 2014.25);
}

TEST_CASE("The recording factor moves linearly from before to 1 across the ramp") {
    // Ramp of 24 months centred on 2015.0: from 2014.0 (2014-01) to 2016.0 (2016-01).
    const RecordingTrend trend{0.6, 2015.0, 24.0};
    CHECK(recording_factor(trend, YearMonth::of(2010, 4)) == Approx(0.6));
    CHECK(recording_factor(trend, YearMonth::of(2013, 12)) == Approx(0.6));
    CHECK(recording_factor(trend, YearMonth::of(2014, 1)) == Approx(0.6));
    // A quarter of the way (2014-07 is 2014.5): 0.6 + 0.4 x 0.25.
    CHECK(recording_factor(trend, YearMonth::of(2014, 7)) == Approx(0.7));
    CHECK(recording_factor(trend, YearMonth::of(2015, 1)) == Approx(0.8));
    CHECK(recording_factor(trend, YearMonth::of(2015, 7)) == Approx(0.9));
    CHECK(recording_factor(trend, YearMonth::of(2016, 1)) == Approx(1.0));
    CHECK(recording_factor(trend, YearMonth::of(2019, 5)) == Approx(1.0));
    // Length 0: a step at the midpoint.
    const RecordingTrend step{0.5, 2015.0, 0.0};
    CHECK(recording_factor(step, YearMonth::of(2014, 12)) == 0.5);
    CHECK(recording_factor(step, YearMonth::of(2015, 1)) == 1.0);
}

TEST_CASE("Recorded outcomes are scaled, others not, and the factor is held after the fit") {
    model::Parameters parameters;
    const model::OutcomeLayout layout(parameters);
    std::size_t recorded = layout.size();
    std::size_t custody = layout.size();
    for (std::size_t c = 0; c < layout.size(); ++c) {
        if (layout.name(c) == "recorded_total") {
            recorded = c;
        }
        if (layout.name(c) == "custody_population") {
            custody = c;
        }
    }
    REQUIRE(recorded < layout.size());
    REQUIRE(custody < layout.size());
    model::MonthlyOutcomes outcomes(4, layout.size());
    for (int m = 0; m < 4; ++m) {
        outcomes.at(m, recorded) = 100.0;
        outcomes.at(m, custody) = 100.0;
    }
    // From 2014-07: factors 0.7, 0.7167, 0.7333 ..., held at 2014-08's after it.
    const RecordingTrend trend{0.6, 2015.0, 24.0};
    apply_recording_trend(outcomes, layout, YearMonth::of(2014, 7), trend, YearMonth::of(2014, 8));
    CHECK(outcomes.at(0, recorded) == Approx(70.0));
    CHECK(outcomes.at(1, recorded) == Approx(100.0 * (0.6 + 0.4 * (2014.0 + 7.0 / 12 - 2014) / 2)));
    CHECK(outcomes.at(3, recorded) == Approx(outcomes.at(1, recorded)));
    CHECK(outcomes.at(2, custody) == 100.0);
}

TEST_CASE("A posterior row is read as an observation model, fixed values filling gaps") {
    scenarios::ObservationSettings settings;
    scenarios::RecordingTrendSettings trend;
    trend.before = {0.7, "test",
                    scenarios::Distribution{scenarios::Distribution::Kind::uniform, 0.4, 1.0}};
    trend.midpoint_year = {2014.5, "test", std::nullopt};
    trend.duration_months = {12.0, "test", std::nullopt};
    settings.recording_trend = trend;
    const std::vector<std::string> names = {"parameters.offending.base_rate_per_month",
                                            std::string(kTrendBeforeColumn),
                                            std::string(kDispersionColumn)};
    Eigen::VectorXd row(3);
    row << 0.3, 0.55, 140.0;
    const ParticleObservation observation = particle_observation(settings, names, row);
    REQUIRE(observation.trend.has_value());
    CHECK(observation.trend->before == 0.55);
    CHECK(observation.trend->midpoint_year == 2014.5);
    CHECK(observation.trend->duration_months == 12.0);
    CHECK(observation.noise);
    CHECK(observation.dispersion == 140.0);
    // Only the trend's `before` is fitted: one ABC parameter, named by its column.
    const std::vector<AbcParameter> fitted = observation_abc_parameters(settings);
    REQUIRE(fitted.size() == 1);
    CHECK(fitted[0].name == kTrendBeforeColumn);
    // A proposal: model parameters first, then the fitted observation numbers.
    Eigen::VectorXd proposal(2);
    proposal << 0.3, 0.45;
    CHECK(proposal_trend(trend, proposal, 1).before == 0.45);
    // Negative binomial noise with nothing to say its dispersion: refused.
    CHECK_THROWS_AS(particle_observation(settings, {names[0]}, row.head(1)), CalibrationError);
    settings.dispersion = scenarios::ObservationParameter{80.0, "test", std::nullopt};
    CHECK(particle_observation(settings, {names[0]}, row.head(1)).dispersion == 80.0);
    CHECK(is_observation_column(kDispersionColumn));
    CHECK_FALSE(is_observation_column(names[0]));
}

TEST_CASE("Replicates' bands mix their noise; coverage counts observed months only") {
    // Replicate 1 expects 0 (a point mass), replicate 2 expects 2 with dispersion 1
    // (geometric): F(y) = 1/2 + 1/2 (1 - (2/3)^(y+1)). Quantiles: 0.025-0.5 -> 0
    // (F(0) = 0.667); 0.75 -> 1 (F(1) = 0.778); 0.9 -> 3 (F(2) = 0.852, F(3) = 0.901);
    // 0.975 -> 7 (F(6) = 0.971, F(7) = 0.980).
    const std::vector<PredictiveBand> bands = replicate_mixture_bands({{0.0}, {2.0}}, {1.0, 1.0});
    REQUIRE(bands.size() == 1);
    CHECK(bands[0].quantiles == std::array<double, 7>{0, 0, 0, 0, 1, 3, 7});
    CHECK(bands[0].mean == Approx(1.0));
    PredictiveSeries series;
    series.first_month = YearMonth::of(2019, 1);
    series.bands = {bands[0], bands[0], bands[0]};
    series.observed = {2.0, std::numeric_limits<double>::quiet_NaN(), 8.0};
    std::size_t months = 0;
    // 2 is outside [0, 1], inside [0, 3] and [0, 7]; 8 is outside all; the
    // unobserved month does not count.
    const std::array<double, 3> shares =
        observed_coverage(series, YearMonth::of(2019, 1), YearMonth::of(2019, 3), months);
    CHECK(months == 2);
    CHECK(shares == std::array<double, 3>{0.0, 0.5, 0.5});
}

}  // namespace
}  // namespace vrsim::calibration
