#pragma once
// Monthly outcomes one replicate produces. A value that is not defined in a month
// (a reoffending cohort that is not complete) is NaN and is left out of the files.
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

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
};
inline constexpr std::size_t kOutcomeCount = 27;

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
};

constexpr std::size_t index_of(Outcome outcome) {
    return static_cast<std::size_t>(outcome);
}

// Months x outcomes, row-major by month.
class MonthlyOutcomes {
  public:
    MonthlyOutcomes() = default;
    explicit MonthlyOutcomes(int months);
    int months() const { return months_; }
    double& at(int month, Outcome outcome) { return values_[cell(month, outcome)]; }
    double at(int month, Outcome outcome) const { return values_[cell(month, outcome)]; }
    void reset(int months);  // resize and clear; reuses storage
    const std::vector<double>& values() const { return values_; }

  private:
    std::size_t cell(int month, Outcome outcome) const {
        return static_cast<std::size_t>(month) * kOutcomeCount + index_of(outcome);
    }
    int months_ = 0;
    std::vector<double> values_;
};

}  // namespace vrsim::model
