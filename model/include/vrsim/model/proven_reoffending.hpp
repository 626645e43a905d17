#pragma once
// Proven reoffending measured as the Ministry of Justice does: an offender enters
// the cohort of the quarter of their first index event in it (release from
// custody, non-custodial conviction or caution); they reoffend if they commit an
// offence in the 12 months after the index month that is proven (convicted or
// cautioned) within those 12 months or a further 6-month waiting period.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "vrsim/model/outcomes.hpp"

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

// Sorts by person, then month (the offence month of a proven offence), the order
// measure_proven_reoffending reads them in; events of one person in one month
// keep their order. A stable radix sort: a few passes over the events, where
// std::sort's comparisons were 1.5% of an agent-based replicate.
void sort_by_person_and_month(std::vector<IndexEvent>& events);
void sort_by_person_and_month(std::vector<ProvenOffence>& offences);

// A quarter's cohort as either engine measures it (counted or expected).
struct QuarterMeasure {
    int first_month = 0;  // simulation month
    double offenders = 0.0;
    double reoffenders = 0.0;
};

// Where a reoffending measure is reported: the cohort, its reoffenders, the rate.
struct ReoffendingColumns {
    std::size_t cohort = 0;
    std::size_t reoffenders = 0;
    std::size_t rate = 0;
};

// The MoJ measure's outcomes, and an IOM programme's cohort measure.
inline constexpr ReoffendingColumns kProvenReoffendingColumns{
    index_of(Outcome::proven_reoffending_cohort), index_of(Outcome::proven_reoffenders),
    index_of(Outcome::proven_reoffending_rate)};
ReoffendingColumns iom_cohort_columns(const OutcomeLayout& layout, std::size_t programme);

// The counted cohorts as measures.
std::vector<QuarterMeasure> quarter_measures(const std::vector<ReoffendingCohort>& cohorts);

// Writes the measure into the reported months (simulation month less the
// warm-up): each quarter that starts after the warm-up in its last month; the
// months that close no measured cohort have no value (NaN), and a quarter
// nobody entered has a cohort of 0 and no rate.
void write_reoffending_measure(MonthlyOutcomes& out, ReoffendingColumns columns, int warmup_months,
                               const std::vector<QuarterMeasure>& quarters);

}  // namespace vrsim::model
