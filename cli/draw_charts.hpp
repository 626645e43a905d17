#pragma once
// Drawing a run folder's charts after `vrsim run` or `vrsim compare`.
#include <filesystem>

#include "vrsim/plots/charts.hpp"

namespace vrsim::cli {

// Draws FOLDER/charts with gnuplot ($VRSIM_GNUPLOT when set). Returns kOk, or
// kRuntimeFailure after printing why (gnuplot missing or failing).
// `options` chooses outcomes and observed history; its gnuplot is replaced by
// $VRSIM_GNUPLOT when set.
int draw_charts(const std::filesystem::path& folder, bool quiet, plots::ChartOptions options = {});

}  // namespace vrsim::cli
