// Summaries across replicates: type 7 quantiles checked by hand, NaN handling, and
// the streaming (P²) mode against a large sample with known quantiles.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "vrsim/scenarios/summary.hpp"

using vrsim::model::MonthlyOutcomes;
using vrsim::model::Outcome;
using vrsim::scenarios::quantile_type7;
using vrsim::scenarios::SummaryAccumulator;
using vrsim::scenarios::SummaryMode;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Every cell NaN, so a test defines only the cells it means to.
MonthlyOutcomes undefined_outcomes(int months) {
    MonthlyOutcomes outcomes(months);
    for (int month = 0; month < months; ++month) {
        for (std::size_t i = 0; i < vrsim::model::kOutcomeCount; ++i) {
            outcomes.at(month, static_cast<Outcome>(i)) = kNaN;
        }
    }
    return outcomes;
}

// One cell (month 0, victims) holding each value in turn, one replicate each.
SummaryAccumulator summarise(const std::vector<double>& values, SummaryMode mode) {
    SummaryAccumulator summary(1, mode);
    for (double value : values) {
        MonthlyOutcomes outcomes = undefined_outcomes(1);
        outcomes.at(0, Outcome::victims) = value;
        summary.add(outcomes);
    }
    return summary;
}

}  // namespace

TEST_CASE("type 7 quantiles of 1..5 match the hand calculation") {
    const std::vector<double> sorted = {1, 2, 3, 4, 5};
    // h = (n - 1) p = 4p; q = x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
    CHECK(quantile_type7(sorted, 0.05) == Approx(1.2));
    CHECK(quantile_type7(sorted, 0.25) == 2.0);
    CHECK(quantile_type7(sorted, 0.50) == 3.0);
    CHECK(quantile_type7(sorted, 0.75) == 4.0);
    CHECK(quantile_type7(sorted, 0.95) == Approx(4.8));
    CHECK(quantile_type7(sorted, 0.0) == 1.0);
    CHECK(quantile_type7(sorted, 1.0) == 5.0);
}

TEST_CASE("type 7 quantiles interpolate between unevenly spaced values") {
    const std::vector<double> sorted = {10, 20, 40, 80};
    // p25: h = 0.75 -> 10 + 0.75 * 10; p50: h = 1.5 -> 20 + 0.5 * 20.
    CHECK(quantile_type7(sorted, 0.25) == Approx(17.5));
    CHECK(quantile_type7(sorted, 0.50) == Approx(30.0));
    CHECK(quantile_type7(std::vector<double>{7.0}, 0.95) == 7.0);
}

TEST_CASE("exact summary of a cell: mean and quantiles whatever the replicate order") {
    const auto rows = summarise({4, 1, 5, 3, 2}, SummaryMode::exact).rows();
    REQUIRE(rows.size() == 1);
    const auto& row = rows.front();
    CHECK(row.month == 0);
    CHECK(row.column == vrsim::model::index_of(Outcome::victims));
    CHECK(row.count == 5);
    CHECK(row.mean == 3.0);
    CHECK(row.quantiles[0] == Approx(1.2));
    CHECK(row.quantiles[1] == 2.0);
    CHECK(row.quantiles[2] == 3.0);
    CHECK(row.quantiles[3] == 4.0);
    CHECK(row.quantiles[4] == Approx(4.8));
}

TEST_CASE("NaN values are skipped and a cell with none gets no row") {
    SummaryAccumulator summary(2, SummaryMode::exact);
    for (double value : {1.0, kNaN, 3.0}) {
        MonthlyOutcomes outcomes = undefined_outcomes(2);
        outcomes.at(0, Outcome::victims) = value;
        outcomes.at(1, Outcome::population) = 100.0;
        outcomes.at(1, Outcome::victims) = 0.0;
        summary.add(outcomes);
    }
    const auto rows = summary.rows();
    REQUIRE(rows.size() == 3);
    // Month 0 victims: two values, the NaN left out.
    CHECK(rows[0].month == 0);
    CHECK(rows[0].column == vrsim::model::index_of(Outcome::victims));
    CHECK(rows[0].count == 2);
    CHECK(rows[0].mean == 2.0);
    CHECK(rows[0].quantiles[2] == 2.0);
    // Month 1 in outcome order: victims before population.
    CHECK(rows[1].month == 1);
    CHECK(rows[1].column == vrsim::model::index_of(Outcome::victims));
    CHECK(rows[1].count == 3);
    CHECK(rows[2].column == vrsim::model::index_of(Outcome::population));
    CHECK(rows[2].mean == 100.0);
}

TEST_CASE("a replicate with the wrong number of months is refused") {
    SummaryAccumulator summary(3, SummaryMode::streaming);
    CHECK_THROWS_AS(summary.add(MonthlyOutcomes(2)), std::invalid_argument);
}

TEST_CASE("streaming summary is exact while a cell has few values") {
    const std::vector<double> values = {9, 2, 7, 4, 4, 1, 8, 3};
    const auto exact = summarise(values, SummaryMode::exact).rows();
    const auto streaming = summarise(values, SummaryMode::streaming).rows();
    REQUIRE(exact.size() == 1);
    REQUIRE(streaming.size() == 1);
    CHECK(streaming[0].mean == exact[0].mean);
    CHECK(streaming[0].quantiles == exact[0].quantiles);
}

TEST_CASE("streaming (P²) quantiles of 10,000 uniform draws are close to the truth") {
    std::mt19937_64 generator(20190401);
    std::vector<double> values(10000);
    for (double& value : values) {
        value = static_cast<double>(generator() >> 11) * 0x1.0p-53;  // uniform on [0, 1)
    }
    const auto exact = summarise(values, SummaryMode::exact).rows();
    const auto streaming = summarise(values, SummaryMode::streaming).rows();
    REQUIRE(streaming.size() == 1);
    const auto& row = streaming.front();
    CHECK(row.count == 10000);
    // Same sum in the same order: the mean is bit-identical to exact mode's.
    CHECK(row.mean == exact.front().mean);
    CHECK(row.mean == Approx(0.5).margin(0.01));
    const double truth[] = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("quantile " << truth[i]);
        CHECK(row.quantiles[i] == Approx(truth[i]).margin(0.02));
        CHECK(row.quantiles[i] == Approx(exact.front().quantiles[i]).margin(0.02));
    }
}

TEST_CASE("streaming summary is deterministic for the same replicate order") {
    std::vector<double> values;
    for (int i = 0; i < 500; ++i) {
        values.push_back(std::fmod(i * 37.0, 101.0));
    }
    CHECK(summarise(values, SummaryMode::streaming).rows().front().quantiles ==
          summarise(values, SummaryMode::streaming).rows().front().quantiles);
}
