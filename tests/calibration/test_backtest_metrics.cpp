// Forecast scores (MAE, MASE against the seasonal naive forecast, interval
// coverage) on a tiny series worked out by hand.
#include <catch2/catch.hpp>

#include "vrsim/calibration/backtest.hpp"

namespace vrsim::calibration {
namespace {

TEST_CASE("Quantiles interpolate between order statistics (type 7)", "[backtest]") {
    // {1, 2, 3, 4}: position q x 3.
    CHECK(quantile_type7({4, 1, 3, 2}, 0.5) == Approx(2.5));
    CHECK(quantile_type7({4, 1, 3, 2}, 0.1) == Approx(1.3));
    CHECK(quantile_type7({4, 1, 3, 2}, 0.0) == 1.0);
    CHECK(quantile_type7({4, 1, 3, 2}, 1.0) == 4.0);
    CHECK(quantile_type7({7}, 0.9) == 7.0);
}

TEST_CASE("MAE, MASE and coverage of a three-month forecast, by hand", "[backtest]") {
    // History: 24 months rising by 1 a month, so the lag-12 naive forecast is
    // always 12 short: in-sample scale 12.
    std::vector<double> history;
    for (int t = 0; t < 24; ++t) {
        history.push_back(t);
    }
    const std::vector<double> observed = {25, 26, 27};
    // Five replicates; per month the sorted values are
    //   month 0: 20 22 24 26 28    median 24, |25-24| = 1
    //   month 1: 30 31 32 33 34    median 32, |26-32| = 6
    //   month 2: 10 20 27.5 28 40  median 27.5, |27-27.5| = 0.5
    const std::vector<std::vector<double>> replicates = {
        {26, 34, 10}, {20, 30, 40}, {24, 32, 28}, {28, 31, 27.5}, {22, 33, 20}};
    const ForecastScore score = score_forecast(history, observed, replicates);
    CHECK(score.seasonal_naive_scale == Approx(12.0));
    CHECK(score.mae == Approx(2.5));          // (1 + 6 + 0.5) / 3
    CHECK(score.mase == Approx(2.5 / 12.0));  // 0.2083
    // The seasonal naive forecast of months 24..26 is months 12..14: 12, 13, 14.
    CHECK(score.seasonal_naive_mae == Approx(13.0));
    // 50%: [22, 26] holds 25; [31, 33] not 26; [20, 28] holds 27.
    // 80%: [20.8, 27.2] holds 25; [30.4, 33.6] not 26; [14, 35.2] holds 27.
    // 95%: [20.2, 27.8] holds 25; [30.1, 33.9] not 26; [11, 38.8] holds 27.
    CHECK(score.coverage[0] == Approx(2.0 / 3.0));
    CHECK(score.coverage[1] == Approx(2.0 / 3.0));
    CHECK(score.coverage[2] == Approx(2.0 / 3.0));
}

TEST_CASE("Interval bounds count as covered, and each level is scored on its own", "[backtest]") {
    // Thirteen months, the last 4 above the first: one naive error, 4.
    std::vector<double> history(12, 10.0);
    history.push_back(14.0);
    // Replicates 0..10: the 50% interval is [2.5, 7.5], 80% [1, 9], 95% [0.25, 9.75].
    std::vector<std::vector<double>> replicates;
    for (int r = 0; r <= 10; ++r) {
        replicates.push_back({static_cast<double>(r)});
    }
    CHECK(score_forecast(history, {9}, replicates).coverage ==
          std::array<double, 3>{0.0, 1.0, 1.0});  // 9 is the 80% bound itself
    CHECK(score_forecast(history, {2.5}, replicates).coverage ==
          std::array<double, 3>{1.0, 1.0, 1.0});
    CHECK(score_forecast(history, {0.1}, replicates).coverage ==
          std::array<double, 3>{0.0, 0.0, 0.0});
    const ForecastScore score = score_forecast(history, {9}, replicates);
    CHECK(score.seasonal_naive_scale == Approx(4.0));
    CHECK(score.mae == Approx(4.0));  // median 5
    CHECK(score.mase == Approx(1.0));
    CHECK(score.seasonal_naive_mae == Approx(1.0));  // month 13 forecast by month 1: 10
}

TEST_CASE("Seasonal naive forecasts beyond a year repeat the last observed year", "[backtest]") {
    // History 0..12 (13 months); horizon of 14 months, all observed 100.
    // Months 13..24 are forecast by months 1..12 (values 1..12); months 25, 26
    // by 13 - 12 and 14 - 12 seasons back: months 1, 2 again.
    std::vector<double> history;
    for (int t = 0; t <= 12; ++t) {
        history.push_back(t);
    }
    const std::vector<double> observed(14, 100.0);
    const std::vector<std::vector<double>> replicates = {std::vector<double>(14, 100.0)};
    const ForecastScore score = score_forecast(history, observed, replicates);
    // Errors 99..88 then 99, 98: (sum 99..88 = 1122) + 197 = 1319, over 14.
    CHECK(score.seasonal_naive_mae == Approx(1319.0 / 14.0));
    CHECK(score.mae == 0.0);
}

TEST_CASE("Scores that cannot be computed are refused", "[backtest]") {
    const std::vector<double> short_history(12, 1.0);
    CHECK_THROWS_WITH(score_forecast(short_history, {1}, {{1}}), Catch::Contains("13 months"));
    std::vector<double> flat(24, 5.0);
    CHECK_THROWS_WITH(score_forecast(flat, {1}, {{1}}), Catch::Contains("MASE is undefined"));
    std::vector<double> history;
    for (int t = 0; t < 24; ++t) {
        history.push_back(t);
    }
    CHECK_THROWS_WITH(score_forecast(history, {1, 2}, {{1}}), Catch::Contains("expected 2"));
}

}  // namespace
}  // namespace vrsim::calibration
