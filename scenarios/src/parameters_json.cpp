#include "vrsim/scenarios/parameters_json.hpp"

#include <utility>

namespace vrsim::scenarios {

using nlohmann::json;

namespace {

template <typename T>
json by_offence_type(const model::PerOffenceType<T>& values) {
    json object = json::object();
    for (std::size_t i = 0; i < model::kOffenceTypeCount; ++i) {
        object[std::string(model::kOffenceTypeNames[i])] = values[i];
    }
    return object;
}

json to_json(const model::SimulationParameters& p) {
    return {{"start_month", p.start_month.to_string()},
            {"horizon_months", p.horizon_months},
            {"warmup_months", p.warmup_months}};
}

json to_json(const model::PlaceParameters& p) {
    return {{"name", p.name},
            {"population", p.population},
            {"age_band_lower", p.age_band_lower},
            {"age_band_share", p.age_band_share},
            {"max_age_years", p.max_age_years},
            {"male_share", p.male_share},
            {"areas", p.areas}};
}

json to_json(const model::DemographyParameters& p) {
    return {{"mortality_gompertz_a", p.mortality_gompertz_a},
            {"mortality_gompertz_b", p.mortality_gompertz_b}};
}

json to_json(const model::OffendingParameters& p) {
    return {{"base_rate_per_month", p.base_rate_per_month},
            {"propensity_shape", p.propensity_shape},
            {"age_curve", p.age_curve},
            {"female_multiplier", p.female_multiplier},
            {"career_mean_months", p.career_mean_months},
            {"desisted_multiplier", p.desisted_multiplier},
            {"type_share", by_offence_type(p.type_share)},
            {"domestic_abuse_min_age_years", p.domestic_abuse_min_age_years},
            {"seasonality", by_offence_type(p.seasonality)}};
}

json to_json(const model::RiskFactor& p) {
    return {{"prevalence", p.prevalence}, {"offending_multiplier", p.offending_multiplier}};
}

json to_json(const model::GangParameters& p) {
    return {{"join_probability", p.join_probability},
            {"join_risk_multiplier", p.join_risk_multiplier},
            {"join_age_min_years", p.join_age_min_years},
            {"join_age_max_years", p.join_age_max_years},
            {"membership_mean_months", p.membership_mean_months},
            {"offending_multiplier", p.offending_multiplier},
            {"type_multiplier", by_offence_type(p.type_multiplier)},
            {"gangs_per_area", p.gangs_per_area},
            {"rival_victim_share", p.rival_victim_share}};
}

json to_json(const model::RadicalisationParameters& p) {
    return {{"vulnerable_probability", p.vulnerable_probability},
            {"onset_age_min_years", p.onset_age_min_years},
            {"onset_age_max_years", p.onset_age_max_years},
            {"vulnerable_mean_months", p.vulnerable_mean_months},
            {"progression_per_month", p.progression_per_month}};
}

json to_json(const model::RiskParameters& p) {
    return {{"early_adversity", to_json(p.early_adversity)},
            {"school_exclusion", to_json(p.school_exclusion)},
            {"substance_misuse", to_json(p.substance_misuse)},
            {"gang", to_json(p.gang)},
            {"radicalisation", to_json(p.radicalisation)}};
}

json to_json(const model::VictimParameters& p) {
    return {{"victimisation_shape", p.victimisation_shape},
            {"offender_overlap", p.offender_overlap},
            {"local_share", p.local_share},
            {"partnered_share", p.partnered_share},
            {"repeat_window_months", p.repeat_window_months},
            {"age_band_victimisation", p.age_band_victimisation}};
}

json to_json(const model::ContagionParameters& p) {
    return {{"enabled", p.enabled}, {"strength", p.strength}, {"decay_months", p.decay_months}};
}

json to_json(const model::JusticeParameters& p) {
    return {{"recording_probability", by_offence_type(p.recording_probability)},
            {"sanction_probability", by_offence_type(p.sanction_probability)},
            {"youth_out_of_court_share", p.youth_out_of_court_share},
            {"adult_out_of_court_share", p.adult_out_of_court_share},
            {"youth_community_resolution_share", p.youth_community_resolution_share},
            {"adult_community_resolution_share", p.adult_community_resolution_share},
            {"conviction_probability", p.conviction_probability},
            {"charge_to_sentence_mean_months", p.charge_to_sentence_mean_months},
            {"custody_probability", by_offence_type(p.custody_probability)},
            {"youth_custody_multiplier", p.youth_custody_multiplier},
            {"custody_odds_per_prior_offence", p.custody_odds_per_prior_offence},
            {"prior_offences_cap", p.prior_offences_cap},
            {"sentence_mean_months", by_offence_type(p.sentence_mean_months)},
            {"sentence_lognormal_sigma", p.sentence_lognormal_sigma},
            {"release_fraction", p.release_fraction},
            {"recall_probability", p.recall_probability},
            {"recall_months", p.recall_months}};
}

}  // namespace

json to_json(const model::ProgrammeParameters& p) {
    json sources = json::array();
    for (const model::ReferralSource& source : p.referral_sources) {
        sources.push_back(
            {{"name", source.name},
             {"event", model::kReferralEventNames[static_cast<std::size_t>(source.event)]},
             {"probability", source.probability}});
    }
    const model::ProgrammeEffects& e = p.effects;
    return {{"id", p.id},
            {"kind", model::kProgrammeKindNames[static_cast<std::size_t>(p.kind)]},
            {"min_age_years", p.min_age_years},
            {"max_age_years", p.max_age_years},
            {"referral_sources", sources},
            {"consent_probability", p.consent_probability},
            {"duration_mean_months", p.duration_mean_months},
            {"max_wait_months", p.max_wait_months},
            {"places_by_month", p.places_by_month},
            {"spend_gbp_by_month", p.spend_gbp_by_month},
            {"effects",
             {{"offending_hazard_ratio", by_offence_type(e.offending_hazard_ratio)},
              {"fade_months", e.fade_months},
              {"gang_exit_hazard_ratio", e.gang_exit_hazard_ratio},
              {"radicalisation_hazard_ratio", e.radicalisation_hazard_ratio},
              {"detection_multiplier", e.detection_multiplier},
              {"recall_multiplier", e.recall_multiplier},
              {"risk_factor_ratio", e.risk_factor_ratio},
              {"gang_join_ratio", e.gang_join_ratio}}},
            {"rules",
             {{"iom_score_window_months", p.iom_score_window_months},
              {"iom_min_proven_offences", p.iom_min_proven_offences},
              {"triage_includes_knife_offences", p.triage_includes_knife_offences},
              {"channel_panel_probability", p.channel_panel_probability},
              {"channel_adoption_probability", p.channel_adoption_probability},
              {"channel_review_months", p.channel_review_months},
              {"channel_exit_at_review_probability", p.channel_exit_at_review_probability},
              {"channel_no_further_concern_share", p.channel_no_further_concern_share},
              {"prevention_reach_age_min_years", p.prevention_reach_age_min_years},
              {"prevention_reach_age_max_years", p.prevention_reach_age_max_years}}}};
}

json to_json(const model::Parameters& parameters) {
    json programmes = json::array();
    for (const model::ProgrammeParameters& programme : parameters.programmes) {
        programmes.push_back(to_json(programme));
    }
    return {{"simulation", to_json(parameters.simulation)},
            {"place", to_json(parameters.place)},
            {"demography", to_json(parameters.demography)},
            {"offending", to_json(parameters.offending)},
            {"risk", to_json(parameters.risk)},
            {"victims", to_json(parameters.victims)},
            {"contagion", to_json(parameters.contagion)},
            {"justice", to_json(parameters.justice)},
            {"programmes", programmes}};
}

json to_json(const Distribution& distribution) {
    const DistributionNames names = names_of(distribution.kind);
    return {{"kind", names.type},
            {std::string(names.a), distribution.a},
            {std::string(names.b), distribution.b}};
}

json to_json(const UncertainParameter& parameter) {
    return {{"field", parameter.field},
            {"distribution", to_json(parameter.distribution)},
            {"lower", parameter.lower},
            {"upper", parameter.upper}};
}

}  // namespace vrsim::scenarios
