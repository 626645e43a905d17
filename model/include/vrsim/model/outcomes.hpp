#pragma once
// Monthly outcomes one replicate produces. A value that is not defined in a month
// (a reoffending cohort that is not complete) is NaN and is left out of the files.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vrsim/model/offence_types.hpp"
#include "vrsim/model/programmes.hpp"

namespace vrsim::model {

enum class Outcome : unsigned char {
    recorded_violence_with_injury,
    recorded_violence_without_injury,
    recorded_knife_enabled,
    recorded_robbery,
    recorded_sexual,
    recorded_domestic_abuse,
    recorded_acquisitive,
    recorded_other,
    recorded_violence_against_the_person,
    recorded_total,
    offences_committed,
    victims,
    repeat_victims,
    first_time_entrants_youth,
    first_time_entrants_adult,
    proven_offences,
    out_of_court_disposals,
    convictions,
    custodial_sentences,
    custody_population,
    licence_population,
    active_offenders,
    gang_members,
    population,
    proven_reoffending_cohort,
    proven_reoffenders,
    proven_reoffending_rate,
    // Offences committed, recorded or not, by type (costs of crime count these).
    committed_violence_with_injury,
    committed_violence_without_injury,
    committed_knife_enabled,
    committed_robbery,
    committed_sexual,
    committed_domestic_abuse,
    committed_acquisitive,
    committed_other,
    radicalisation_vulnerable,  // people vulnerable to radicalisation this month
    radicalised,                // people who progressed to radicalisation this month
};
inline constexpr std::size_t kOutcomeCount = 37;

inline constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {
    "recorded_violence_with_injury",
    "recorded_violence_without_injury",
    "recorded_knife_enabled",
    "recorded_robbery",
    "recorded_sexual",
    "recorded_domestic_abuse",
    "recorded_acquisitive",
    "recorded_other",
    "recorded_violence_against_the_person",
    "recorded_total",
    "offences_committed",
    "victims",
    "repeat_victims",
    "first_time_entrants_youth",
    "first_time_entrants_adult",
    "proven_offences",
    "out_of_court_disposals",
    "convictions",
    "custodial_sentences",
    "custody_population",
    "licence_population",
    "active_offenders",
    "gang_members",
    "population",
    "proven_reoffending_cohort",
    "proven_reoffenders",
    "proven_reoffending_rate",
    "committed_violence_with_injury",
    "committed_violence_without_injury",
    "committed_knife_enabled",
    "committed_robbery",
    "committed_sexual",
    "committed_domestic_abuse",
    "committed_acquisitive",
    "committed_other",
    "radicalisation_vulnerable",
    "radicalised",
};

constexpr std::size_t index_of(Outcome outcome) {
    return static_cast<std::size_t>(outcome);
}

constexpr Outcome committed_outcome(OffenceType type) {
    return static_cast<Outcome>(index_of(Outcome::committed_violence_with_injury) + index_of(type));
}

struct Parameters;

// The columns a run reports: the fixed outcomes above, then for each programme
// the measures its kind reports (programme.<id>.<measure>) and its referrals by
// source (programme.<id>.referrals_<source>).
class OutcomeLayout {
  public:
    static constexpr std::size_t kNotReported = static_cast<std::size_t>(-1);
    OutcomeLayout() = default;  // the fixed outcomes only
    explicit OutcomeLayout(const Parameters& parameters);
    std::size_t size() const { return names_.empty() ? kOutcomeCount : names_.size(); }
    std::string_view name(std::size_t column) const;
    // kNotReported when the programme's kind does not report the measure.
    std::size_t programme_column(std::size_t programme, ProgrammeMeasure measure) const;
    std::size_t referral_column(std::size_t programme, std::size_t source) const;

  private:
    std::vector<std::string> names_;
    std::vector<std::size_t> programme_first_column_;  // per programme
    std::vector<std::array<std::size_t, kProgrammeMeasureCount>> measure_columns_;
};

// Months x columns (by default the fixed outcomes), row-major by month.
class MonthlyOutcomes {
  public:
    MonthlyOutcomes() = default;
    explicit MonthlyOutcomes(int months, std::size_t columns = kOutcomeCount);
    int months() const { return months_; }
    std::size_t columns() const { return columns_; }
    double& at(int month, Outcome outcome) { return values_[cell(month, index_of(outcome))]; }
    double at(int month, Outcome outcome) const { return values_[cell(month, index_of(outcome))]; }
    double& at(int month, std::size_t column) { return values_[cell(month, column)]; }
    double at(int month, std::size_t column) const { return values_[cell(month, column)]; }
    // Resize and clear; reuses storage.
    void reset(int months, std::size_t columns = kOutcomeCount);
    const std::vector<double>& values() const { return values_; }

  private:
    std::size_t cell(int month, std::size_t column) const {
        return static_cast<std::size_t>(month) * columns_ + column;
    }
    int months_ = 0;
    std::size_t columns_ = kOutcomeCount;
    std::vector<double> values_;
};

}  // namespace vrsim::model
