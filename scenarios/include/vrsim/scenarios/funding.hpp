#pragma once
// Places follow money: a programme's budgets by financial year, over its cost
// per place, give the places it can fill each month, climbing over the ramp-up
// months after money arrives and shrinking over the wind-down months before it
// stops. Spend is the year's budget spread evenly over its twelve months.
#include <vector>

#include "vrsim/model/calendar.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

struct FundingSchedule {
    std::vector<double> places;     // per month from start_month
    std::vector<double> spend_gbp;  // per month from start_month
};

// An entry's budget a year: its budget, or its places at the cost per place.
double entry_budget_gbp(const ProgrammeFunding& funding, const FundingEntry& entry);

// Whether the entry funds the financial year.
bool entry_covers(const FundingEntry& entry, int financial_year);

// Budget of each funding entry covering the financial year, summed.
double budget_gbp_for_year(const ProgrammeFunding& funding, int financial_year);

// The schedule for `months` months from `start_month`. Funding of the first
// month is taken to have run before it (no ramp-up at the start).
FundingSchedule schedule_funding(const ProgrammeFunding& funding, model::YearMonth start_month,
                                 int months);

}  // namespace vrsim::scenarios
