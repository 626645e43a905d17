#include "vrsim/model/outcomes.hpp"

#include <cmath>

#include "vrsim/model/parameters.hpp"

namespace vrsim::model {

MonthlyOutcomes::MonthlyOutcomes(int months, std::size_t columns) {
    reset(months, columns);
}

void MonthlyOutcomes::reset(int months, std::size_t columns) {
    months_ = months;
    columns_ = columns;
    values_.assign(static_cast<std::size_t>(months) * columns, 0.0);
}

OutcomeLayout::OutcomeLayout(const Parameters& parameters) {
    for (std::string_view name : kOutcomeNames) {
        names_.emplace_back(name);
    }
    for (const ProgrammeParameters& programme : parameters.programmes) {
        programme_first_column_.push_back(names_.size());
        std::array<std::size_t, kProgrammeMeasureCount> columns{};
        const std::string prefix = "programme." + programme.id + ".";
        for (std::size_t measure = 0; measure < kProgrammeMeasureCount; ++measure) {
            if (reports_measure(programme.kind, static_cast<ProgrammeMeasure>(measure))) {
                columns[measure] = names_.size();
                names_.push_back(prefix + std::string(kProgrammeMeasureNames[measure]));
            } else {
                columns[measure] = kNotReported;
            }
        }
        measure_columns_.push_back(columns);
        for (const ReferralSource& source : programme.referral_sources) {
            names_.push_back(prefix + "referrals_" + source.name);
        }
    }
}

std::string_view OutcomeLayout::name(std::size_t column) const {
    return names_.empty() ? kOutcomeNames[column] : std::string_view(names_[column]);
}

std::size_t OutcomeLayout::programme_column(std::size_t programme, ProgrammeMeasure measure) const {
    return measure_columns_[programme][static_cast<std::size_t>(measure)];
}

std::size_t OutcomeLayout::referral_column(std::size_t programme, std::size_t source) const {
    std::size_t reported = 0;
    for (std::size_t column : measure_columns_[programme]) {
        reported += column != kNotReported ? 1 : 0;
    }
    return programme_first_column_[programme] + reported + source;
}

bool reports_measure(ProgrammeKind kind, ProgrammeMeasure measure) {
    using M = ProgrammeMeasure;
    switch (measure) {
        case M::cohort_reoffending_cohort:
        case M::cohort_reoffenders:
        case M::cohort_reoffending_rate:
            return kind == ProgrammeKind::iom;
        case M::diversions:
        case M::first_time_entrants_avoided:
            return kind == ProgrammeKind::youth_triage;
        case M::discussed_at_panel:
        case M::adopted:
        case M::exits_no_further_concern:
        case M::exits_to_other_services:
            return kind == ProgrammeKind::channel;
        case M::repeat_referrals:
            return kind == ProgrammeKind::domestic_abuse_victims;
        case M::entrants_reached:
            return kind == ProgrammeKind::prevention;
        default:
            return true;
    }
}

}  // namespace vrsim::model
