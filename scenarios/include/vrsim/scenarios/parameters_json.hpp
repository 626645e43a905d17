#pragma once
// Model parameters and their uncertainty as JSON, for the manifest: what a run
// actually used, field by field, named as in the scenario files.
#include <nlohmann/json.hpp>

#include "vrsim/model/parameters.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// Every field of model::Parameters. Per-offence-type values become objects keyed
// by offence type name; months are "YYYY-MM".
nlohmann::json to_json(const model::Parameters& parameters);

// {"kind": "beta", "alpha": ..., "beta": ...}: a and b under the names the kind gives them.
nlohmann::json to_json(const Distribution& distribution);

// {"field", "distribution", "lower", "upper"}.
nlohmann::json to_json(const UncertainParameter& parameter);

}  // namespace vrsim::scenarios
