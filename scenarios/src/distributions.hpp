#pragma once
// Uncertainty distributions of parameters: reading them from a scenario file
// and drawing from them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "vrsim/model/random.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

// Reads `{ type = "beta", alpha = 45, beta = 55 }`; reports problems under
// `field` (the distribution's dotted path) and returns nullopt when there are any.
std::optional<Distribution> read_distribution(const toml::node& node, const std::string& field,
                                              std::vector<Diagnostic>& diagnostics);

// Stable 64-bit FNV-1a hash of a field path: each parameter's stream depends
// only on its own name, so adding a parameter never shifts another's draws.
std::uint64_t field_hash(std::string_view field);

}  // namespace vrsim::scenarios::detail
