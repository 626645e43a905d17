#pragma once
// Readers for the files of a run folder that charts draw on: summary.csv,
// timeseries.csv, comparison.csv, comparison_replicates.csv, manifest.json, and
// an observed history (a tidy CSV). Every problem throws InputError naming the
// file, and for CSV files the line (1 is the header) and the column.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vrsim/model/calendar.hpp"

namespace vrsim::plots {

inline constexpr std::string_view kSummaryFile = "summary.csv";
inline constexpr std::string_view kTimeseriesFile = "timeseries.csv";
inline constexpr std::string_view kComparisonFile = "comparison.csv";
inline constexpr std::string_view kComparisonReplicatesFile = "comparison_replicates.csv";
inline constexpr std::string_view kManifestFile = "manifest.json";

// Which outcomes a reader keeps; an empty function keeps every one.
using OutcomeFilter = std::function<bool(std::string_view outcome)>;

struct Quantiles {
    double p05 = 0.0;
    double p25 = 0.0;
    double p50 = 0.0;
    double p75 = 0.0;
    double p95 = 0.0;
};

struct SummaryPoint {
    model::YearMonth month;
    double mean = 0.0;
    Quantiles quantiles;
};

// summary.csv: scenario,month,outcome,mean,p05,p25,p50,p75,p95.
struct Summary {
    std::vector<std::string> scenarios;  // in the order they first appear
    std::vector<std::string> outcomes;   // every outcome, in the order it first appears
    // (scenario, outcome) -> points in file order (months ascending, as written).
    std::map<std::pair<std::string, std::string>, std::vector<SummaryPoint>> series;

    // nullptr when the scenario has no rows for the outcome.
    const std::vector<SummaryPoint>* find(const std::string& scenario,
                                          const std::string& outcome) const;
};

Summary read_summary_csv(const std::filesystem::path& file, const OutcomeFilter& keep = {});

struct ReplicateValue {
    std::uint32_t replicate = 0;
    model::YearMonth month;
    double value = 0.0;
};

// timeseries.csv: scenario,replicate,month,outcome,value.
struct Timeseries {
    std::vector<std::string> scenarios;  // in the order they first appear
    // (scenario, outcome) -> values in file order.
    std::map<std::pair<std::string, std::string>, std::vector<ReplicateValue>> series;

    const std::vector<ReplicateValue>* find(const std::string& scenario,
                                            const std::string& outcome) const;
};

Timeseries read_timeseries_csv(const std::filesystem::path& file, const OutcomeFilter& keep = {});

// comparison.csv: base,alternative,measure,mean,median,p05,p95,probability_better.
// An empty number (a measure without a probability) reads as NaN.
struct ComparisonRow {
    std::string base;
    std::string alternative;
    std::string measure;
    double mean = 0.0;
    double median = 0.0;
    double p05 = 0.0;
    double p95 = 0.0;
    double probability_better = 0.0;
};

std::vector<ComparisonRow> read_comparison_csv(const std::filesystem::path& file);

// comparison_replicates.csv: base,alternative,replicate,measure,value (paired
// differences, alternative minus base).
struct ComparisonReplicateRow {
    std::string base;
    std::string alternative;
    std::uint32_t replicate = 0;
    std::string measure;
    double value = 0.0;
};

std::vector<ComparisonReplicateRow> read_comparison_replicates_csv(
    const std::filesystem::path& file);

// What a chart's footer and titles need from manifest.json.
struct RunManifest {
    std::string version;
    std::uint64_t seed = 0;
    std::uint32_t replicates = 0;
    std::optional<model::YearMonth> start_month;  // the first reported month, if recorded
    std::vector<std::string> scenarios;           // names, in run order (base first)
    std::vector<std::string> places;  // each scenario's parameters.place.name, "" if absent
};

RunManifest read_manifest(const std::filesystem::path& file);

// An observed history: month,outcome,value with an optional area column
// (other columns are ignored). An empty value or NA is a missing month and is
// left out.
struct ObservedPoint {
    model::YearMonth month;
    std::string outcome;
    std::string area;  // "" when the file has no area column or the cell is empty
    double value = 0.0;
};

std::vector<ObservedPoint> read_observed_csv(const std::filesystem::path& file);

// One outcome's place-wide observed series, months ascending. Rows whose area
// is empty or equals `place` (ignoring case) are the place's own figures; an
// outcome that has none is the sum of its areas' rows per month.
struct ObservedSeries {
    std::vector<std::pair<model::YearMonth, double>> points;
    bool summed_over_areas = false;
};

std::map<std::string, ObservedSeries> observed_for_place(const std::vector<ObservedPoint>& points,
                                                         std::string_view place);

}  // namespace vrsim::plots
