#pragma once
// A small, hand-checkable parameter set for model tests: one area, no risk
// factors, no gangs, no contagion, no desistance, flat age curve and seasons,
// everything recorded and nothing sanctioned unless a test says otherwise.
#include "vrsim/model/parameters.hpp"

namespace vrsim::test {

inline model::Parameters simple_parameters() {
    model::Parameters p;
    p.simulation.start_month = model::YearMonth::of(2020, 1);
    p.simulation.horizon_months = 24;
    p.simulation.warmup_months = 0;

    p.place.name = "Testborough";
    p.place.population = 10000;
    p.place.age_band_lower = {0, 10, 20};
    p.place.age_band_share = {0.0, 1.0, 0.0};  // everyone 10-19 at the start
    p.place.max_age_years = 100.0;
    p.place.male_share = 1.0;
    p.place.areas = 1;

    p.demography.mortality_gompertz_a = 0.0;
    p.demography.mortality_gompertz_b = 0.0;

    model::OffendingParameters& o = p.offending;
    o.base_rate_per_month = 0.01;
    o.propensity_shape = 1e6;  // everyone has propensity 1
    o.age_curve = {1.0};
    o.female_multiplier = 1.0;
    o.career_mean_months = 1e6;
    o.desisted_multiplier = 1.0;
    o.domestic_abuse_min_age_years = 16;
    o.type_share = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0};  // acquisitive only
    for (auto& season : o.seasonality) {
        season.fill(1.0);
    }

    p.risk.gang.join_probability = 0.0;
    p.risk.gang.type_multiplier.fill(1.0);
    p.risk.gang.gangs_per_area = 1;
    p.risk.radicalisation.vulnerable_probability = 0.0;

    p.victims.victimisation_shape = 1.0;
    p.victims.offender_overlap = 0.0;
    p.victims.local_share = 1.0;
    p.victims.partnered_share = 0.0;
    p.victims.repeat_window_months = 12;
    p.victims.age_band_victimisation = {0.0, 1.0, 1.0};

    p.contagion.enabled = false;
    p.contagion.strength = 0.0;
    p.contagion.decay_months = 1.0;

    model::JusticeParameters& j = p.justice;
    j.recording_probability.fill(1.0);
    j.sanction_probability.fill(0.0);
    j.youth_out_of_court_share = 0.0;
    j.adult_out_of_court_share = 0.0;
    j.youth_community_resolution_share = 0.0;
    j.adult_community_resolution_share = 0.0;
    j.conviction_probability = 1.0;
    j.charge_to_sentence_mean_months = 0.0;
    j.custody_probability.fill(0.0);
    j.youth_custody_multiplier = 1.0;
    j.custody_odds_per_prior_offence = 1.0;
    j.prior_offences_cap = 10;
    j.sentence_mean_months.fill(12.0);
    j.sentence_lognormal_sigma = 0.0;
    j.release_fraction = 0.5;
    j.recall_probability = 0.0;
    j.recall_months = 1;
    return p;
}

}  // namespace vrsim::test
