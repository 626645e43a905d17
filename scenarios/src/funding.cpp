#include "vrsim/scenarios/funding.hpp"

#include <algorithm>

namespace vrsim::scenarios {

double entry_budget_gbp(const ProgrammeFunding& funding, const FundingEntry& entry) {
    return entry.places_given ? entry.places * funding.cost_per_place_per_year_gbp
                              : entry.budget_gbp_per_year;
}

bool entry_covers(const FundingEntry& entry, int financial_year) {
    return entry.from_financial_year <= financial_year &&
           financial_year <= entry.until_financial_year;
}

double budget_gbp_for_year(const ProgrammeFunding& funding, int financial_year) {
    double budget = 0.0;
    for (const FundingEntry& entry : funding.entries) {
        if (entry_covers(entry, financial_year)) {
            budget += entry_budget_gbp(funding, entry);
        }
    }
    return budget;
}

FundingSchedule schedule_funding(const ProgrammeFunding& funding, model::YearMonth start_month,
                                 int months) {
    FundingSchedule schedule;
    std::vector<double> target(static_cast<std::size_t>(months));
    for (int month = 0; month < months; ++month) {
        const double budget =
            budget_gbp_for_year(funding, start_month.plus_months(month).financial_year());
        target[static_cast<std::size_t>(month)] = budget / funding.cost_per_place_per_year_gbp;
        schedule.spend_gbp.push_back(budget / 12.0);
    }
    schedule.places = target;
    // Each change of level bounds the places around it: a rise from `before` to
    // `after` in month c is reached k+1 ramp-up steps later; a fall is prepared
    // by shrinking over the wind-down months up to c.
    for (int change = 1; change < months; ++change) {
        const double before = target[static_cast<std::size_t>(change - 1)];
        const double after = target[static_cast<std::size_t>(change)];
        if (after > before) {
            const int ramp = funding.ramp_up_months;
            for (int k = 0; k < ramp && change + k < months; ++k) {
                double& places = schedule.places[static_cast<std::size_t>(change + k)];
                places = std::min(places, before + (after - before) * (k + 1) / (ramp + 1));
            }
        } else if (after < before) {
            const int wind = funding.wind_down_months;
            for (int k = 1; k <= wind && change - k >= 0; ++k) {
                double& places = schedule.places[static_cast<std::size_t>(change - k)];
                places = std::min(places, after + (before - after) * k / (wind + 1));
            }
        }
    }
    return schedule;
}

}  // namespace vrsim::scenarios
