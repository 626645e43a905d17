// Probabilistic sensitivity analysis of Markov model files: each sample draws
// every uncertain parameter from its own stream, rebuilds the model and runs it.
#include <algorithm>

#include "markov_program.hpp"
#include "vrsim/scenarios/markov_file.hpp"
#include "vrsim/scenarios/summary.hpp"

namespace vrsim::scenarios {

model::MarkovModel draw_markov_model(const MarkovDefinition& definition, std::uint64_t seed,
                                     std::uint32_t sample) {
    const detail::MarkovProgram& program = *definition.program;
    model::MarkovModel model = program.build(program.drawn_values(seed, sample));
    try {
        model::check_markov_model(model);
    } catch (const model::MarkovError& error) {
        throw model::MarkovError("PSA sample " + std::to_string(sample) + ": " + error.what() +
                                 "; the parameters' distributions allow values that make a "
                                 "transition row invalid");
    }
    return model;
}

MarkovPsa run_markov_psa(const MarkovDefinition& definition, std::uint64_t seed,
                         std::uint32_t samples) {
    MarkovPsa psa;
    psa.discounted.resize(samples);
    psa.undiscounted.resize(samples);
    for (std::uint32_t sample = 0; sample < samples; ++sample) {
        const model::MarkovModel model = draw_markov_model(definition, seed, sample);
        for (std::size_t s = 0; s < model.strategies.size(); ++s) {
            model::MarkovStrategyResult result = model::run_markov_strategy(model, s);
            psa.discounted[sample].push_back(std::move(result.discounted_total));
            psa.undiscounted[sample].push_back(std::move(result.undiscounted_total));
        }
    }
    return psa;
}

std::vector<MarkovPsaSummaryRow> summarise_markov_psa(const MarkovPsa& psa) {
    std::vector<MarkovPsaSummaryRow> rows;
    if (psa.discounted.empty()) {
        return rows;
    }
    const std::size_t strategies = psa.discounted[0].size();
    const auto rewards = strategies == 0 ? Eigen::Index{0} : psa.discounted[0][0].size();
    std::vector<double> values(psa.discounted.size());
    for (std::size_t s = 0; s < strategies; ++s) {
        for (Eigen::Index r = 0; r < rewards; ++r) {
            for (bool discounted : {true, false}) {
                const auto& totals = discounted ? psa.discounted : psa.undiscounted;
                double sum = 0.0;
                for (std::size_t k = 0; k < totals.size(); ++k) {
                    values[k] = totals[k][s](r);
                    sum += values[k];
                }
                std::sort(values.begin(), values.end());
                MarkovPsaSummaryRow row;
                row.strategy = s;
                row.reward = static_cast<std::size_t>(r);
                row.discounted = discounted;
                row.mean = sum / static_cast<double>(values.size());
                const double probabilities[] = {0.05, 0.50, 0.95};
                for (std::size_t q = 0; q < 3; ++q) {
                    row.quantiles[q] = quantile_type7(values, probabilities[q]);
                }
                rows.push_back(row);
            }
        }
    }
    return rows;
}

}  // namespace vrsim::scenarios
