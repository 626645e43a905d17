// Targets from observed series, simulated outcomes in the same shape, and the
// scale-free distances, against numbers worked out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "vrsim/calibration/targets.hpp"

namespace vrsim::calibration {
namespace {

using model::YearMonth;
using scenarios::TargetKind;

ObservedSeries series_of(const std::string& outcome, const std::string& area, YearMonth first,
                         const std::vector<double>& values) {
    ObservedSeries series;
    series.files.emplace_back("observed.csv");
    for (std::size_t i = 0; i < values.size(); ++i) {
        series.values.push_back(
            {first.plus_months(static_cast<int>(i)), outcome, area, values[i], {}});
    }
    return series;
}

scenarios::CalibrationSettings settings_with(std::vector<scenarios::CalibrationTarget> targets) {
    scenarios::CalibrationSettings settings;
    settings.area = "Testville";
    settings.targets = std::move(targets);
    return settings;
}

TEST_CASE("A monthly target's distance is its RMSE over the observed mean", "[targets]") {
    Target target;
    target.kind = TargetKind::monthly;
    target.observed = {10, 20, 30};
    // Errors 2, -2, 3: mean square 17/3, RMSE sqrt(17/3) = 2.380476; mean 20.
    CHECK(target_distance(target, {12, 18, 33}) == Approx(std::sqrt(17.0 / 3.0) / 20.0));
    CHECK(target_distance(target, {12, 18, 33}) == Approx(0.1190238));
    CHECK(target_distance(target, {10, 20, 30}) == 0.0);
    // Scale-free: ten times the counts and ten times the errors give the same distance.
    Target larger = target;
    larger.observed = {100, 200, 300};
    CHECK(target_distance(larger, {120, 180, 330}) ==
          Approx(target_distance(target, {12, 18, 33})));
}

TEST_CASE("A rate target's distance is its relative error", "[targets]") {
    Target target;
    target.kind = TargetKind::rate;
    target.observed = {0.25};
    CHECK(target_distance(target, {0.30}) == Approx(0.2));
    CHECK(target_distance(target, {0.20}) == Approx(0.2));
}

TEST_CASE("Targets from an observed series: monthly values, whole calendar years, a rate",
          "[targets]") {
    // 2019-11 .. 2021-02: 16 months valued 1..16; the window 2019-12 .. 2021-01.
    std::vector<double> values;
    for (int i = 1; i <= 16; ++i) {
        values.push_back(i);
    }
    const ObservedSeries series =
        series_of("recorded_total", "Testville", YearMonth::of(2019, 11), values);
    const FitWindow window{YearMonth::of(2019, 12), YearMonth::of(2021, 1)};
    auto settings =
        settings_with({{"recorded_total", TargetKind::monthly, 3.0, {}, ""},
                       {"recorded_total", TargetKind::annual, 1.0, {}, ""},
                       {"proven_reoffending_rate", TargetKind::rate, 4.0, 0.25, "MoJ"}});
    const std::vector<Target> targets = make_targets(settings, series, window);
    REQUIRE(targets.size() == 3);
    // Weights 3, 1, 4 normalised.
    CHECK(targets[0].weight == Approx(3.0 / 8.0));
    CHECK(targets[1].weight == Approx(1.0 / 8.0));
    CHECK(targets[2].weight == Approx(4.0 / 8.0));
    // Monthly: 2019-12 is the 2nd value of the series, 2021-01 the 15th.
    REQUIRE(targets[0].observed.size() == 14);
    CHECK(targets[0].observed.front() == 2);
    CHECK(targets[0].observed.back() == 15);
    // Annual: only 2020 lies wholly in the window: values 3..14 sum to 102.
    CHECK(targets[1].years == std::vector<int>{2020});
    CHECK(targets[1].observed == std::vector<double>{102});
    CHECK(targets[2].observed == std::vector<double>{0.25});
    CHECK(targets[2].observed_monthly.empty());

    // The observed months fitted, as observed.csv holds them: each outcome once.
    const ObservedSeries fitted = fitted_series(targets, "Testville");
    CHECK(fitted.values.size() == 14);
    CHECK(fitted.values.front().month == YearMonth::of(2019, 12));
    CHECK(fitted.values.front().value == 2);
}

TEST_CASE("A rate target from a file is the observed mean over the window", "[targets]") {
    const ObservedSeries series =
        series_of("proven_reoffending_rate", "", YearMonth::of(2019, 1), {0.2, 0.3, 0.4, 0.9});
    auto settings = settings_with({{"proven_reoffending_rate", TargetKind::rate, 1.0, {}, ""}});
    // A file without areas serves any area.
    const auto targets =
        make_targets(settings, series, {YearMonth::of(2019, 1), YearMonth::of(2019, 3)});
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].observed.front() == Approx(0.3));
}

TEST_CASE("Targets that the observed data cannot make are errors that say why", "[targets]") {
    const ObservedSeries series =
        series_of("recorded_total", "Testville", YearMonth::of(2019, 1), {5, 6, 7});
    auto monthly = settings_with({{"recorded_total", TargetKind::monthly, 1.0, {}, ""}});
    CHECK_THROWS_WITH(
        make_targets(monthly, series, {YearMonth::of(2019, 1), YearMonth::of(2019, 4)}),
        Catch::Contains("no value of recorded_total for 2019-04") &&
            Catch::Contains("2019-01 to 2019-03"));
    auto robbery = settings_with({{"recorded_robbery", TargetKind::monthly, 1.0, {}, ""}});
    CHECK_THROWS_WITH(
        make_targets(robbery, series, {YearMonth::of(2019, 1), YearMonth::of(2019, 3)}),
        Catch::Contains("no recorded_robbery for area \"Testville\""));
    auto annual = settings_with({{"recorded_total", TargetKind::annual, 1.0, {}, ""}});
    CHECK_THROWS_WITH(
        make_targets(annual, series, {YearMonth::of(2019, 1), YearMonth::of(2019, 3)}),
        Catch::Contains("no whole calendar year"));
    const ObservedSeries zeros =
        series_of("recorded_total", "Testville", YearMonth::of(2019, 1), {0, 0, 0});
    CHECK_THROWS_WITH(
        make_targets(monthly, zeros, {YearMonth::of(2019, 1), YearMonth::of(2019, 3)}),
        Catch::Contains("nothing to scale by"));
}

TEST_CASE("Simulated outcomes are put in the targets' shape and weighed", "[targets]") {
    const model::OutcomeLayout layout;
    // A simulation from 2019-11 for 16 months; recorded_total in month m is m + 1.
    model::MonthlyOutcomes outcomes(16);
    for (int month = 0; month < 16; ++month) {
        outcomes.at(month, model::Outcome::recorded_total) = month + 1;
        outcomes.at(month, model::Outcome::proven_reoffending_rate) =
            month < 5 ? std::numeric_limits<double>::quiet_NaN() : 0.5;
    }
    const YearMonth start = YearMonth::of(2019, 11);
    const FitWindow window{YearMonth::of(2019, 12), YearMonth::of(2021, 1)};
    Target monthly{"recorded_total", TargetKind::monthly, 0.75, window, {}, {}, {}, ""};
    CHECK(simulated_values(monthly, outcomes, layout, start) ==
          std::vector<double>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
    Target annual{"recorded_total", TargetKind::annual, 0.25, window, {}, {2020}, {}, ""};
    CHECK(simulated_values(annual, outcomes, layout, start) == std::vector<double>{102});
    // The rate's months with an incomplete cohort (NaN) are left out of its mean.
    Target rate{"proven_reoffending_rate", TargetKind::rate, 1.0, window, {0.25}, {}, {}, ""};
    CHECK(simulated_values(rate, outcomes, layout, start) == std::vector<double>{0.5});

    // Annual observed 120 against 102 simulated: |error| 18, distance 18/120 = 0.15;
    // monthly observed equal to the simulation: 0. Weighted: 0.75 x 0 + 0.25 x 0.15.
    monthly.observed = simulated_values(monthly, outcomes, layout, start);
    annual.observed = {120};
    CHECK(weighted_distance({monthly, annual}, outcomes, layout, start) == Approx(0.0375));

    Target outside = monthly;
    outside.window = {YearMonth::of(2019, 10), YearMonth::of(2020, 1)};
    CHECK_THROWS_WITH(simulated_values(outside, outcomes, layout, start),
                      Catch::Contains("does not cover the fit window"));
    Target early = rate;
    early.window = {YearMonth::of(2019, 11), YearMonth::of(2020, 2)};
    CHECK_THROWS_WITH(simulated_values(early, outcomes, layout, start),
                      Catch::Contains("undefined in every month"));
}

}  // namespace
}  // namespace vrsim::calibration
