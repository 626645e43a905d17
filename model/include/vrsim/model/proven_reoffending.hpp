#pragma once
// Proven reoffending measured as the Ministry of Justice does: an offender enters
// the cohort of the quarter of their first index event in it (release from
// custody, non-custodial conviction or caution); they reoffend if they commit an
// offence in the 12 months after the index month that is proven (convicted or
// cautioned) within those 12 months or a further 6-month waiting period.
#include <cstdint>
#include <vector>

namespace vrsim::model {

struct IndexEvent {
    std::uint32_t person = 0;
    int month = 0;  // simulation month of release, conviction or caution
};

struct ProvenOffence {
    std::uint32_t person = 0;
    int offence_month = 0;
    int proven_month = 0;
};

struct ReoffendingCohort {
    int first_month = 0;  // first simulation month of the quarter
    std::uint32_t offenders = 0;
    std::uint32_t reoffenders = 0;
    std::uint32_t reoffences = 0;
};

inline constexpr int kFollowUpMonths = 12;
inline constexpr int kWaitingMonths = 6;

// Cohorts of the quarters starting at first_quarter_month, +3, ... whose follow-up
// and waiting period end by last_month (inclusive). Inputs may be in any order.
std::vector<ReoffendingCohort> measure_proven_reoffending(std::vector<IndexEvent> index_events,
                                                          std::vector<ProvenOffence> proven,
                                                          int first_quarter_month, int last_month);

}  // namespace vrsim::model
