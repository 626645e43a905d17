#pragma once
// Checks that involve more than one value: shares that must sum to 1, arrays
// that must match the age bands, ages that must increase.
#include <filesystem>
#include <vector>

#include "scenario_decode.hpp"
#include "scenario_document.hpp"
#include "vrsim/model/parameters.hpp"

namespace vrsim::scenarios::detail {

// Checks `parameters` as decoded from `root`, skipping any rule that involves a
// field in `failed` (already reported).
void check_parameter_rules(const model::Parameters& parameters, const MergedNode& root,
                           const std::filesystem::path& named_file, const FieldSet& failed,
                           std::vector<Diagnostic>& diagnostics);

}  // namespace vrsim::scenarios::detail
