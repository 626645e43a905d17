#pragma once
// Turning the merged scenario document into model::Parameters, field by field
// as the schema lists them, reporting every unknown key, wrong type and value
// out of range.
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "scenario_document.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

using FieldSet = std::set<std::string, std::less<>>;

// Fills scenario.parameters, .uncertain and .sources from `root`. `named_file`
// is where problems with no place in a file (a field never set) are reported.
// Returns the schema paths of the fields that are missing or invalid.
FieldSet decode_parameters(const MergedNode& root, const std::filesystem::path& named_file,
                           Scenario& scenario, std::vector<Diagnostic>& diagnostics);

// The value written at `path`, looking through `{ value = ..., source = ... }`;
// null when not written.
const toml::node* written_value(const MergedNode& root, std::string_view path);

}  // namespace vrsim::scenarios::detail
