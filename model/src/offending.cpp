// Offending: each person's offences form a Poisson process whose rate changes
// monthly. The engine draws the next month with candidate offences from an upper
// bound of the rate (thinning), so a month touches only the people who may
// offend in it, not the whole place; a candidate becomes an offence with
// probability rate / bound. A rise in the rate (release, gang joining, violence
// nearby) redraws the schedule, which is exact because waiting times are
// memoryless.
#include <algorithm>
#include <cmath>

#include "replicate_run.hpp"

namespace vrsim::model {

namespace {

CandidateDraws draw_candidate(Stream& stream) {
    return {stream.uniform(), stream.uniform(), stream.uniform(), stream.uniform(),
            stream.uniform(), stream.uniform(), stream.uniform(), stream.uniform()};
}

// Zero-truncated Poisson(mean) by inversion: the count in a month known to have
// at least one candidate.
int zero_truncated_poisson(double mean, double uniform) {
    double probability = mean * std::exp(-mean) / -std::expm1(-mean);
    double cumulative = probability;
    int count = 1;
    while (uniform > cumulative && count < 1000) {
        ++count;
        probability *= mean / count;
        cumulative += probability;
    }
    return count;
}

}  // namespace

bool in_gang(const People& people, std::uint32_t person, int month) {
    return people.gang[person] != 0 && people.gang_join_month[person] <= month &&
           month < people.gang_leave_month[person];
}

std::size_t ReplicateRun::age_index(std::uint32_t person, int month) const {
    int years_past_ten = (month - s_.people.birth_month[person]) / 12 - 10;
    return std::min<std::size_t>(p_.offending.age_curve.size() - 1,
                                 static_cast<std::size_t>(std::max(0, years_past_ten)));
}

double ReplicateRun::rate_before_age(std::uint32_t person, int month) const {
    const People& people = s_.people;
    const OffendingParameters& offending = p_.offending;
    if (month - people.birth_month[person] < 120 || month < people.release_month[person] ||
        month >= people.exit_month[person]) {
        return 0.0;
    }
    std::uint8_t flags = people.flags[person];
    const RiskParameters& risk = p_.risk;
    double rate = offending.base_rate_per_month * people.propensity[person];
    if ((flags & kFemale) != 0)
        rate *= offending.female_multiplier;
    if ((flags & kEarlyAdversity) != 0)
        rate *= risk.early_adversity.offending_multiplier;
    if ((flags & kSchoolExclusion) != 0)
        rate *= risk.school_exclusion.offending_multiplier;
    if ((flags & kSubstanceMisuse) != 0)
        rate *= risk.substance_misuse.offending_multiplier;
    if (in_gang(people, person, month))
        rate *= risk.gang.offending_multiplier;
    if (people.career_end_month[person] <= month)
        rate *= offending.desisted_multiplier;
    return rate;
}

double ReplicateRun::offending_rate_without_mix(std::uint32_t person, int month) const {
    return rate_before_age(person, month) * p_.offending.age_curve[age_index(person, month)];
}

double ReplicateRun::contagion_level(std::uint32_t person, int month) const {
    const ContagionParameters& contagion = p_.contagion;
    const People& people = s_.people;
    if (!contagion.enabled) {
        return 0.0;
    }
    int exposed = people.exposure_month[person];
    double level = people.exposure_level[person] +
                   (month > exposed ? people.exposures_in_month[person] : 0.0F);
    if (level <= 0.0) {
        return 0.0;
    }
    return contagion.strength * level * std::exp(-(month - exposed) / contagion.decay_months);
}

int ReplicateRun::mix_of(std::uint32_t person, int month) const {
    const People& people = s_.people;
    bool can_abuse_partner =
        (people.flags[person] & kPartnered) != 0 &&
        month - people.birth_month[person] >= p_.offending.domestic_abuse_min_age_years * 12;
    return (in_gang(people, person, month) ? 2 : 0) + (can_abuse_partner ? 1 : 0);
}

void ReplicateRun::schedule(std::uint32_t person, int from_month, int now) {
    People& people = s_.people;
    if (people.schedule_month[person] != now) {
        people.schedule_month[person] = static_cast<SimMonth>(now);
        people.schedules_in_month[person] = 0;
    }
    int draw_number = people.schedules_in_month[person];
    people.schedules_in_month[person] = static_cast<std::uint8_t>(std::min(draw_number + 1, 255));
    Stream draws(key_.seed, key_.replicate, Decision::offending_schedule, person,
                 static_cast<std::int64_t>(now) * 256 + draw_number);

    // Nobody offends before 10 or in custody.
    int start = std::max({from_month, static_cast<int>(people.release_month[person]),
                          people.birth_month[person] + 120});
    int end = std::min<int>(total_months_, people.exit_month[person]);
    int candidate = kNever;
    double bound = 0.0;
    if (start < end) {
        // The age curve's maximum from here on, the highest season, and contagion
        // (which only decays until the next exposure redraws this schedule).
        bound = rate_before_age(person, start) * age_bound_[age_index(person, start)] *
                max_seasonality_ * (1.0 + contagion_level(person, start));
        if (bound > 0.0) {
            double first = start - std::log1p(-draws.uniform()) / bound;
            if (first < end) {
                candidate = static_cast<int>(first);
            }
        }
    }
    people.candidate_month[person] = static_cast<SimMonth>(candidate);
    people.candidate_bound[person] = static_cast<float>(bound);

    int next = candidate;
    if (people.gang[person] != 0 && people.gang_join_month[person] > now) {
        next = std::min<int>(next, people.gang_join_month[person]);
    }
    if (people.career_end_month[person] > now) {
        next = std::min<int>(next, people.career_end_month[person]);
    }
    people.next_touch_month[person] = static_cast<SimMonth>(next);
    if (next < total_months_) {
        s_.touches_by_month[static_cast<std::size_t>(next)].push_back(person);
    }
}

void ReplicateRun::process_touches(int month) {
    auto& bucket = s_.touches_by_month[static_cast<std::size_t>(month)];
    for (std::size_t i = 0; i < bucket.size(); ++i) {
        std::uint32_t person = bucket[i];
        if (s_.people.next_touch_month[person] == month) {
            touch(person, month);
        }
    }
    bucket.clear();
}

void ReplicateRun::touch(std::uint32_t person, int month) {
    People& people = s_.people;
    if (month >= people.exit_month[person]) {
        people.next_touch_month[person] = kNever;
        return;
    }
    if (people.gang[person] != 0 && people.gang_join_month[person] == month) {
        s_.gang_members[people.gang[person] - 1U].push_back(person);
    }
    if (people.candidate_month[person] != month) {
        // Woken by an event: redraw this month's candidates under the new rate.
        schedule(person, month, month);
    }
    if (people.candidate_month[person] == month) {
        commit_offences(person, month);
    }
    schedule(person, month + 1, month);
}

void ReplicateRun::commit_offences(std::uint32_t person, int month) {
    const People& people = s_.people;
    double bound = people.candidate_bound[person];
    Stream draws(key_.seed, key_.replicate, Decision::offence, person, month);
    int candidates = zero_truncated_poisson(bound, draws.uniform());

    int calendar_month = (p_.simulation.start_month.index - warmup_months_ + month) % 12;
    auto season = static_cast<std::size_t>(calendar_month);
    for (int k = 0; k < candidates; ++k) {
        CandidateDraws d = draw_candidate(draws);
        // Earlier offences this month may have changed the rate (custody, recall).
        double rate = offending_rate_without_mix(person, month);
        if (rate <= 0.0) {
            continue;
        }
        auto mix = static_cast<std::size_t>(mix_of(person, month));
        double contagion = contagion_level(person, month);
        double total = rate * (mix_seasonal_total_[mix][season] +
                               contagion * mix_seasonal_violence_[mix][season]);
        if (d.accept * bound >= total) {
            continue;
        }
        // Offence type in proportion to mix x season x contagion.
        double target = d.type * (mix_seasonal_total_[mix][season] +
                                  contagion * mix_seasonal_violence_[mix][season]);
        std::size_t type = 0;
        for (; type + 1 < kOffenceTypeCount; ++type) {
            auto offence_type = static_cast<OffenceType>(type);
            double weight = mix_[mix][type] * p_.offending.seasonality[type][season] *
                            (is_violence_against_the_person(offence_type) ? 1.0 + contagion : 1.0);
            if (target < weight) {
                break;
            }
            target -= weight;
        }
        auto offence_type = static_cast<OffenceType>(type);
        if (mix_[mix][type] <= 0.0) {
            continue;  // rounding left the draw on a type this person cannot commit
        }
        commit_offence(person, month, offence_type, d, static_cast<std::uint32_t>(k));
    }
}

}  // namespace vrsim::model

namespace vrsim::model {

namespace {

bool has_personal_victim(OffenceType type) {
    return is_violence_against_the_person(type) || type == OffenceType::robbery ||
           type == OffenceType::sexual;
}

}  // namespace

void ReplicateRun::commit_offence(std::uint32_t person, int month, OffenceType type,
                                  const CandidateDraws& draws, std::uint32_t offence_number) {
    People& people = s_.people;
    if (people.career_end_month[person] == kNever) {
        double career_months = -p_.offending.career_mean_months * std::log1p(-draws.career);
        people.career_end_month[person] =
            static_cast<SimMonth>(std::min<double>(month + 1 + career_months, kNever - 1));
    }
    int previous = people.last_offence_month[person];
    if (previous >= 0) {
        --s_.last_offences_by_month[static_cast<std::size_t>(previous)];
    }
    ++s_.last_offences_by_month[static_cast<std::size_t>(month)];
    people.last_offence_month[person] = static_cast<SimMonth>(month);

    bool recorded = draws.record < p_.justice.recording_probability[index_of(type)];
    if (reported(month)) {
        outcome(month, Outcome::offences_committed) += 1.0;
        if (count_people_) {
            ++s_.counts_by_person.offences[person];
        }
        if (recorded) {
            outcome(month, static_cast<Outcome>(index_of(type))) += 1.0;
            outcome(month, Outcome::recorded_total) += 1.0;
            if (is_violence_against_the_person(type)) {
                outcome(month, Outcome::recorded_violence_against_the_person) += 1.0;
            }
        }
    }

    bool violent = is_violence_against_the_person(type) || type == OffenceType::robbery;
    if (has_personal_victim(type)) {
        std::uint32_t victim = choose_victim(person, month, type, offence_number);
        if (victim != kNobody) {
            if (recorded) {
                record_victim(victim, month);
            }
            if (violent) {
                expose(victim, month);
                if (in_gang(people, victim, month)) {
                    expose_gang(people.gang[victim] - 1U, victim, month);
                }
            }
        }
    }
    if (violent && in_gang(people, person, month)) {
        expose_gang(people.gang[person] - 1U, person, month);
    }
    if (recorded && draws.sanction < p_.justice.sanction_probability[index_of(type)]) {
        sanction(person, month, type, draws);
    }
}

}  // namespace vrsim::model
