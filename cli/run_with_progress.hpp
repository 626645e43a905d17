#pragma once
// Writing a run folder under a progress bar that Ctrl-C can stop: the one way
// run, compare and forecast do it.
#include <filesystem>
#include <functional>

#include "vrsim/scenarios/ensemble.hpp"

namespace vrsim::cli {

// Calls `write` with a progress callback that draws the bar (unless `quiet`)
// and stops at the next finished replicate after Ctrl-C. Returns kOk,
// kInterrupted (nothing was written to `out`) or kRuntimeFailure (the folder
// could not be written), saying why on stderr; other exceptions pass through
// after the bar's line is ended.
int run_with_progress(bool quiet, const std::filesystem::path& out,
                      const std::function<void(const scenarios::ProgressCallback&)>& write);

}  // namespace vrsim::cli
