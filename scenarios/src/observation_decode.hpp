#pragma once
// Decoding [calibration.observation]: the observation model of a calibration.
#include <optional>
#include <vector>

#include <toml++/toml.h>

#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// Reads the `calibration.observation` table; appends every problem to
// `diagnostics` (as file:line:column: calibration.observation.<key>: message) and
// returns nullopt when there are any.
std::optional<ObservationSettings> decode_observation(const toml::node& node,
                                                      std::vector<Diagnostic>& diagnostics);

}  // namespace vrsim::scenarios::detail
