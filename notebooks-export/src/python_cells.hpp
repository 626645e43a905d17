#pragma once
// The notebook's Python, cell by cell. It reads everything it draws from the
// run's files at run time (scenario names from manifest.json), so nothing from
// the files is pasted into code and no name needs quoting. Written for Debian
// 12: Python 3.11, pandas 1.5, matplotlib 3.6; no seaborn.
#include <string>

namespace vrsim::notebooks {

// The style cell: palette, sizes, titles and axis labels for every chart.
std::string style_cell();
// Reading the run's CSV files and drawing fan charts.
std::string helpers_cell();
// One fan chart per main outcome, a panel per scenario.
std::string fan_chart_cell();
// Paired differences from the base per alternative (needs timeseries.csv).
std::string difference_cell();
// Caseload and waiting list per programme, scenarios overlaid.
std::string programme_cell();
// The headline measures of comparison.csv as a table.
std::string comparison_table_cell();
// Costs, benefits and net present value as bars with 90% intervals.
std::string cost_benefit_cell();
// The cost-effectiveness plane from comparison_replicates.csv.
std::string cost_effectiveness_cell();
// Net present value across replicates, with break-even at 0.
std::string net_present_value_cell();
// Loads manifest.json and summary.csv, and each optional file the folder has.
std::string load_cell(bool timeseries, bool comparison, bool comparison_replicates);

}  // namespace vrsim::notebooks
