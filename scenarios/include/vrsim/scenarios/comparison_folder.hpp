#pragma once
// A comparison folder: a base scenario and its alternatives run with common
// random numbers (replicate r of every scenario draws the same numbers for the
// same decision about the same person), their run files, and the paired
// economics of each alternative against the base (comparison.csv,
// comparison_replicates.csv, comparison.md).
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vrsim/scenarios/economics.hpp"
#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// Scenarios that cannot be compared (different months, the same name).
class ComparisonError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CompareOptions {
    EnsembleOptions ensemble;
    std::filesystem::path unit_costs;  // e.g. scenarios/library/costs/home_office_2018.toml
    int price_year = 2024;             // real prices of this financial year (2024 = 2024-25)
    // Flat annual rate; unset: the Green Book schedule (3.5% for years 1-30, then lower).
    std::optional<double> discount_rate;
    // Appraise only the first this many years of the horizon; unset: all of it.
    std::optional<int> horizon_years;
};

// The series the economics need, from one replicate's outcomes and the
// scenario's programme spend in base-year prices (programme_spend_in_base_prices).
ScenarioSeries scenario_series(model::YearMonth start_month, const model::MonthlyOutcomes& outcomes,
                               int months, std::vector<double> programme_spend_gbp);

// Runs `scenarios` (base first) into `folder` and writes the comparison files.
// Throws ComparisonError when the scenarios do not share start month and
// horizon or two share a name, EconomicsError or ScenarioError for the unit
// costs, OutputError for files. Files appear only after every replicate of every
// scenario has run: the comparison files, then the run files, manifest.json last.
std::vector<Comparison> write_comparison_folder(const std::vector<Scenario>& scenarios,
                                                const CompareOptions& options,
                                                const std::filesystem::path& folder,
                                                const std::vector<std::string>& command_line,
                                                const ProgressCallback& progress = {});

}  // namespace vrsim::scenarios
