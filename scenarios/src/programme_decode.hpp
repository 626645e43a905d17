#pragma once
// Decoding the [programmes.<id>] sections of a scenario (see programme_decode.cpp).
#include <filesystem>
#include <vector>

#include "scenario_document.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// Appends each programme to scenario.parameters.programmes and its funding to
// scenario.funding; every problem goes to `diagnostics`.
void decode_programmes(const MergedNode& root, const std::filesystem::path& named_file,
                       Scenario& scenario, std::vector<Diagnostic>& diagnostics);

// Fills each programme's places and spend per month from its funding.
void schedule_programmes(Scenario& scenario);

}  // namespace vrsim::scenarios::detail
