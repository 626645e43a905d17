// Demography: the starting population from the place's age and sex structure,
// new cohorts entering at age 10, exits by Gompertz mortality, and the
// attributes people are born with (propensity, risk factors, gang career).
#include <algorithm>
#include <cmath>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "replicate_run.hpp"
#include "shared_rules.hpp"

namespace vrsim::model {

namespace {

constexpr int kAgeOfCriminalResponsibility = 10;

// Months until death from age `age_years` under the annual hazard a * exp(b * age)
// (constant when b = 0), or until the maximum age; `hazard_at_age` is
// a * exp(b * age_years) (see ReplicateRun::mortality_hazard).
int months_to_exit(const DemographyParameters& demography, double age_years, double hazard_at_age,
                   double max_age_years, Stream& draws) {
    double unit_exponential = boost::random::exponential_distribution<double>(1.0)(draws);
    double a = demography.mortality_gompertz_a;
    double b = demography.mortality_gompertz_b;
    double years = max_age_years - age_years;
    if (a > 0.0 && b > 0.0) {
        years = std::min(years, std::log1p(unit_exponential * b / hazard_at_age) / b);
    } else if (a > 0.0) {
        years = std::min(years, unit_exponential / a);
    }
    return static_cast<int>(years * 12.0);
}

}  // namespace

void ReplicateRun::create_initial_population() {
    const PlaceParameters& place = p_.place;
    std::vector<double> shares = single_year_shares(place);
    double under_ten = 0.0;
    for (int age = 0; age < kAgeOfCriminalResponsibility; ++age) {
        under_ten += shares[static_cast<std::size_t>(age)];
    }
    residents_under_ten_ = static_cast<int>(std::lround(under_ten * place.population));
    // The cohort aged 9 enters at 10 over the next year; births replace it.
    entrants_per_month_ = shares[kAgeOfCriminalResponsibility - 1] * place.population / 12.0;
    entrant_carry_ = 0.0;
    gang_members_at_start_ = 0.0;

    s_.people.reserve(static_cast<std::size_t>(place.population * (1.0 - under_ten) +
                                               entrants_per_month_ * (total_months_ + 1) + 16));
    double carry = 0.0;
    for (std::size_t age = kAgeOfCriminalResponsibility; age < shares.size(); ++age) {
        carry += shares[age] * place.population;
        auto count = static_cast<int>(carry);
        carry -= count;
        for (int k = 0; k < count; ++k) {
            // Ages are those at start_month, spread evenly over the months of the
            // year of age; people younger than 10 at the start of the warm-up enter
            // as cohorts instead.
            int age_months_at_start = static_cast<int>(age) * 12 + k * 12 / count;
            int age_months_at_first_month = age_months_at_start - warmup_months_;
            if (age_months_at_first_month < kAgeOfCriminalResponsibility * 12) {
                continue;
            }
            create_person(-age_months_at_first_month, 0, true);
        }
    }
}

void ReplicateRun::add_entrants(int month) {
    if (month == 0) {
        return;  // the starting population already holds everyone aged 10 and over
    }
    entrant_carry_ += entrants_per_month_;
    auto count = static_cast<int>(entrant_carry_);
    entrant_carry_ -= count;
    for (int k = 0; k < count; ++k) {
        std::uint32_t person =
            create_person(month - kAgeOfCriminalResponsibility * 12, month, false);
        schedule(person, month, month);
    }
}

double ReplicateRun::mortality_hazard(int age_months) const {
    if (age_months >= 0 && age_months < static_cast<int>(mortality_hazard_by_age_months_.size())) {
        return mortality_hazard_by_age_months_[static_cast<std::size_t>(age_months)];
    }
    return p_.demography.mortality_gompertz_a *
           std::exp(p_.demography.mortality_gompertz_b * (age_months / 12.0));
}

double ReplicateRun::fixed_rate(float propensity, std::uint8_t flags) const {
    const OffendingParameters& offending = p_.offending;
    const RiskParameters& risk = p_.risk;
    double rate = offending.base_rate_per_month * propensity;
    if ((flags & kFemale) != 0)
        rate *= offending.female_multiplier;
    if ((flags & kEarlyAdversity) != 0)
        rate *= risk.early_adversity.offending_multiplier;
    if ((flags & kSchoolExclusion) != 0)
        rate *= risk.school_exclusion.offending_multiplier;
    if ((flags & kSubstanceMisuse) != 0)
        rate *= risk.substance_misuse.offending_multiplier;
    return rate;
}

std::uint32_t ReplicateRun::create_person(int birth_month, int now, bool in_initial_population) {
    People& people = s_.people;
    const auto person = static_cast<std::uint32_t>(people.size());
    Stream draws = stream(Decision::population, person, 1);
    std::uint8_t flags = draws.uniform() < p_.place.male_share ? 0 : kFemale;
    const auto area = static_cast<std::uint8_t>(
        std::min<int>(p_.place.areas - 1, static_cast<int>(draws.uniform() * p_.place.areas)));
    // The starting population is the place's as at start_month: nobody in it dies
    // during the warm-up.
    int exit_from = in_initial_population ? warmup_months_ : now;
    Stream survival = stream(Decision::demography, person, 0);
    const int age_months = exit_from - birth_month;
    int exit =
        exit_from + months_to_exit(p_.demography, age_months / 12.0, mortality_hazard(age_months),
                                   p_.place.max_age_years, survival);
    SimMonth exit_month = kNever;
    if (exit <= total_months_) {
        exit_month = static_cast<SimMonth>(exit);
        ++s_.exits_by_month[static_cast<std::size_t>(exit)];
    }
    people.add(static_cast<SimMonth>(birth_month), exit_month, area, (flags & kFemale) != 0);
    people.record[person].birth_calendar_month =
        static_cast<std::uint8_t>(calendar_month(birth_month));

    Stream traits = stream(Decision::propensity, person, 0);
    double shape = p_.offending.propensity_shape;
    double propensity = boost::random::gamma_distribution<double>(shape, 1.0 / shape)(traits);
    double victim_shape = p_.victims.victimisation_shape;
    double victimisation =
        boost::random::gamma_distribution<double>(victim_shape, 1.0 / victim_shape)(traits) *
        (1.0 + p_.victims.offender_overlap * propensity);
    people.victimisation[person] = static_cast<float>(victimisation);

    // Entrants that prevention programmes reached have fewer risk factors.
    double risk_ratio = 1.0;
    double gang_ratio = 1.0;
    if (!in_initial_population) {
        prevention_reach(person, now, risk_ratio, gang_ratio);
    }
    Stream risks = stream(Decision::risk_factors, person, 0);
    const RiskParameters& risk = p_.risk;
    if (risks.uniform() < risk.early_adversity.prevalence * risk_ratio)
        flags |= kEarlyAdversity;
    if (risks.uniform() < risk.school_exclusion.prevalence * risk_ratio)
        flags |= kSchoolExclusion;
    if (risks.uniform() < risk.substance_misuse.prevalence * risk_ratio)
        flags |= kSubstanceMisuse;
    if (risks.uniform() < p_.victims.partnered_share)
        flags |= kPartnered;
    people.record[person].flags = flags;
    people.record[person].fixed_rate_per_month = fixed_rate(static_cast<float>(propensity), flags);

    assign_gang_career(person, now, gang_ratio);
    assign_radicalisation(person, now);
    if (in_initial_population) {
        initialise_criminal_history(person, now);
    }
    if (count_people_) {
        s_.counts_by_person.offences.push_back(0);
        s_.counts_by_person.proven_offences.push_back(0);
        s_.counts_by_person.victimisations.push_back(0);
    }
    return person;
}

void ReplicateRun::assign_gang_career(std::uint32_t person, int now, double join_ratio) {
    const GangParameters& gang = p_.risk.gang;
    People& people = s_.people;
    Stream draws = stream(Decision::gang, person, 0);
    std::uint8_t flags = people.record[person].flags;
    int risk_factors = ((flags & kEarlyAdversity) != 0) + ((flags & kSchoolExclusion) != 0) +
                       ((flags & kSubstanceMisuse) != 0);
    double probability =
        gang.join_probability * gang_join_risk_power_[static_cast<std::size_t>(risk_factors)] *
        ((flags & kFemale) != 0 ? p_.offending.female_multiplier : 1.0) * join_ratio;
    double join_draw = draws.uniform();
    if (join_draw >= std::min(1.0, probability)) {
        return;  // the rest of this stream is never used, so it need not be drawn
    }
    double age_draw = draws.uniform();
    double gang_draw = draws.uniform();
    double length_months =
        boost::random::exponential_distribution<double>(1.0 / gang.membership_mean_months)(draws);
    double join_age =
        gang.join_age_min_years + age_draw * (gang.join_age_max_years - gang.join_age_min_years);
    int join = people.record[person].birth_month + static_cast<int>(join_age * 12.0);
    int leave =
        std::min<int>(join + 1 + static_cast<int>(length_months), people.record[person].exit_month);
    if (leave <= now || join >= total_months_ || leave <= join) {
        return;  // a membership wholly in the past, or after the simulation
    }
    int area = people.record[person].area;
    auto index = static_cast<std::uint16_t>(
        area * gang.gangs_per_area +
        std::min(gang.gangs_per_area - 1, static_cast<int>(gang_draw * gang.gangs_per_area)));
    people.record[person].gang = static_cast<std::uint16_t>(index + 1);
    // A membership that began before now is marked as begun last month, so the
    // month's touch does not list the member in their gang a second time.
    people.gang_months[person].join_month =
        static_cast<SimMonth>(join <= now ? std::min(join, now - 1) : join);
    people.gang_months[person].leave_month = static_cast<SimMonth>(std::min(leave, total_months_));
    if (join <= now) {
        gang_members_at_start_ += 1.0;
        s_.gang_members[index].push_back(person);
    } else {
        ++s_.gang_joins_by_month[static_cast<std::size_t>(join)];
    }
    if (leave < total_months_) {
        ++s_.gang_leaves_by_month[static_cast<std::size_t>(leave)];
    }
}

void ReplicateRun::initialise_criminal_history(std::uint32_t person, int now) {
    // Give a person in the starting population the career the model's own
    // dynamics would have given them: a first offence at the first event of their
    // hazard since age 10, a career of exponential length from it, and the
    // offences since then, some of them proven and on record.
    People& people = s_.people;
    Stream draws = stream(Decision::offending_schedule, person, -1);
    const double rate = personal_rate(person, now);  // no desistance yet
    const double* cumulative = hazard_table(person, now);
    const int months_since_ten =
        std::min(now - people.record[person].birth_month - 120, hazard_table_months_ - 1);
    const double first_offence_draw = draws.uniform();
    if (rate <= 0.0 || months_since_ten <= 0) {
        schedule(person, now, now);
        return;  // no offence yet (and no need for the stream's next draws)
    }
    const double hazard_so_far = rate * cumulative[months_since_ten];
    // The first offence's hazard is -log1p(-u), at least u + u^2 / 2: where u
    // alone reaches the hazard so far (for most people), so does the log, even
    // rounded (u^2 / 2 is then far above its rounding), and it need not be taken.
    constexpr double kSmallestDrawSkippingLog = 1e-3;
    if (first_offence_draw >= kSmallestDrawSkippingLog && first_offence_draw >= hazard_so_far) {
        schedule(person, now, now);
        return;
    }
    const double first_offence_hazard = -std::log1p(-first_offence_draw);
    if (first_offence_hazard >= hazard_so_far) {
        schedule(person, now, now);
        return;
    }
    double career_months = boost::random::exponential_distribution<double>(
        1.0 / p_.offending.career_mean_months)(draws);
    // Month (since age 10) of the first offence, and of the career's end.
    const double* first = std::upper_bound(cumulative + 1, cumulative + months_since_ten + 1,
                                           first_offence_hazard / rate) -
                          1;
    int first_month = static_cast<int>(first - cumulative);
    int career_end = std::min<int>(first_month + 1 + static_cast<int>(career_months), 30000);
    int career_to_now = std::min(career_end, months_since_ten);
    double expected_after_first =
        rate * (cumulative[career_to_now] - cumulative[std::min(first_month + 1, career_to_now)]) +
        p_.offending.desisted_multiplier * rate *
            (cumulative[months_since_ten] - cumulative[career_to_now]);
    int committed = 1 + boost::random::poisson_distribution<int, double>(
                            std::max(expected_after_first, 1e-12))(draws);
    int proven = boost::random::binomial_distribution<int, double>(
        committed, std::min(1.0, proven_share_of_offences_))(draws);
    people.record[person].career_end_month = static_cast<SimMonth>(
        std::min(people.record[person].birth_month + 120 + career_end, 30000));
    people.record[person].proven_offences = static_cast<std::uint16_t>(std::min(proven, 60000));
    schedule(person, now, now);
}

}  // namespace vrsim::model
