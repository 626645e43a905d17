#include "vrsim/model/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace vrsim::model {

std::string YearMonth::to_string() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year(), month());
    return text;
}

std::optional<YearMonth> YearMonth::parse(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') {
        return std::nullopt;
    }
    int year = 0;
    int month = 0;
    auto [year_end, year_error] = std::from_chars(text.data(), text.data() + 4, year);
    auto [month_end, month_error] = std::from_chars(text.data() + 5, text.data() + 7, month);
    if (year_error != std::errc{} || month_error != std::errc{} || year_end != text.data() + 4 ||
        month_end != text.data() + 7 || month < 1 || month > 12) {
        return std::nullopt;
    }
    return YearMonth::of(year, month);
}

}  // namespace vrsim::model
