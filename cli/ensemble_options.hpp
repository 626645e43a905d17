#pragma once
// The options every command that runs an ensemble takes: --replicates, --seed,
// --threads, --engine.
#include <CLI/CLI.hpp>

#include "vrsim/scenarios/ensemble.hpp"

namespace vrsim::cli {

void add_ensemble_options(CLI::App& command, scenarios::EnsembleOptions& options);

}  // namespace vrsim::cli
