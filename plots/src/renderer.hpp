#pragma once
// Draws chart specs with gnuplot (a few runs side by side) and moves the finished files into
// place. Internal to vrsim_plots.
#include <filesystem>
#include <string>
#include <vector>

#include "chart_spec.hpp"

namespace vrsim::plots::detail {

// Writes every chart's script and data (in a subfolder per chart) into a new
// hidden folder inside
// `out_folder`, runs gnuplot over them (one run per core, at most 8), fixes the PDFs' dates, and
// renames each file into `out_folder`. The hidden folder is removed whatever
// happens, so a failure leaves no partial chart. Returns the files written;
// gnuplot's warnings are added to `notes`. Throws RenderError.
std::vector<std::filesystem::path> render(const std::vector<ChartSpec>& charts,
                                          const std::filesystem::path& out_folder,
                                          const std::string& footer, const std::string& gnuplot,
                                          std::vector<std::string>& notes);

}  // namespace vrsim::plots::detail
