// Month ticks: the shortest step from the list that gives at most max_ticks
// ticks, on the months a whole number of steps from the run's first month.
#include <catch2/catch.hpp>

#include "vrsim/plots/month_axis.hpp"

using namespace vrsim::plots;
using vrsim::model::YearMonth;

namespace {

std::vector<std::string> labels(const std::vector<MonthTick>& ticks) {
    std::vector<std::string> out;
    for (const MonthTick& tick : ticks) {
        out.push_back(tick.label);
    }
    return out;
}

}  // namespace

TEST_CASE("two years from April: quarterly is too many, so every six months", "[plots][axis]") {
    const YearMonth start = YearMonth::of(2019, 4);
    // 24 months: steps of 3 would give 8 ticks (> 7), steps of 6 give 4.
    const auto ticks = month_ticks(start, start.plus_months(23), start, 7);
    CHECK(labels(ticks) == std::vector<std::string>{"2019-04", "2019-10", "2020-04", "2020-10"});
    // Allowing 8 ticks, quarters fit.
    CHECK(month_ticks(start, start.plus_months(23), start, 8).size() == 8);
}

TEST_CASE("fifteen years: every three years, on the start month", "[plots][axis]") {
    const YearMonth start = YearMonth::of(2019, 4);
    // 180 months: 12 gives 15, 24 gives 8, 36 gives 5 ticks (months 0, 36, ..., 144).
    const auto ticks = month_ticks(start, start.plus_months(179), start, 7);
    CHECK(labels(ticks) ==
          std::vector<std::string>{"2019-04", "2022-04", "2025-04", "2028-04", "2031-04"});
}

TEST_CASE("history before the run falls on the same grid", "[plots][axis]") {
    const YearMonth start = YearMonth::of(2019, 4);
    // 2018-10 to 2019-09 is 12 months: steps of 1 give 12, steps of 2 give 6.
    const auto ticks = month_ticks(YearMonth::of(2018, 10), YearMonth::of(2019, 9), start, 7);
    CHECK(labels(ticks) == std::vector<std::string>{"2018-10", "2018-12", "2019-02", "2019-04",
                                                    "2019-06", "2019-08"});
    // From 2018-11, steps of 2 from April land on even offsets: 2018-12 first.
    const auto odd = month_ticks(YearMonth::of(2018, 11), YearMonth::of(2019, 9), start, 7);
    CHECK(labels(odd).front() == "2018-12");
}

TEST_CASE("one month gives one tick; an empty range none", "[plots][axis]") {
    const YearMonth start = YearMonth::of(2019, 4);
    CHECK(labels(month_ticks(start, start, start, 7)) == std::vector<std::string>{"2019-04"});
    CHECK(month_ticks(start, YearMonth::of(2019, 3), start, 7).empty());
}
