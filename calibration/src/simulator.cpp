#include "vrsim/calibration/simulator.hpp"

#include <memory>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include "vrsim/model/abm.hpp"
#include "vrsim/model/cohort.hpp"

namespace vrsim::calibration {

Simulator abm_simulator() {
    auto engines = std::make_shared<tbb::enumerable_thread_specific<model::AbmEngine>>();
    return [engines](const model::Parameters& parameters, std::uint64_t seed) {
        model::MonthlyOutcomes outcomes(parameters.simulation.horizon_months,
                                        model::OutcomeLayout(parameters).size());
        // Isolated so that, if the engine runs parallel loops, this thread cannot
        // take up another particle while waiting and reuse its own engine.
        tbb::this_task_arena::isolate([&] {
            engines->local().run(parameters, {seed, 0}, outcomes);
        });
        return outcomes;
    };
}

Simulator cohort_simulator() {
    return [](const model::Parameters& parameters, std::uint64_t) {
        model::MonthlyOutcomes outcomes;
        model::CohortEngine().run(parameters, outcomes);
        return outcomes;
    };
}

}  // namespace vrsim::calibration
