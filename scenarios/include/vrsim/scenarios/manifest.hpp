#pragma once
// manifest.json: what produced a run folder, enough to reproduce it. It records
// no thread count and no time, so the same inputs give the same manifest.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// program, version, command_line, engine, seed, replicates, summary_only,
// start_month, horizon_months, outcomes (of every scenario), output files (with
// `extra_files`), how summaries were made,
// and per scenario its name, files with SHA-256, parameters as written and the
// uncertain parameters with their distributions. Throws std::runtime_error when a
// scenario file cannot be read to hash it.
nlohmann::json make_manifest(const std::vector<std::string>& command_line,
                             const std::vector<const Scenario*>& scenarios,
                             const EnsembleOptions& options,
                             const std::vector<std::string>& extra_files = {});

}  // namespace vrsim::scenarios
