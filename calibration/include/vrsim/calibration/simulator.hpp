#pragma once
// What calibration runs behind its distance function: the model at given
// parameters with all randomness from one seed. An engine is a Simulator, so a
// faster one (the cohort engine) plugs in without touching the calibration.
#include <cstdint>
#include <functional>

#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/parameters.hpp"

namespace vrsim::calibration {

// Simulates one replicate at `parameters` with the random streams of `seed`
// (replicate 0). Called from several threads at once.
using Simulator =
    std::function<model::MonthlyOutcomes(const model::Parameters& parameters, std::uint64_t seed)>;

// The agent-based engine (model::AbmEngine), one engine per thread, kept between
// calls so buffers are allocated once per thread.
Simulator abm_simulator();

// The cohort engine (model::CohortEngine): deterministic, so the seed is unused.
Simulator cohort_simulator();

}  // namespace vrsim::calibration
