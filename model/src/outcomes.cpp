#include "vrsim/model/outcomes.hpp"

#include <cmath>

namespace vrsim::model {

MonthlyOutcomes::MonthlyOutcomes(int months) {
    reset(months);
}

void MonthlyOutcomes::reset(int months) {
    months_ = months;
    values_.assign(static_cast<std::size_t>(months) * kOutcomeCount, 0.0);
}

}  // namespace vrsim::model
