#pragma once
// Drawing a run folder's charts after `vrsim run` or `vrsim compare`.
#include <filesystem>

namespace vrsim::cli {

// Draws FOLDER/charts with gnuplot ($VRSIM_GNUPLOT when set). Returns kOk, or
// kRuntimeFailure after printing why (gnuplot missing or failing).
int draw_charts(const std::filesystem::path& folder, bool quiet);

}  // namespace vrsim::cli
