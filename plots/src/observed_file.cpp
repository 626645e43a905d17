#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <tuple>

#include "csv_table.hpp"
#include "vrsim/plots/run_files.hpp"

namespace vrsim::plots {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

bool is_missing(std::string_view text) {
    return text.empty() || text == "NA" || text == "na";
}

}  // namespace

std::vector<ObservedPoint> read_observed_csv(const std::filesystem::path& file) {
    static constexpr std::array<const char*, 4> kColumns = {"month", "outcome", "value", "area"};
    std::vector<ObservedPoint> points;
    // (month, outcome, area in lower case) -> the line that gave it.
    std::map<std::tuple<int, std::string, std::string>, unsigned> seen;
    detail::read_csv(
        file, kColumns,
        [&](unsigned line, const std::array<std::string, 4>& f) {
            detail::require_not_empty(f[1], {file, line, kColumns[1]});
            const model::YearMonth month = detail::parse_month(f[0], {file, line, kColumns[0]});
            std::string area_key = f[3];
            for (char& c : area_key) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            const auto [previous, added] =
                seen.emplace(std::make_tuple(month.index, f[1], std::move(area_key)), line);
            if (!added) {
                detail::throw_cell_error({file, line, kColumns[0]},
                                         "month " + f[0] + " of outcome " + f[1] +
                                             (f[3].empty() ? "" : " in area " + f[3]) +
                                             " repeats line " + std::to_string(previous->second));
            }
            if (is_missing(f[2])) {
                return;
            }
            const double value = detail::parse_number(f[2], {file, line, kColumns[2]});
            if (!std::isfinite(value)) {
                detail::throw_cell_error({file, line, kColumns[2]},
                                         "expected a finite number (or empty or NA for a missing "
                                         "month), got \"" +
                                             f[2] + "\"");
            }
            points.push_back({month, f[1], f[3], value});
        },
        3);
    return points;
}

std::map<std::string, ObservedSeries> observed_for_place(const std::vector<ObservedPoint>& points,
                                                         std::string_view place) {
    // Per outcome: the place's own rows by month, and the areas' sums by month.
    std::map<std::string, std::map<model::YearMonth, double>> own;
    std::map<std::string, std::map<model::YearMonth, double>> area_sums;
    for (const ObservedPoint& point : points) {
        const bool place_wide = point.area.empty() || same_ignoring_case(point.area, place);
        auto& by_month = (place_wide ? own : area_sums)[point.outcome];
        if (place_wide) {
            // The reader refuses repeats; an unnamed row and one named after the
            // place for the same month are the same figure, so the first is kept.
            by_month.emplace(point.month, point.value);
        } else {
            by_month[point.month] += point.value;
        }
    }
    std::map<std::string, ObservedSeries> result;
    for (const auto& [outcome, by_month] : own) {
        ObservedSeries& series = result[outcome];
        series.points.assign(by_month.begin(), by_month.end());
    }
    for (const auto& [outcome, by_month] : area_sums) {
        if (result.count(outcome) == 0) {
            ObservedSeries& series = result[outcome];
            series.points.assign(by_month.begin(), by_month.end());
            series.summed_over_areas = true;
        }
    }
    return result;
}

}  // namespace vrsim::plots
