#pragma once
// What a notebook needs from a run folder, read and checked: the manifest's
// facts, summary.csv, the headline outcome's replicates from timeseries.csv, and
// comparison.csv when the folder holds a comparison.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::notebooks {

// The outcome the narrative's headline figures are about: the police category
// "violence against the person", the count boards ask about first.
inline constexpr std::string_view kHeadlineOutcome = "recorded_violence_against_the_person";

inline constexpr std::string_view kComparisonFile = "comparison.csv";
inline constexpr std::string_view kComparisonReplicatesFile = "comparison_replicates.csv";
inline constexpr std::string_view kChartsFolder = "charts";
inline constexpr std::string_view kNotebookFile = "report.ipynb";

struct SummaryRow {
    std::size_t scenario = 0;  // index into RunFiles::scenarios
    int month = 0;             // 0 is the start month
    std::string outcome;
    double mean = 0.0, p05 = 0.0, p25 = 0.0, p50 = 0.0, p75 = 0.0, p95 = 0.0;
};

// One row of comparison.csv: an alternative against the base, for one measure.
// Statistics a file leaves empty are NaN.
struct ComparisonRow {
    std::string base;
    std::string alternative;
    std::string measure;
    double mean = 0.0, median = 0.0, p05 = 0.0, p95 = 0.0, probability_better = 0.0;
};

struct RunFiles {
    std::filesystem::path folder;
    // From manifest.json.
    std::vector<std::string> scenarios;  // in the manifest's order: the base first
    std::string place;                   // empty when the manifest names none
    int start_year = 0;
    int start_month_of_year = 1;  // 1-12
    int horizon_months = 0;
    std::uint64_t replicates = 0;
    std::uint64_t seed = 0;
    std::string engine;
    std::string version;
    // From summary.csv.
    std::vector<std::string> outcomes;  // in order of first appearance
    std::vector<SummaryRow> summary;
    // From timeseries.csv, when present: [scenario][replicate][month] values of
    // kHeadlineOutcome, NaN where the file has no row.
    bool has_timeseries = false;
    std::vector<std::vector<std::vector<double>>> headline_replicates;
    // comparison.csv and comparison_replicates.csv, when present.
    bool has_comparison = false;
    std::vector<ComparisonRow> comparison;
    bool has_comparison_replicates = false;
    // Files under charts/, relative to the folder ("charts/x.svg"), sorted.
    std::vector<std::string> charts;

    std::string month_name(int month) const;  // "YYYY-MM" of a month index
    bool has_outcome(std::string_view outcome) const;
};

// Reads and checks the run folder. Throws RunFolderError naming the file (and
// line and field) for a missing folder or file, invalid JSON, a CSV that is not
// as `vrsim run` writes it, or a scenario, month or replicate the manifest does
// not have.
RunFiles read_run_files(const std::filesystem::path& folder);

}  // namespace vrsim::notebooks
