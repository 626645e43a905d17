#include <catch2/catch.hpp>

#include "vrsim/model/calendar.hpp"

using vrsim::model::YearMonth;

TEST_CASE("YearMonth formats and parses YYYY-MM", "[calendar]") {
    YearMonth april_2019 = YearMonth::of(2019, 4);
    CHECK(april_2019.index == 2019 * 12 + 3);
    CHECK(april_2019.to_string() == "2019-04");
    CHECK(april_2019.plus_months(9).to_string() == "2020-01");
    CHECK(YearMonth::parse("2019-04") == april_2019);
    CHECK_FALSE(YearMonth::parse("2019-13").has_value());
    CHECK_FALSE(YearMonth::parse("2019-4").has_value());
    CHECK_FALSE(YearMonth::parse("19-04-01").has_value());
    CHECK_FALSE(YearMonth::parse("abcd-ef").has_value());
}

TEST_CASE("UK financial years run April to March", "[calendar]") {
    CHECK(YearMonth::of(2019, 4).financial_year() == 2019);
    CHECK(YearMonth::of(2020, 3).financial_year() == 2019);
    CHECK(YearMonth::of(2020, 4).financial_year() == 2020);
}
