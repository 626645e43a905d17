#pragma once
// Runs replicates of the agent-based engine and averages their outcomes.
#include <cmath>
#include <vector>

#include "vrsim/model/abm.hpp"

namespace vrsim::test {

struct ReplicateMeans {
    int replicates = 0;
    model::MonthlyOutcomes mean;  // mean over replicates, month by month
    std::vector<double> totals;   // per replicate: sum of `total_of` over the months

    double mean_total() const {
        double sum = 0.0;
        for (double total : totals)
            sum += total;
        return sum / static_cast<double>(totals.size());
    }
};

inline ReplicateMeans run_replicates(const model::Parameters& parameters, int replicates,
                                     model::Outcome total_of, std::uint64_t seed = 11) {
    ReplicateMeans result;
    result.replicates = replicates;
    result.mean.reset(parameters.simulation.horizon_months);
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    for (int r = 0; r < replicates; ++r) {
        engine.run(parameters, {seed, static_cast<std::uint32_t>(r)}, out);
        double total = 0.0;
        for (int month = 0; month < out.months(); ++month) {
            for (std::size_t k = 0; k < model::kOutcomeCount; ++k) {
                auto outcome = static_cast<model::Outcome>(k);
                double value = out.at(month, outcome);
                result.mean.at(month, outcome) += std::isnan(value) ? 0.0 : value / replicates;
            }
            total += out.at(month, total_of);
        }
        result.totals.push_back(total);
    }
    return result;
}

// Equal value for value, NaN (not defined) matching NaN.
inline bool same_values(const model::MonthlyOutcomes& a, const model::MonthlyOutcomes& b) {
    if (a.values().size() != b.values().size())
        return false;
    for (std::size_t i = 0; i < a.values().size(); ++i) {
        double x = a.values()[i];
        double y = b.values()[i];
        if (!(x == y || (std::isnan(x) && std::isnan(y))))
            return false;
    }
    return true;
}

}  // namespace vrsim::test
