#pragma once
// Decoding a scenario's [calibration] section (see calibration_settings.hpp).
#include <filesystem>
#include <vector>

#include "scenario_document.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// Fills scenario.calibration from the merged `calibration` table, when there is
// one. Needs scenario.parameters and scenario.uncertain decoded (outcome names
// depend on the programmes; fitted parameters must be uncertain ones). Appends
// every problem to `diagnostics`.
void decode_calibration(const MergedNode& root, Scenario& scenario,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace vrsim::scenarios::detail
