#pragma once
// Runs the replicates of a scenario in parallel and hands their outcomes to sinks
// one at a time, in replicate order, on one thread: whatever reads them (files,
// summaries) sees the same sequence for any thread count.
#include <cstdint>
#include <functional>
#include <vector>

#include "vrsim/model/engine.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/parameters.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// Sets some of replicate `replicate`'s parameters after the scenario's own draws
// (calibration/ fills it with a posterior particle). Called from several threads
// at once; must depend only on its arguments, so results keep their independence
// of the thread count.
using ParameterSource =
    std::function<void(model::Parameters& parameters, std::uint64_t seed, std::uint32_t replicate)>;

struct EnsembleOptions {
    std::uint32_t replicates = 100;
    std::uint64_t seed = 20190401;
    int threads = 0;            // 0: all cores. Changes speed only, never results.
    bool summary_only = false;  // keep summaries only (bounded memory), no per-replicate series
    // The cohort engine is deterministic: its replicates differ only by their
    // parameter draws.
    model::EngineKind engine = model::EngineKind::abm;
    ParameterSource parameter_source;  // empty: the scenario's draws only
};

// Replicates worth running: with the cohort engine and no parameter drawn, every
// replicate would be the same, so one.
std::uint32_t effective_replicates(const EnsembleOptions& options,
                                   const std::vector<const Scenario*>& scenarios);

// Receives replicate `replicate` (0-based, the replicate of its random streams).
using ReplicateSink = std::function<void(std::uint32_t replicate, const model::MonthlyOutcomes&)>;
// Called after each replicate has reached every sink.
using ProgressCallback = std::function<void(std::uint32_t done, std::uint32_t total)>;

// Threads `threads` stands for: itself, or all cores when 0.
int resolve_threads(int threads);

// Runs options.replicates replicates of `scenario` with options.engine: replicate
// r uses draw_parameters(scenario, seed, r), then options.parameter_source when
// set, and the random streams of (seed, r).
// At most 2 x threads replicates are in memory at once. For the duration of the
// call TBB's process-wide parallelism is limited to the resolved thread count. An exception thrown
// by the engine, a sink or `progress` stops the run and propagates.
void run_ensemble(const Scenario& scenario, const EnsembleOptions& options,
                  const std::vector<ReplicateSink>& sinks, const ProgressCallback& progress = {});

}  // namespace vrsim::scenarios
