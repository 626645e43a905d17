#pragma once
// A run folder: runs a scenario's ensemble and writes manifest.json, summary.csv
// and (unless summary_only) timeseries.csv into it.
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// Creates `folder` if needed and opens every file before the first replicate
// runs, so an unwritable folder fails at once. Files appear under their real
// names only after every replicate has run; manifest.json is renamed last. In
// summary-only mode a timeseries.csv left by an earlier run is removed, so the
// folder never mixes runs. Throws OutputError (naming the path and the reason) or
// whatever the engine or `progress` throws; on any exception no new file is left.
// `extra`, when set, also receives every replicate (e.g. to score a forecast).
void write_run_folder(const Scenario& scenario, const EnsembleOptions& options,
                      const std::filesystem::path& folder,
                      const std::vector<std::string>& command_line,
                      const ProgressCallback& progress = {}, const ReplicateSink& extra = {});

}  // namespace vrsim::scenarios
