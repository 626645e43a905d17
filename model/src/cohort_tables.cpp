// The cohort engine's tables: what people of an age class and gang state do
// per unit of offending rate in each calendar month (offences by type, where
// sanctions lead, custody by prior record), and what each age compartment
// holds in each month of the year between ageings.
#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "cohort_run.hpp"

namespace vrsim::model::cohort {

namespace {

bool lower_gravity(std::size_t type, bool include_knife) {
    const auto offence = static_cast<OffenceType>(type);
    return offence == OffenceType::violence_without_injury || offence == OffenceType::acquisitive ||
           offence == OffenceType::other ||
           (include_knife && offence == OffenceType::knife_enabled);
}

// Mean months in custody and on licence of a custodial sentence with lognormal
// length (mean `mean_months`, log-sd `sigma`), rounded to whole months, released
// at `release_fraction` (as justice.cpp), by the midpoints of 400 quantiles.
std::pair<double, double> custody_and_licence_months(double mean_months, double sigma,
                                                     double release_fraction) {
    constexpr int kQuantiles = 400;
    const boost::math::normal standard;
    double custody = 0.0;
    double licence = 0.0;
    for (int i = 0; i < kQuantiles; ++i) {
        const double z = boost::math::quantile(standard, (i + 0.5) / kQuantiles);
        const double length = std::exp(std::log(mean_months) - sigma * sigma / 2.0 + sigma * z);
        const double sentence = std::round(std::clamp(length, 1.0, 1200.0));
        const double inside = std::max(1.0, std::ceil(sentence * release_fraction));
        custody += inside;
        licence += std::max(0.0, sentence - inside);
    }
    return {custody / kQuantiles, licence / kQuantiles};
}

// Chance that an event due at a month uniform over [first, last) comes at `month`
// given that it has not come before, for people at the months in `ages`.
double hazard_over(const std::vector<int>& months, int first, int last) {
    const double span = std::max(1, last - first);
    double coming = 0.0;
    double waiting = 0.0;
    for (int month : months) {
        waiting += std::clamp((last - std::max(month, first)) / span, 0.0, 1.0);
        coming += month >= first && month < last ? 1.0 / span : 0.0;
    }
    return waiting > 0.0 ? std::min(1.0, coming / waiting) : (months.empty() ? 0.0 : 1.0);
}

}  // namespace

void CohortRun::prepare_tables() {
    const OffendingParameters& offending = p_.offending;
    const auto years = static_cast<std::size_t>(cells_.years);
    age_curve_by_year_.resize(years);
    death_by_year_.resize(years);
    for (std::size_t year = 0; year < years; ++year) {
        age_curve_by_year_[year] =
            offending.age_curve[std::min(year, offending.age_curve.size() - 1)];
        const double age = static_cast<double>(year) + kAgeOfCriminalResponsibility + 0.5;
        const double annual_hazard =
            p_.demography.mortality_gompertz_a * std::exp(p_.demography.mortality_gompertz_b * age);
        death_by_year_[year] = 1.0 - std::exp(-annual_hazard / 12.0);
    }
    // Within an age band, people are spread over its years as survivors are:
    // each year holds those of the year before less a year's deaths.
    year_weight_.assign(years, 1.0);
    band_oldest_share_.assign(static_cast<std::size_t>(cells_.ages), 1.0);
    for (std::size_t age = static_cast<std::size_t>(cells_.single_years);
         age < static_cast<std::size_t>(cells_.ages); ++age) {
        const auto first = static_cast<std::size_t>(cells_.age_first_year[age]);
        const auto span = static_cast<std::size_t>(cells_.age_years[age]);
        double surviving = 1.0;
        double total = 0.0;
        for (std::size_t year = first; year < first + span; ++year) {
            year_weight_[year] = surviving;
            total += surviving;
            surviving *= std::pow(1.0 - death_by_year_[year], 12.0);
        }
        for (std::size_t year = first; year < first + span; ++year) {
            year_weight_[year] /= total;
        }
        band_oldest_share_[age] = year_weight_[first + span - 1];
    }
    const JusticeParameters& justice = p_.justice;
    for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
        const auto [inside, licence] =
            custody_and_licence_months(justice.sentence_mean_months[type],
                                       justice.sentence_lognormal_sigma, justice.release_fraction);
        custody_months_by_type_[type] = inside;
        licence_months_by_type_[type] = licence;
    }
    for (std::size_t season = 0; season < 12; ++season) {
        for (int age_class_index = 0; age_class_index < kAgeClasses; ++age_class_index) {
            for (int gang = 0; gang < 2; ++gang) {
                units_[season][static_cast<std::size_t>(age_class_index)]
                      [static_cast<std::size_t>(gang)] =
                          class_units(age_class_index, gang == 1, season);
            }
        }
    }
    for (int since = 0; since < 12; ++since) {
        ages_[static_cast<std::size_t>(since)].clear();
        for (int age = 0; age < cells_.ages; ++age) {
            ages_[static_cast<std::size_t>(since)].push_back(age_mix(age, since));
        }
    }
    // Expected months of a person's current proven-offending rate over a
    // 12-month follow-up, careers ending meanwhile.
    follow_up_active_ = 0.0;
    double still_active = 1.0;
    for (int month = 1; month <= kFollowUpMonths; ++month) {
        still_active *= 1.0 - desistance_probability_;
        follow_up_active_ += still_active + (1.0 - still_active) * offending.desisted_multiplier;
    }
    follow_up_desisted_ = kFollowUpMonths;
}

ClassUnits CohortRun::class_units(int age_class_index, bool in_gang, std::size_t season) const {
    const JusticeParameters& justice = p_.justice;
    const bool youth = age_class_index < 2;
    const bool partner_age = age_class_index % 2 == 1;
    const double partnered = p_.victims.partnered_share;
    const std::size_t gang = in_gang ? 1 : 0;
    const double out_of_court =
        youth ? justice.youth_out_of_court_share : justice.adult_out_of_court_share;
    const double community_resolution =
        youth ? justice.youth_community_resolution_share : justice.adult_community_resolution_share;
    bool include_knife = false;
    for (const ProgrammeParameters& programme : p_.programmes) {
        include_knife = include_knife || (programme.kind == ProgrammeKind::youth_triage &&
                                          programme.triage_includes_knife_offences);
    }
    const int grid = justice.prior_offences_cap * kPriorSteps + 1;
    ClassUnits units;
    units.custody.assign(static_cast<std::size_t>(grid), 0.0);
    units.custody_months.assign(static_cast<std::size_t>(grid), 0.0);
    units.licence_months.assign(static_cast<std::size_t>(grid), 0.0);
    for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
        const double share = partner_age ? partnered * mixes_[gang * 2 + 1][t] +
                                               (1.0 - partnered) * mixes_[gang * 2][t]
                                         : mixes_[gang * 2][t];
        const double weight = share * p_.offending.seasonality[t][season];
        units.weights[t] = weight;
        units.offending += weight;
        const double sanctions =
            weight * justice.recording_probability[t] * justice.sanction_probability[t];
        const double convictions =
            sanctions * (1.0 - out_of_court) * justice.conviction_probability;
        const double proven = sanctions * out_of_court * (1.0 - community_resolution) + convictions;
        const double cautions = sanctions * out_of_court * (1.0 - community_resolution);
        const double charges = sanctions * (1.0 - out_of_court);
        units.sanctions += sanctions;
        units.out_of_court += sanctions * out_of_court;
        units.cautions += cautions;
        units.charges += charges;
        units.proven += proven;
        units.convictions += convictions;
        double custody =
            justice.custody_probability[t] * (youth ? justice.youth_custody_multiplier : 1.0);
        custody = std::min(custody, 1.0 - 1e-12);
        const double odds = custody / (1.0 - custody);
        for (int step = 0; step < grid; ++step) {
            const double prior = static_cast<double>(step) / kPriorSteps;
            const double with_record =
                odds * std::pow(justice.custody_odds_per_prior_offence, prior);
            const double sentenced = convictions * with_record / (1.0 + with_record);
            units.custody[static_cast<std::size_t>(step)] += sentenced;
            units.custody_months[static_cast<std::size_t>(step)] +=
                sentenced * custody_months_by_type_[t];
            units.licence_months[static_cast<std::size_t>(step)] +=
                sentenced * licence_months_by_type_[t];
        }
        if (lower_gravity(t, include_knife)) {
            units.triage_sanctions += sanctions;
            units.triage_out_of_court += sanctions * out_of_court;
            units.triage_cautions += cautions;
            units.triage_charges += charges;
            units.triage_proven += proven;
        }
    }
    return units;
}

AgeMix CohortRun::age_mix(int age, int since) const {
    // Months since the 10th birthday of the people in the compartment: 12
    // consecutive months a year it holds (fewer in the youngest, which
    // entrants are filling), evenly.
    const auto compartment = static_cast<std::size_t>(age);
    const int first_year = cells_.age_first_year[compartment];
    const int last_year = first_year + cells_.age_years[compartment] - 1;
    std::vector<int> months_since_ten;
    for (int a = std::max(0, 12 * first_year + since - 11); a <= 12 * last_year + since; ++a) {
        months_since_ten.push_back(a);
    }
    AgeMix mix;
    // Months weigh alike in a single year; in a band, as their year's survivors.
    const bool band = cells_.age_years[compartment] > 1;
    auto month_weight = [&](int a) {
        return band ? year_weight_[static_cast<std::size_t>(
                          std::clamp(a / 12, first_year, last_year))]
                    : 1.0;
    };
    double n = 0.0;
    for (int a : months_since_ten) {
        n += month_weight(a);
    }
    std::vector<int> months_since_birth_next;  // at the start of next month
    for (int a : months_since_ten) {
        const auto year = static_cast<std::size_t>(std::min(a / 12, cells_.years - 1));
        const double age_years = kAgeOfCriminalResponsibility + a / 12.0;
        const double weight = month_weight(a) / n;
        mix.class_share[static_cast<std::size_t>(
            age_class(age_years < 18.0, age_years >= partner_age_years_))] += weight;
        mix.age_curve += age_curve_by_year_[year] * weight;
        mix.death_probability += death_by_year_[year] * weight;
        months_since_birth_next.push_back(120 + a + 1);
    }
    const GangParameters& gang = p_.risk.gang;
    const int join_first = static_cast<int>(gang.join_age_min_years * 12.0);
    const int join_last =
        std::max(join_first + 1, static_cast<int>(gang.join_age_max_years * 12.0));
    mix.gang_join_hazard = hazard_over(months_since_birth_next, join_first, join_last);
    const RadicalisationParameters& radicalisation = p_.risk.radicalisation;
    const int onset_first = static_cast<int>(radicalisation.onset_age_min_years * 12.0);
    const int onset_last =
        std::max(onset_first + 1, static_cast<int>(radicalisation.onset_age_max_years * 12.0));
    mix.radicalisation_onset = hazard_over(months_since_birth_next, onset_first, onset_last);
    for (const ProgrammeParameters& programme : p_.programmes) {
        double share = 0.0;
        for (int a : months_since_ten) {
            const double age_years = kAgeOfCriminalResponsibility + a / 12.0;
            share += age_years >= programme.min_age_years && age_years < programme.max_age_years
                         ? month_weight(a) / n
                         : 0.0;
        }
        mix.programme_share.push_back(share);
    }
    return mix;
}

}  // namespace vrsim::model::cohort

namespace vrsim::model::cohort {

AgeUnits CohortRun::age_units(const AgeMix& mix, std::size_t season, bool in_gang) const {
    const std::size_t g = in_gang ? 1 : 0;
    const double triage_share =
        triage_programme_ >= 0 ? mix.programme_share[static_cast<std::size_t>(triage_programme_)]
                               : 0.0;
    AgeUnits blend;
    double youth_proven = 0.0;
    for (std::size_t c = 0; c < kAgeClasses; ++c) {
        const double share = mix.class_share[c];
        if (share <= 0.0) {
            continue;
        }
        const ClassUnits& units = units_[season][c][g];
        for (std::size_t t = 0; t < kOffenceTypeCount; ++t) {
            blend.weights[t] += share * units.weights[t];
        }
        blend.offending += share * units.offending;
        blend.sanctions += share * units.sanctions;
        blend.out_of_court += share * units.out_of_court;
        blend.cautions += share * units.cautions;
        blend.charges += share * units.charges;
        youth_proven += c < 2 ? share * units.proven : 0.0;
        blend.proven += share * units.proven;
        blend.convictions += share * units.convictions;
        blend.custody.resize(units.custody.size(), 0.0);
        blend.custody_months.resize(units.custody.size(), 0.0);
        blend.licence_months.resize(units.custody.size(), 0.0);
        for (std::size_t i = 0; i < units.custody.size(); ++i) {
            blend.custody[i] += share * units.custody[i];
            blend.custody_months[i] += share * units.custody_months[i];
            blend.licence_months[i] += share * units.licence_months[i];
        }
        if (c < 2) {
            blend.triage_sanctions += share * triage_share * units.triage_sanctions;
            blend.triage_out_of_court += share * triage_share * units.triage_out_of_court;
            blend.triage_cautions += share * triage_share * units.triage_cautions;
            blend.triage_charges += share * triage_share * units.triage_charges;
            blend.triage_proven += share * triage_share * units.triage_proven;
        }
    }
    blend.youth_proven_share = blend.proven > 0.0 ? youth_proven / blend.proven : 0.0;
    blend.conviction_share = blend.charges > 0.0 ? blend.convictions / blend.charges : 0.0;
    blend.per_conviction = blend.convictions > 0.0 ? 1.0 / blend.convictions : 0.0;
    blend.triage_proven_share =
        blend.triage_sanctions > 0.0 ? blend.triage_proven / blend.triage_sanctions : 0.0;
    const std::size_t points = blend.custody.size();
    blend.custody_grid.assign((points + 1) * kCustodyGridWidth, 0.0);
    for (std::size_t i = 0; i <= points && points > 0; ++i) {
        const std::size_t point = std::min(i, points - 1);
        double* const at = blend.custody_grid.data() + i * kCustodyGridWidth;
        at[0] = blend.custody[point];
        at[1] = blend.custody_months[point];
        at[2] = blend.licence_months[point];
    }
    if (!blend.custody.empty() && blend.convictions > 0.0 && blend.custody.front() > 0.0) {
        blend.custody_per_conviction_clean = blend.custody.front() / blend.convictions;
        blend.stay_months_clean = blend.custody_months.front() / blend.custody.front();
        blend.licence_months_clean = blend.licence_months.front() / blend.custody.front();
    }
    for (std::size_t p = 0; p < p_.programmes.size(); ++p) {
        const double share = mix.programme_share[p];
        if (p_.programmes[p].kind == ProgrammeKind::iom) {
            blend.iom_share = std::max(blend.iom_share, share);
        }
        switch (p_.programmes[p].kind) {
            case ProgrammeKind::gang_exit:
                blend.programme_share.push_back(in_gang ? share : 0.0);
                break;
            case ProgrammeKind::channel:
            case ProgrammeKind::youth_triage:
            case ProgrammeKind::prevention:
                // Referred from radicalisation, at arrest, or not at all.
                blend.programme_share.push_back(0.0);
                break;
            default:
                blend.programme_share.push_back(share);
        }
    }
    return blend;
}

void CohortRun::prepare_age_units() {
    for (int since = 0; since < 12; ++since) {
        const auto season = static_cast<std::size_t>(calendar_month(since));
        std::vector<AgeUnits>& units = age_units_[static_cast<std::size_t>(since)];
        units.clear();
        for (const AgeMix& mix : ages_[static_cast<std::size_t>(since)]) {
            units.push_back(age_units(mix, season, false));
            units.push_back(age_units(mix, season, true));
        }
    }
}

}  // namespace vrsim::model::cohort
