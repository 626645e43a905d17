#pragma once
// Words for charts: what an outcome is and its unit, which programmes a run
// reports, and the unit money is shown in.
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::plots {

struct OutcomeDescription {
    std::string title;  // "Recorded violence with injury"
    std::string unit;   // "offences per month": the y axis label
};

// The outcomes of model/outcomes.hpp, committed_<type> and programme.<id>.<measure>
// in words; any other name with underscores as spaces, its unit from its suffix
// (_gbp: GBP per month, _rate: proportion, otherwise count per month).
OutcomeDescription describe_outcome(std::string_view outcome);

// The programme ids of outcomes named programme.<id>.caseload or
// programme.<id>.waiting_list, in order of first appearance.
std::vector<std::string> programme_ids(const std::vector<std::string>& outcomes);

// Money shown in GBP, GBP thousand or GBP million, whichever keeps the largest
// magnitude between 1 and 1000 (at least GBP).
struct MoneyScale {
    double divisor = 1.0;
    std::string unit;  // "GBP", "GBP thousand", "GBP million"
};
MoneyScale money_scale(double largest_magnitude);

}  // namespace vrsim::plots
