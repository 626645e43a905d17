#include "vrsim/scenarios/ensemble.hpp"

#include <atomic>
#include <exception>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "vrsim/model/abm.hpp"
#include "vrsim/model/cohort.hpp"

namespace vrsim::scenarios {

namespace {

struct FinishedReplicate {
    std::uint32_t replicate = 0;
    model::MonthlyOutcomes outcomes;
    std::exception_ptr failure;  // set when the engine or the parameter draw threw
};

}  // namespace

std::uint32_t effective_replicates(const EnsembleOptions& options,
                                   const std::vector<const Scenario*>& scenarios) {
    if (options.engine != model::EngineKind::cohort || options.parameter_source) {
        return options.replicates;  // stochastic, or a posterior particle per replicate
    }
    for (const Scenario* scenario : scenarios) {
        if (!scenario->uncertain.empty()) {
            return options.replicates;
        }
    }
    return 1;
}

int resolve_threads(int threads) {
    return threads > 0 ? threads : tbb::info::default_concurrency();
}

void run_ensemble(const Scenario& scenario, const EnsembleOptions& options,
                  const std::vector<ReplicateSink>& sinks, const ProgressCallback& progress) {
    const int threads = resolve_threads(options.threads);
    const tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                          static_cast<std::size_t>(threads));
    // One engine per thread, reused across replicates so buffers are allocated once.
    tbb::enumerable_thread_specific<model::AbmEngine> engines;
    const int months = scenario.parameters.simulation.horizon_months;
    std::uint32_t next = 0;
    std::uint32_t done = 0;
    // An exception stops issuing replicates but lets those in flight drain, so the
    // pipeline destroys every item it made (a cancelled TBB pipeline leaks them);
    // the first exception is rethrown once the pipeline has stopped.
    std::exception_ptr failure;
    std::atomic<bool> failed{false};

    auto issue = [&](tbb::flow_control& control) -> std::uint32_t {
        if (next == options.replicates || failed.load()) {
            control.stop();
            return 0;
        }
        return next++;
    };
    auto simulate = [&](std::uint32_t replicate) {
        FinishedReplicate finished{replicate, model::MonthlyOutcomes(months), nullptr};
        if (failed.load()) {
            return finished;
        }
        try {
            model::Parameters parameters = draw_parameters(scenario, options.seed, replicate);
            if (options.parameter_source) {
                options.parameter_source(parameters, options.seed, replicate);
            }
            // Isolated so that, if the engine runs parallel loops, this thread cannot
            // pick up another replicate while waiting and reuse its own engine.
            if (options.engine == model::EngineKind::cohort) {
                model::CohortEngine().run(parameters, finished.outcomes);
            } else {
                tbb::this_task_arena::isolate([&] {
                    engines.local().run(parameters, {options.seed, replicate}, finished.outcomes);
                });
            }
        } catch (...) {
            finished.failure = std::current_exception();
        }
        return finished;
    };
    auto deliver = [&](const FinishedReplicate& finished) {
        if (failure) {
            return;
        }
        try {
            if (finished.failure) {
                std::rethrow_exception(finished.failure);
            }
            for (const ReplicateSink& sink : sinks) {
                sink(finished.replicate, finished.outcomes);
            }
            ++done;
            if (progress) {
                progress(done, options.replicates);
            }
        } catch (...) {
            failure = std::current_exception();
            failed.store(true);
        }
    };

    tbb::parallel_pipeline(
        2 * static_cast<std::size_t>(threads),
        tbb::make_filter<void, std::uint32_t>(tbb::filter_mode::serial_in_order, issue) &
            tbb::make_filter<std::uint32_t, FinishedReplicate>(tbb::filter_mode::parallel,
                                                               simulate) &
            tbb::make_filter<FinishedReplicate, void>(tbb::filter_mode::serial_in_order, deliver));
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace vrsim::scenarios
