#pragma once
// Which engine simulates a scenario: the agent-based engine (individuals,
// stochastic replicates) or the cohort engine (expected flows, deterministic).
#include <optional>
#include <string_view>

namespace vrsim::model {

enum class EngineKind : unsigned char { abm, cohort };

constexpr std::string_view to_string(EngineKind engine) {
    return engine == EngineKind::abm ? "abm" : "cohort";
}

constexpr std::optional<EngineKind> engine_from_string(std::string_view name) {
    if (name == "abm") {
        return EngineKind::abm;
    }
    if (name == "cohort") {
        return EngineKind::cohort;
    }
    return std::nullopt;
}

}  // namespace vrsim::model
