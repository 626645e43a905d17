#pragma once
// Calendar months as plain integers so the monthly loop does arithmetic, not dates.
#include <optional>
#include <string>
#include <string_view>

namespace vrsim::model {

// Months since January of year 0: index = year * 12 + (month - 1).
struct YearMonth {
    int index = 0;

    static constexpr YearMonth of(int year, int month) { return {year * 12 + (month - 1)}; }
    constexpr int year() const { return index / 12; }
    constexpr int month() const { return index % 12 + 1; }  // 1..12
    constexpr YearMonth plus_months(int months) const { return {index + months}; }
    // UK financial year (April to March) named by the year it starts in.
    constexpr int financial_year() const { return month() >= 4 ? year() : year() - 1; }
    std::string to_string() const;  // "YYYY-MM"
    // Parses "YYYY-MM"; nullopt when malformed.
    static std::optional<YearMonth> parse(std::string_view text);
    friend constexpr auto operator<=>(YearMonth, YearMonth) = default;
};

}  // namespace vrsim::model
