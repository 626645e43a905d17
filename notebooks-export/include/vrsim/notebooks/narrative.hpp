#pragma once
// The notebook's Markdown: what was run, what the outcomes mean, and the
// headline results computed from the run's files.
#include <string>

#include "vrsim/notebooks/run_files.hpp"

namespace vrsim::notebooks {

// Title (scenarios and place), horizon, replicates, seed, and how to use the notebook.
std::string title_markdown(const RunFiles& run);
// A sentence for each outcome the notebook charts that the run has.
std::string outcomes_markdown(const RunFiles& run);
// The headline outcome per year (first and last 12 months) per scenario.
std::string headline_markdown(const RunFiles& run);
// Each comparison's headline measures (empty when the folder has no comparison.csv).
std::string comparison_markdown(const RunFiles& run);
// Links to the files under charts/ (empty when there are none).
std::string charts_markdown(const RunFiles& run);

}  // namespace vrsim::notebooks
