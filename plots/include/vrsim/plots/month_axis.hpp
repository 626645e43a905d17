#pragma once
// The time axis: calendar months, labelled YYYY-MM.
#include <string>
#include <vector>

#include "vrsim/model/calendar.hpp"

namespace vrsim::plots {

struct MonthTick {
    model::YearMonth month;
    std::string label;  // YYYY-MM
};

// Ticks on [first, last] every 1, 2, 3, 6, 12, 24, 36, 60, 120 or 240 months:
// the shortest step that gives at most `max_ticks` ticks. Ticks fall on the
// months a whole number of steps from `anchor` (the run's first month), so a
// run starting in April gets ticks at each April (UK financial years), before
// and after it.
std::vector<MonthTick> month_ticks(model::YearMonth first, model::YearMonth last,
                                   model::YearMonth anchor, int max_ticks = 7);

}  // namespace vrsim::plots
