#pragma once
// Every number the model uses. Plain data: values and their sources live in the
// scenario files (scenarios/library/defaults.toml), not here.
#include <array>
#include <string>
#include <vector>

#include "vrsim/model/calendar.hpp"
#include "vrsim/model/offence_types.hpp"
#include "vrsim/model/programmes.hpp"

namespace vrsim::model {

struct SimulationParameters {
    YearMonth start_month;   // first month reported
    int horizon_months = 0;  // months reported
    int warmup_months = 0;   // months simulated before start_month and not reported
};

struct PlaceParameters {
    std::string name;
    int population = 0;                  // residents of all ages at start_month
    std::vector<double> age_band_lower;  // lower age (years) of each band, increasing from 0
    std::vector<double> age_band_share;  // share of residents in each band (sums to 1)
    double max_age_years = 100.0;        // upper end of the last band
    double male_share = 0.5;
    int areas = 1;  // wards: victims are local, gangs belong to an area
};

struct DemographyParameters {
    // Gompertz mortality: the annual hazard of death at age x is a * exp(b * x).
    double mortality_gompertz_a = 0.0;
    double mortality_gompertz_b = 0.0;
};

struct OffendingParameters {
    // Offences per month of a male at the peak of the age curve with propensity 1
    // and no risk factors.
    double base_rate_per_month = 0.0;
    // Latent propensity ~ Gamma(shape, 1/shape): mean 1, heavy-tailed when shape < 1.
    double propensity_shape = 1.0;
    // Multiplier per year of age from 10; ages past the last entry use the last.
    std::vector<double> age_curve;
    double female_multiplier = 1.0;
    // Desistance: a criminal career lasts Exponential(mean) months from its first
    // offence; afterwards offending is multiplied by desisted_multiplier.
    double career_mean_months = 120.0;
    double desisted_multiplier = 0.0;
    PerOffenceType<double> type_share{};  // mix of offence types (domestic abuse needs a partner)
    int domestic_abuse_min_age_years = 16;
    // Month-of-year multipliers (January first), averaging 1.
    PerOffenceType<std::array<double, 12>> seasonality{};
};

struct RiskFactor {
    double prevalence = 0.0;            // share of people who have it
    double offending_multiplier = 1.0;  // on offending rate
};

struct GangParameters {
    double join_probability = 0.0;      // chance a young person with no risk factors ever joins
    double join_risk_multiplier = 1.0;  // on join odds per other risk factor held
    double join_age_min_years = 12.0;
    double join_age_max_years = 24.0;
    double membership_mean_months = 36.0;
    double offending_multiplier = 1.0;
    PerOffenceType<double> type_multiplier{};  // shifts a member's offence mix
    int gangs_per_area = 1;
    double rival_victim_share = 0.0;  // of a member's violence, share aimed at a rival gang
};

// Vulnerability to radicalisation: some people become vulnerable at an age drawn
// uniformly in [onset_age_min, onset_age_max) for an exponential time; while
// vulnerable they may progress to radicalisation (and leave the pathway Channel
// serves) at a constant hazard.
struct RadicalisationParameters {
    double vulnerable_probability = 0.0;  // lifetime chance of a vulnerable episode
    double onset_age_min_years = 12.0;
    double onset_age_max_years = 30.0;
    double vulnerable_mean_months = 24.0;
    double progression_per_month = 0.0;
};

struct RiskParameters {
    RiskFactor early_adversity;
    RiskFactor school_exclusion;
    RiskFactor substance_misuse;
    GangParameters gang;
    RadicalisationParameters radicalisation;
};

struct VictimParameters {
    // Victimisation risk ~ Gamma(shape, 1/shape): small shape makes a few people
    // carry many victimisations (repeat victimisation).
    double victimisation_shape = 1.0;
    // Victim-offender overlap: victimisation risk multiplied by
    // (1 + offender_overlap * offending propensity).
    double offender_overlap = 0.0;
    double local_share = 0.0;       // chance the victim lives in the offender's area
    double partnered_share = 0.0;   // adults with a partner (domestic abuse victims)
    int repeat_window_months = 12;  // a repeat victim was also a victim this long before
    // Victimisation by age band of the victim, same bands as the place's ages.
    std::vector<double> age_band_victimisation;
};

struct ContagionParameters {
    bool enabled = false;
    // Relative rise in a person's violence hazard just after violence near them
    // (being a victim, or violence by or against a member of their gang). Further
    // exposures refresh the rise rather than add to it, so it never exceeds this.
    double strength = 0.0;
    double decay_months = 1.0;  // exposure fades as exp(-months / decay_months)
};

struct JusticeParameters {
    PerOffenceType<double> recording_probability{};  // committed -> police recorded
    PerOffenceType<double> sanction_probability{};   // recorded -> charge or out-of-court disposal
    double youth_out_of_court_share = 0.0;           // of sanctions, ages 10-17
    double adult_out_of_court_share = 0.0;
    // Of out-of-court disposals, the share that are community resolutions: not a
    // proven offence, so no first-time entry and no reoffending cohort.
    double youth_community_resolution_share = 0.0;
    double adult_community_resolution_share = 0.0;
    double conviction_probability = 0.0;  // charge -> conviction
    double charge_to_sentence_mean_months = 0.0;
    PerOffenceType<double> custody_probability{};  // conviction -> immediate custody (adult)
    double youth_custody_multiplier = 1.0;
    double custody_odds_per_prior_offence = 1.0;  // odds multiplier per previous proven offence
    int prior_offences_cap = 10;
    PerOffenceType<double> sentence_mean_months{};  // custodial sentence, lognormal
    double sentence_lognormal_sigma = 0.0;
    double release_fraction = 0.5;    // served in custody, rest on licence
    double recall_probability = 0.0;  // a reoffence on licence leads to recall
    int recall_months = 1;
};

struct Parameters {
    SimulationParameters simulation;
    PlaceParameters place;
    DemographyParameters demography;
    OffendingParameters offending;
    RiskParameters risk;
    VictimParameters victims;
    ContagionParameters contagion;
    JusticeParameters justice;
    std::vector<ProgrammeParameters> programmes;
};

}  // namespace vrsim::model
