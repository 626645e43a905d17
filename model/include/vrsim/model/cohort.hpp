#pragma once
// The cohort engine: the violence model as expected flows between compartments,
// x[t+1] = P(t) x[t] + inflow(t), from the same Parameters as the agent-based
// engine. Compartments are age (single years to 49, then 5-year bands) x sex x
// future gang membership x risk tier (an interval of propensity x risk-factor
// multipliers) x in a gang or not (former members join the non-joiners) x
// career state (no offence yet, active, desisted; record; free, custody,
// licence, recall); each carries its proven record and its cases waiting for
// court. P(t) is block-sparse, so it is applied compartment by compartment
// rather than stored. Deterministic: one run is one "replicate".
//
// What it does not carry, and the agent-based engine does: heterogeneity of
// propensity within a tier, contagion, victims as people (victims and repeat
// victims are not reported), the exact 12-month IOM score, and programme
// effects on the careers of individual participants (effects act on the
// participants' offending in aggregate). README "Two engines" gives the figures.
#include <string_view>
#include <vector>

#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/parameters.hpp"

namespace vrsim::model {

struct CohortOptions {
    // Risk tiers of propensity x risk factors (log-spaced intervals). Assumption:
    // 12 keep the chance of a first offence, 1 - E[exp(-c x rate)], within 2%
    // of the integral for the default heavy tail (tests/model/test_cohort.cpp).
    int risk_tiers = 12;  // 1 to 16 (std::invalid_argument otherwise)
};

// The risk types the cohort engine gives the starting population: sex x future
// gang membership x risk tier, each with its share of residents and its mean
// offending rate multiplier (propensity x risk factors x sex). Shares sum to 1
// and the mean multiplier is the population's (tiers split, never reshape).
struct CohortRiskType {
    bool female = false;
    bool gang_joiner = false;
    double share = 0.0;
    double rate_multiplier = 0.0;
};
std::vector<CohortRiskType> cohort_risk_types(const Parameters& parameters,
                                              const CohortOptions& options = {});

// Whether the cohort engine reads any parameter of a section of Parameters
// (`contagion`, `justice`, ...): it carries no contagion, so a calibration with
// it cannot learn the contagion parameters.
constexpr bool cohort_engine_reads(std::string_view section) {
    return section != "contagion";
}

class CohortEngine {
  public:
    explicit CohortEngine(CohortOptions options = {});
    // Runs warm-up and horizon; fills `out` with horizon_months rows (the same
    // columns as the agent-based engine; outcomes it does not model are NaN).
    void run(const Parameters& parameters, MonthlyOutcomes& out) const;

  private:
    CohortOptions options_;
};

}  // namespace vrsim::model
