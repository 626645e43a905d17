#pragma once
// report.ipynb: a Jupyter notebook (nbformat 4.5) whose Markdown tells what was
// run and its headline results, and whose code loads the run's CSV files with
// pandas and redraws its charts with matplotlib. The same folder always gives
// the same bytes: no timestamps, sorted keys, fixed cell ids, no outputs.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "vrsim/notebooks/run_files.hpp"

namespace vrsim::notebooks {

nlohmann::json build_notebook(const RunFiles& run);

// The notebook as its file holds it: JSON indented by 1 (as Jupyter writes it),
// UTF-8, with a final newline.
std::string notebook_text(const RunFiles& run);

// Reads `folder` and writes folder/report.ipynb under a temporary name, then
// renames it. Returns the notebook's path. Throws RunFolderError for a folder
// that cannot be read and scenarios::OutputError for one that cannot be written.
std::filesystem::path write_notebook(const std::filesystem::path& folder);

}  // namespace vrsim::notebooks
