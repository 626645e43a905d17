#pragma once
// Helpers for programme tests: hand-made programmes with nothing switched on
// but what a test sets, populations where everyone is eligible for a kind, and
// runs whose programme columns are read through the OutcomeLayout.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "vrsim/model/abm.hpp"
#include "vrsim/model/outcomes.hpp"
#include "vrsim/model/parameters.hpp"

namespace vrsim::test {

// Places no test fills, and a mean time in programme nobody reaches (an
// exponential with mean 1e9 months ends within a 24-month run with probability
// 2.4e-8).
inline constexpr double kUnlimitedPlaces = 1e6;
inline constexpr double kForeverMonths = 1e9;

// `places` for each reported month, with spend of £1,000 a place a month so a
// test can tell the months apart.
inline void set_places(model::ProgrammeParameters& programme, std::vector<double> places) {
    programme.spend_gbp_by_month.clear();
    for (double month_places : places) {
        programme.spend_gbp_by_month.push_back(1000.0 * month_places);
    }
    programme.places_by_month = std::move(places);
}

// A programme of `kind` for ages 10-100 that everyone agrees to, nobody leaves,
// with no waiting list, no referral sources and no effects, and `places` in
// each of `months` months.
inline model::ProgrammeParameters neutral_programme(model::ProgrammeKind kind, std::string id,
                                                    int months, double places = kUnlimitedPlaces) {
    model::ProgrammeParameters programme;
    programme.id = std::move(id);
    programme.kind = kind;
    programme.min_age_years = 10.0;
    programme.max_age_years = 100.0;
    programme.consent_probability = 1.0;
    programme.duration_mean_months = kForeverMonths;
    programme.max_wait_months = 0;
    programme.effects = model::ProgrammeEffects{};
    programme.effects.fade_months = 0.0;
    programme.iom_min_proven_offences = 1;
    programme.iom_score_window_months = 12;
    programme.channel_panel_probability = 1.0;
    programme.channel_adoption_probability = 1.0;
    set_places(programme, std::vector<double>(static_cast<std::size_t>(months), places));
    return programme;
}

inline model::ReferralSource referral_source(model::ReferralEvent event, double probability,
                                             std::string name = "source") {
    return {std::move(name), event, probability};
}

// Everyone joined a gang before the start (at age 0-1) and stays in it: a
// membership of mean 1e8 months ends within 24 months with probability 2.4e-7.
// Membership changes nothing else: the gang multiplies offending and the mix by 1.
inline void put_everyone_in_a_gang(model::Parameters& p) {
    model::GangParameters& gang = p.risk.gang;
    gang.join_probability = 1.0;
    gang.join_risk_multiplier = 1.0;
    gang.join_age_min_years = 0.0;
    gang.join_age_max_years = 1.0;
    gang.membership_mean_months = 1e8;
    gang.offending_multiplier = 1.0;
    gang.type_multiplier.fill(1.0);
    gang.gangs_per_area = 1;
    gang.rival_victim_share = 0.0;
}

// Everyone became vulnerable to radicalisation before the start (onset at age
// 0-1), stays vulnerable (mean 1e8 months) and never progresses.
inline void make_everyone_vulnerable(model::Parameters& p) {
    model::RadicalisationParameters& radicalisation = p.risk.radicalisation;
    radicalisation.vulnerable_probability = 1.0;
    radicalisation.onset_age_min_years = 0.0;
    radicalisation.onset_age_max_years = 1.0;
    radicalisation.vulnerable_mean_months = 1e8;
    radicalisation.progression_per_month = 0.0;
}

// Every recorded offence is sanctioned with `probability`; every sanction is a
// charge convicted in the same month (no out-of-court disposals, no delay, no
// custody), so an arrest is a proven offence in the month it happens.
inline void prove_sanctions_at_once(model::Parameters& p, double probability) {
    model::JusticeParameters& j = p.justice;
    j.sanction_probability.fill(probability);
    j.youth_out_of_court_share = 0.0;
    j.adult_out_of_court_share = 0.0;
    j.conviction_probability = 1.0;
    j.charge_to_sentence_mean_months = 0.0;
    j.custody_probability.fill(0.0);
}

// One run's outcomes with its layout, read by programme and measure.
struct ProgrammeRun {
    model::OutcomeLayout layout;
    model::MonthlyOutcomes out;

    int months() const { return out.months(); }
    double at(int month, std::size_t programme, model::ProgrammeMeasure measure) const {
        const std::size_t column = layout.programme_column(programme, measure);
        REQUIRE(column != model::OutcomeLayout::kNotReported);
        return out.at(month, column);
    }
    double total(std::size_t programme, model::ProgrammeMeasure measure, int from = 0) const {
        double sum = 0.0;
        for (int month = from; month < months(); ++month) {
            sum += at(month, programme, measure);
        }
        return sum;
    }
    double at(int month, model::Outcome outcome) const { return out.at(month, outcome); }
    double total(model::Outcome outcome, int from = 0, int to = -1) const {
        double sum = 0.0;
        for (int month = from; month < (to < 0 ? months() : to); ++month) {
            sum += out.at(month, outcome);
        }
        return sum;
    }
};

inline ProgrammeRun run_once(const model::Parameters& parameters, std::uint32_t replicate = 0,
                             model::PersonCounts* counts = nullptr, std::uint64_t seed = 11) {
    ProgrammeRun run{model::OutcomeLayout(parameters), {}};
    model::AbmEngine engine;
    engine.run(parameters, {seed, replicate}, run.out, counts);
    REQUIRE(run.out.columns() == run.layout.size());
    return run;
}

}  // namespace vrsim::test
