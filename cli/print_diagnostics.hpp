#pragma once
// Scenario problems as the user sees them: one "file:line:column: field: message"
// per line on stderr.
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::cli {

void print_diagnostics(const scenarios::ScenarioError& error);

}  // namespace vrsim::cli
