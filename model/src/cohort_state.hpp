#pragma once
// The cohort engine's compartments and the quantities it derives once per run
// from the parameters. See vrsim/model/cohort.hpp for the model.
#include <array>
#include <cstddef>
#include <vector>

#include "vrsim/model/cohort.hpp"

namespace vrsim::model::cohort {

inline constexpr int kAgeOfCriminalResponsibility = 10;

// Career state: offending history, record and justice status.
enum Status : int {
    never,             // no offence yet (no record)
    active_clean,      // offending career, no proven offence
    active_triaged,    // no proven offence; diverted by youth triage once
    active_record,     // at least one proven offence, free
    desisted_clean,    //
    desisted_triaged,  //
    desisted_record,   //
    active_custody,    // serving a custodial sentence
    desisted_custody,  //
    active_licence,    // released part-way, on licence
    desisted_licence,  //
    active_recalled,   // recalled to custody from licence
    desisted_recalled,
};
inline constexpr int kStatusCount = 13;

constexpr bool is_desisted(int status) {
    return status == desisted_clean || status == desisted_triaged || status == desisted_record ||
           status == desisted_custody || status == desisted_licence || status == desisted_recalled;
}
constexpr bool is_locked_up(int status) {
    return status == active_custody || status == desisted_custody || status == active_recalled ||
           status == desisted_recalled;
}
constexpr bool is_on_licence(int status) {
    return status == active_licence || status == desisted_licence;
}
constexpr bool has_record(int status) {
    return status == active_record || status == desisted_record || status >= active_custody;
}
// The same status with the career desisted.
constexpr int desisted_of(int status) {
    switch (status) {
        case active_clean:
            return desisted_clean;
        case active_triaged:
            return desisted_triaged;
        case active_record:
            return desisted_record;
        case active_custody:
            return desisted_custody;
        case active_licence:
            return desisted_licence;
        case active_recalled:
            return desisted_recalled;
        default:
            return status;
    }
}
// Free statuses after a first proven offence, custody, licence, by career.
constexpr int record_of(bool desisted) {
    return desisted ? desisted_record : active_record;
}
constexpr int custody_of(bool desisted) {
    return desisted ? desisted_custody : active_custody;
}
constexpr int licence_of(bool desisted) {
    return desisted ? desisted_licence : active_licence;
}
constexpr int recalled_of(bool desisted) {
    return desisted ? desisted_recalled : active_recalled;
}

enum GangState : int { not_member, member, former_member };

// A risk type: what a person is born with. Its offending rate multiplier is the
// mean, within a tier, of propensity x risk-factor multipliers x sex multiplier.
struct RiskType {
    int sex = 0;               // 0 male, 1 female
    bool gang_joiner = false;  // will join a gang between the join ages
    int tier = 0;
    double rate_multiplier = 1.0;
};

// Risk types come in groups of sex x future gang membership (group = 2 x sex +
// joiner), each with its risk tiers; the tiers of a group's compartment lie side
// by side, so the month's rules run as loops over tiers.
inline constexpr int kRiskGroups = 4;
inline constexpr int kMaxTiers = 16;
inline constexpr int kTiersPerVector = 4;  // model/src/cohort_lanes.hpp
// Assumption: from 50, where offending is low and changes slowly with age,
// people are held in 5-year age bands, spread over a band's years as its
// survivors would be, the oldest year's share moving up a band a year; README
// "Two engines" gives the error.
inline constexpr int kBandsFromAge = 50;
inline constexpr int kBandYears = 5;
constexpr bool group_joins_gang(int group) {
    return (group & 1) != 0;
}
// Gang states a group's compartments hold: not (yet) a member, member. Former
// members offend, and are referred, as people never in a gang, so on leaving
// they join the non-joiners of their sex and tier (whose tier mean differs a
// little: the error is in README "Two engines").
constexpr int group_gang_states(int group) {
    return group_joins_gang(group) ? 2 : 1;
}

struct Layout {
    std::vector<RiskType> types;  // type = group x tiers + tier
    // Tier bounds on propensity x risk-factor multipliers: tier i holds [bound i,
    // bound i+1), the last one unbounded.
    std::vector<double> tier_bounds;
    int tiers = 0;
    int tier_stride = 0;  // tiers rounded up to whole vectors; the padding stays empty
    std::array<std::size_t, kRiskGroups> group_offset{};  // within an age block
    std::size_t age_block = 0;                            // cells per single year of age
    // Age compartments: single years from 10, then bands of kBandYears from
    // kBandsFromAge (the last band ends at the maximum age). Each holds the
    // years since 10 [first year, first year + years).
    int ages = 0;
    int years = 0;         // single years from 10 to the maximum age
    int single_years = 0;  // compartments of one year, from 10
    std::vector<int> age_first_year;
    std::vector<int> age_years;
    // The compartment of a year since 10.
    int age_of_year(int year) const {
        return year < single_years ? year : single_years + (year - single_years) / kBandYears;
    }
    std::size_t cells() const { return age_block * static_cast<std::size_t>(ages); }
    int gang_states(std::size_t type) const { return types[type].gang_joiner ? 2 : 1; }
    // The non-joiner type of a joiner type's sex and tier.
    std::size_t non_joiner_type(std::size_t type) const {
        return types[type].gang_joiner ? type - static_cast<std::size_t>(tiers) : type;
    }
    // The first cell of a group's compartments of one age: gang state x status
    // rows of `tier_stride` cells.
    std::size_t group_cell(int age, int group) const {
        return static_cast<std::size_t>(age) * age_block +
               group_offset[static_cast<std::size_t>(group)];
    }
    std::size_t cell(int age, std::size_t type, int gang, int status) const {
        const auto tier_count = static_cast<std::size_t>(tiers);
        return group_cell(age, static_cast<int>(type / tier_count)) +
               static_cast<std::size_t>(gang * kStatusCount + status) *
                   static_cast<std::size_t>(tier_stride) +
               type % tier_count;
    }
};

// Builds the risk types for `tiers` risk tiers.
Layout make_layout(const Parameters& parameters, int tiers);

// Share of entrants (or of residents) of each type: risk-factor prevalences and
// the gang joining probability multiplied by the given ratios (prevention).
std::vector<double> type_shares(const Parameters& parameters, const Layout& layout,
                                double risk_factor_ratio, double gang_join_ratio);

}  // namespace vrsim::model::cohort
