#include "vrsim/scenarios/comparison_folder.hpp"

#include "scenario_files.hpp"

namespace vrsim::scenarios {

namespace {

void check_comparable(const std::vector<Scenario>& scenarios) {
    if (scenarios.size() < 2) {
        throw ComparisonError("a comparison needs a base scenario and at least one alternative");
    }
    const model::SimulationParameters& base = scenarios.front().parameters.simulation;
    for (std::size_t i = 1; i < scenarios.size(); ++i) {
        const Scenario& alternative = scenarios[i];
        const model::SimulationParameters& simulation = alternative.parameters.simulation;
        if (simulation.start_month != base.start_month ||
            simulation.horizon_months != base.horizon_months) {
            throw ComparisonError(
                alternative.file.string() + ": starts " + simulation.start_month.to_string() +
                " for " + std::to_string(simulation.horizon_months) + " months, but the base " +
                scenarios.front().file.string() + " starts " + base.start_month.to_string() +
                " for " + std::to_string(base.horizon_months) +
                " months; compared scenarios must cover the same months");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (scenarios[j].name == alternative.name) {
                throw ComparisonError(alternative.file.string() + " and " +
                                      scenarios[j].file.string() + " are both named \"" +
                                      alternative.name +
                                      "\"; give each compared scenario its own [scenario] name");
            }
        }
    }
}

}  // namespace

ScenarioSeries scenario_series(model::YearMonth start_month, const model::MonthlyOutcomes& outcomes,
                               int months, std::vector<double> programme_spend_gbp) {
    ScenarioSeries series;
    series.start_month = start_month;
    auto column = [&](std::size_t index) {
        std::vector<double> values(static_cast<std::size_t>(months));
        for (int month = 0; month < months; ++month) {
            values[static_cast<std::size_t>(month)] = outcomes.at(month, index);
        }
        return values;
    };
    using model::Outcome;
    for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
        series.committed_offences[type] =
            column(index_of(model::committed_outcome(static_cast<model::OffenceType>(type))));
    }
    series.recorded_violence = column(index_of(Outcome::recorded_violence_against_the_person));
    series.victims = column(index_of(Outcome::victims));
    series.first_time_entrants = column(index_of(Outcome::first_time_entrants_youth));
    const std::vector<double> adult = column(index_of(Outcome::first_time_entrants_adult));
    for (std::size_t month = 0; month < adult.size(); ++month) {
        series.first_time_entrants[month] += adult[month];
    }
    series.custody_population = column(index_of(Outcome::custody_population));
    series.programme_spend_gbp = std::move(programme_spend_gbp);
    return series;
}

std::vector<Comparison> write_comparison_folder(const std::vector<Scenario>& scenarios,
                                                const CompareOptions& options,
                                                const std::filesystem::path& folder,
                                                const std::vector<std::string>& command_line,
                                                const ProgressCallback& progress) {
    check_comparable(scenarios);
    const model::SimulationParameters& simulation = scenarios.front().parameters.simulation;
    int months = simulation.horizon_months;
    if (options.horizon_years) {
        if (*options.horizon_years < 1 || *options.horizon_years * 12 > months) {
            throw ComparisonError("--horizon-years " + std::to_string(*options.horizon_years) +
                                  ": expected 1 to " + std::to_string(months / 12) +
                                  " (the scenarios' horizon is " + std::to_string(months) +
                                  " months)");
        }
        months = *options.horizon_years * 12;
    }
    const UnitCosts costs = load_unit_costs(options.unit_costs);
    const AppraisalPrices prices = appraisal_prices(costs, options.price_year);
    const DiscountSchedule discounting = options.discount_rate
                                             ? DiscountSchedule::flat(*options.discount_rate)
                                             : DiscountSchedule::green_book();

    std::vector<const Scenario*> pointers;
    for (const Scenario& scenario : scenarios) {
        pointers.push_back(&scenario);
    }
    detail::ScenarioFiles files(
        folder, pointers, options.ensemble, command_line,
        {std::string(kComparisonFile), std::string(kComparisonReplicatesFile),
         std::string(kComparisonMarkdownFile)});

    // Replicates arrive in order, so the base's series are kept and each
    // alternative's are paired with them as they come.
    const std::uint32_t replicates = options.ensemble.replicates;
    const std::uint32_t total = replicates * static_cast<std::uint32_t>(scenarios.size());
    std::vector<ScenarioSeries> base_series;
    std::vector<Comparison> comparisons;
    for (std::size_t index = 0; index < scenarios.size(); ++index) {
        const Scenario& scenario = scenarios[index];
        // Draws never change which programmes there are or their spend.
        const std::vector<double> spend = programme_spend_in_base_prices(scenario, prices, months);
        if (index > 0) {
            comparisons.push_back({scenarios.front().name, scenario.name, {}});
        }
        const ReplicateSink pair = [&](std::uint32_t replicate,
                                       const model::MonthlyOutcomes& outcomes) {
            ScenarioSeries series =
                scenario_series(simulation.start_month, outcomes, months, spend);
            if (index == 0) {
                base_series.push_back(std::move(series));
            } else {
                comparisons.back().replicates.push_back(compare_replicate(
                    replicate, base_series[replicate], series, prices, discounting));
            }
        };
        const auto offset = static_cast<std::uint32_t>(index) * replicates;
        files.run(index, pair, [&](std::uint32_t done, std::uint32_t) {
            if (progress) {
                progress(offset + done, total);
            }
        });
    }
    AppraisalNotes notes;
    notes.base_year = options.price_year;
    notes.first_month = simulation.start_month;
    notes.discounting = discounting;
    notes.unit_costs_file = options.unit_costs;
    write_comparison_files(folder, comparisons, notes);
    files.commit();
    return comparisons;
}

}  // namespace vrsim::scenarios
