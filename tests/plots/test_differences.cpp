// Difference from base: paired by replicate number, quantiles as summary.csv's.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "vrsim/plots/differences.hpp"

using namespace vrsim::plots;
using vrsim::model::YearMonth;

TEST_CASE("differences are paired by replicate and summarised with type 7 quantiles",
          "[plots][differences]") {
    const YearMonth april = YearMonth::of(2019, 4);
    const YearMonth may = YearMonth::of(2019, 5);
    const std::vector<ReplicateValue> base = {
        {0, april, 10}, {1, april, 20}, {2, april, 30}, {0, may, 5}, {1, may, 5}};
    // Replicate 3 has no base value and is left out; in May only replicate 1 pairs.
    const std::vector<ReplicateValue> alternative = {{2, april, 33}, {0, april, 12}, {1, april, 17},
                                                     {3, april, 99}, {1, may, 4},    {2, may, 8}};
    const std::vector<DifferenceBand> bands = paired_difference_bands(base, alternative);
    REQUIRE(bands.size() == 2);

    // April: differences 12-10 = 2, 17-20 = -3, 33-30 = 3; sorted -3, 2, 3. Type 7
    // with n = 3: h = 2p, q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
    CHECK(bands[0].month == april);
    CHECK(bands[0].pairs == 3);
    CHECK(bands[0].quantiles.p05 == Approx(-3 + 0.1 * 5));  // h = 0.1
    CHECK(bands[0].quantiles.p25 == Approx(-3 + 0.5 * 5));  // h = 0.5
    CHECK(bands[0].quantiles.p50 == Approx(2.0));           // h = 1
    CHECK(bands[0].quantiles.p75 == Approx(2 + 0.5 * 1));   // h = 1.5
    CHECK(bands[0].quantiles.p95 == Approx(2 + 0.9 * 1));   // h = 1.9

    // May: one pair, 4 - 5 = -1, so every quantile is -1.
    CHECK(bands[1].month == may);
    CHECK(bands[1].pairs == 1);
    CHECK(bands[1].quantiles.p05 == -1.0);
    CHECK(bands[1].quantiles.p95 == -1.0);
}

TEST_CASE("no pairs, no bands; a repeated replicate is an error", "[plots][differences]") {
    const YearMonth april = YearMonth::of(2019, 4);
    CHECK(paired_difference_bands({{0, april, 1}}, {{1, april, 1}}).empty());
    CHECK_THROWS_AS(paired_difference_bands({{0, april, 1}, {0, april, 2}}, {{0, april, 1}}),
                    std::invalid_argument);
}
