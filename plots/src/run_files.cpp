#include "vrsim/plots/run_files.hpp"

#include <algorithm>
#include <array>

#include "csv_table.hpp"

namespace vrsim::plots {

using detail::CsvCell;

namespace {

void remember(std::vector<std::string>& names, const std::string& name) {
    // Run folders hold a handful of scenarios; a linear search is the cheapest.
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
    }
}

template <typename Map>
auto find_series(const Map& series, const std::string& scenario, const std::string& outcome)
    -> const typename Map::mapped_type* {
    const auto found = series.find({scenario, outcome});
    return found == series.end() ? nullptr : &found->second;
}

}  // namespace

const std::vector<SummaryPoint>* Summary::find(const std::string& scenario,
                                               const std::string& outcome) const {
    return find_series(series, scenario, outcome);
}

const std::vector<ReplicateValue>* Timeseries::find(const std::string& scenario,
                                                    const std::string& outcome) const {
    return find_series(series, scenario, outcome);
}

Summary read_summary_csv(const std::filesystem::path& file, const OutcomeFilter& keep) {
    static constexpr std::array<const char*, 9> kColumns = {
        "scenario", "month", "outcome", "mean", "p05", "p25", "p50", "p75", "p95"};
    Summary summary;
    detail::read_csv(file, kColumns, [&](unsigned line, const std::array<std::string, 9>& f) {
        detail::require_not_empty(f[0], {file, line, kColumns[0]});
        detail::require_not_empty(f[2], {file, line, kColumns[2]});
        remember(summary.outcomes, f[2]);
        remember(summary.scenarios, f[0]);
        if (keep && !keep(f[2])) {
            return;
        }
        SummaryPoint point;
        point.month = detail::parse_month(f[1], {file, line, kColumns[1]});
        point.mean = detail::parse_number(f[3], {file, line, kColumns[3]});
        point.quantiles.p05 = detail::parse_number(f[4], {file, line, kColumns[4]});
        point.quantiles.p25 = detail::parse_number(f[5], {file, line, kColumns[5]});
        point.quantiles.p50 = detail::parse_number(f[6], {file, line, kColumns[6]});
        point.quantiles.p75 = detail::parse_number(f[7], {file, line, kColumns[7]});
        point.quantiles.p95 = detail::parse_number(f[8], {file, line, kColumns[8]});
        std::vector<SummaryPoint>& points = summary.series[{f[0], f[2]}];
        if (!points.empty() && points.back().month >= point.month) {
            detail::throw_cell_error({file, line, kColumns[1]},
                                     "month " + f[1] + " of scenario \"" + f[0] +
                                         "\" and outcome " + f[2] + " repeats or comes after " +
                                         points.back().month.to_string() +
                                         "; expected each series in ascending months");
        }
        points.push_back(point);
    });
    return summary;
}

Timeseries read_timeseries_csv(const std::filesystem::path& file, const OutcomeFilter& keep) {
    static constexpr std::array<const char*, 5> kColumns = {"scenario", "replicate", "month",
                                                            "outcome", "value"};
    Timeseries timeseries;
    detail::read_csv(file, kColumns, [&](unsigned line, const std::array<std::string, 5>& f) {
        detail::require_not_empty(f[0], {file, line, kColumns[0]});
        detail::require_not_empty(f[3], {file, line, kColumns[3]});
        remember(timeseries.scenarios, f[0]);
        if (keep && !keep(f[3])) {
            return;
        }
        ReplicateValue value;
        value.replicate = detail::parse_replicate(f[1], {file, line, kColumns[1]});
        value.month = detail::parse_month(f[2], {file, line, kColumns[2]});
        value.value = detail::parse_number(f[4], {file, line, kColumns[4]});
        timeseries.series[{f[0], f[3]}].push_back(value);
    });
    return timeseries;
}

std::vector<ComparisonRow> read_comparison_csv(const std::filesystem::path& file) {
    static constexpr std::array<const char*, 8> kColumns = {
        "base", "alternative", "measure", "mean", "median", "p05", "p95", "probability_better"};
    std::vector<ComparisonRow> rows;
    detail::read_csv(file, kColumns, [&](unsigned line, const std::array<std::string, 8>& f) {
        for (std::size_t i = 0; i < 3; ++i) {
            detail::require_not_empty(f[i], {file, line, kColumns[i]});
        }
        ComparisonRow row{f[0], f[1], f[2]};
        // Some measures leave a statistic empty (no probability for a ratio).
        row.mean = detail::parse_number(f[3], {file, line, kColumns[3]}, true);
        row.median = detail::parse_number(f[4], {file, line, kColumns[4]}, true);
        row.p05 = detail::parse_number(f[5], {file, line, kColumns[5]}, true);
        row.p95 = detail::parse_number(f[6], {file, line, kColumns[6]}, true);
        row.probability_better = detail::parse_number(f[7], {file, line, kColumns[7]}, true);
        rows.push_back(std::move(row));
    });
    return rows;
}

std::vector<ComparisonReplicateRow> read_comparison_replicates_csv(
    const std::filesystem::path& file) {
    static constexpr std::array<const char*, 5> kColumns = {"base", "alternative", "replicate",
                                                            "measure", "value"};
    std::vector<ComparisonReplicateRow> rows;
    detail::read_csv(file, kColumns, [&](unsigned line, const std::array<std::string, 5>& f) {
        detail::require_not_empty(f[0], {file, line, kColumns[0]});
        detail::require_not_empty(f[1], {file, line, kColumns[1]});
        detail::require_not_empty(f[3], {file, line, kColumns[3]});
        ComparisonReplicateRow row{f[0], f[1], 0, f[3], 0.0};
        row.replicate = detail::parse_replicate(f[2], {file, line, kColumns[2]});
        row.value = detail::parse_number(f[4], {file, line, kColumns[4]}, true);
        rows.push_back(std::move(row));
    });
    return rows;
}

}  // namespace vrsim::plots
