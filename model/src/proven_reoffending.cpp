#include "vrsim/model/proven_reoffending.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace vrsim::model {

namespace {

int quarter_of(int month, int first_quarter_month) {
    int offset = month - first_quarter_month;
    return offset >= 0 ? offset / 3 : (offset - 2) / 3;
}

// A stable least-significant-digit radix sort by (person, month): 11-bit digits
// of the month (less the lowest) first, then of the person, with only as many
// passes as the largest values need (3 for a Croydon run: 240 months, under 4
// million people).
template <class Event>
void radix_sort_by_person_and_month(std::vector<Event>& events, int Event::*month_of) {
    if (events.size() < 2) {
        return;
    }
    int lowest_month = events.front().*month_of;
    int highest_month = lowest_month;
    std::uint32_t highest_person = 0;
    for (const Event& event : events) {
        lowest_month = std::min(lowest_month, event.*month_of);
        highest_month = std::max(highest_month, event.*month_of);
        highest_person = std::max(highest_person, event.person);
    }
    constexpr unsigned kDigitBits = 11;
    constexpr std::uint64_t kDigitMask = (std::uint64_t{1} << kDigitBits) - 1;
    std::vector<Event> sorted(events.size());
    std::vector<std::size_t> starts(kDigitMask + 1);
    auto pass = [&](auto digit_of) {
        std::fill(starts.begin(), starts.end(), 0);
        for (const Event& event : events) {
            ++starts[digit_of(event)];
        }
        std::size_t start = 0;
        for (std::size_t& count : starts) {
            const std::size_t events_with_digit = count;
            count = start;
            start += events_with_digit;
        }
        for (const Event& event : events) {
            sorted[starts[digit_of(event)]++] = event;
        }
        events.swap(sorted);
    };
    const auto month_span = static_cast<std::uint64_t>(static_cast<std::int64_t>(highest_month) -
                                                       static_cast<std::int64_t>(lowest_month));
    for (unsigned shift = 0; shift == 0 || (month_span >> shift) != 0; shift += kDigitBits) {
        pass([&](const Event& event) {
            const auto month =
                static_cast<std::uint64_t>(static_cast<std::int64_t>(event.*month_of) -
                                           static_cast<std::int64_t>(lowest_month));
            return static_cast<std::size_t>((month >> shift) & kDigitMask);
        });
    }
    for (unsigned shift = 0; shift == 0 || (std::uint64_t{highest_person} >> shift) != 0;
         shift += kDigitBits) {
        pass([&](const Event& event) {
            return static_cast<std::size_t>((std::uint64_t{event.person} >> shift) & kDigitMask);
        });
    }
}

}  // namespace

void sort_by_person_and_month(std::vector<IndexEvent>& events) {
    radix_sort_by_person_and_month(events, &IndexEvent::month);
}

void sort_by_person_and_month(std::vector<ProvenOffence>& offences) {
    radix_sort_by_person_and_month(offences, &ProvenOffence::offence_month);
}

std::vector<ReoffendingCohort> measure_proven_reoffending(std::vector<IndexEvent> index_events,
                                                          std::vector<ProvenOffence> proven,
                                                          int first_quarter_month, int last_month) {
    std::vector<ReoffendingCohort> cohorts;
    for (int start = first_quarter_month;
         start + 2 + kFollowUpMonths + kWaitingMonths <= last_month; start += 3) {
        cohorts.push_back({start, 0, 0, 0});
    }
    if (cohorts.empty()) {
        return cohorts;
    }
    sort_by_person_and_month(index_events);
    sort_by_person_and_month(proven);

    int previous_quarter = -1;
    std::uint32_t previous_person = 0;
    bool first = true;
    for (const IndexEvent& event : index_events) {
        int quarter = quarter_of(event.month, first_quarter_month);
        if (quarter < 0 || quarter >= static_cast<int>(cohorts.size())) {
            continue;
        }
        // Only the first index event of a person in a quarter counts.
        if (!first && event.person == previous_person && quarter == previous_quarter) {
            continue;
        }
        first = false;
        previous_person = event.person;
        previous_quarter = quarter;

        ReoffendingCohort& cohort = cohorts[static_cast<std::size_t>(quarter)];
        ++cohort.offenders;
        auto it = std::lower_bound(
            proven.begin(), proven.end(), ProvenOffence{event.person, event.month + 1, 0},
            [](const auto& a, const auto& b) {
                return std::tie(a.person, a.offence_month) < std::tie(b.person, b.offence_month);
            });
        std::uint32_t reoffences = 0;
        for (; it != proven.end() && it->person == event.person &&
               it->offence_month <= event.month + kFollowUpMonths;
             ++it) {
            if (it->proven_month <= event.month + kFollowUpMonths + kWaitingMonths) {
                ++reoffences;
            }
        }
        cohort.reoffences += reoffences;
        cohort.reoffenders += reoffences > 0 ? 1U : 0U;
    }
    return cohorts;
}

ReoffendingColumns iom_cohort_columns(const OutcomeLayout& layout, std::size_t programme) {
    return {layout.programme_column(programme, ProgrammeMeasure::cohort_reoffending_cohort),
            layout.programme_column(programme, ProgrammeMeasure::cohort_reoffenders),
            layout.programme_column(programme, ProgrammeMeasure::cohort_reoffending_rate)};
}

std::vector<QuarterMeasure> quarter_measures(const std::vector<ReoffendingCohort>& cohorts) {
    std::vector<QuarterMeasure> measures;
    measures.reserve(cohorts.size());
    for (const ReoffendingCohort& cohort : cohorts) {
        measures.push_back({cohort.first_month, static_cast<double>(cohort.offenders),
                            static_cast<double>(cohort.reoffenders)});
    }
    return measures;
}

void write_reoffending_measure(MonthlyOutcomes& out, ReoffendingColumns columns, int warmup_months,
                               const std::vector<QuarterMeasure>& quarters) {
    for (int month = 0; month < out.months(); ++month) {
        out.at(month, columns.cohort) = std::nan("");
        out.at(month, columns.reoffenders) = std::nan("");
        out.at(month, columns.rate) = std::nan("");
    }
    for (const QuarterMeasure& quarter : quarters) {
        if (quarter.first_month < warmup_months) {
            continue;
        }
        const int month = quarter.first_month + 2 - warmup_months;
        out.at(month, columns.cohort) = quarter.offenders;
        out.at(month, columns.reoffenders) = quarter.reoffenders;
        if (quarter.offenders > 0.0) {
            out.at(month, columns.rate) = quarter.reoffenders / quarter.offenders;
        }
    }
}

}  // namespace vrsim::model
