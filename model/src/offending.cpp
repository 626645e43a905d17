// Offending: each person's offences form a Poisson process whose rate is
// constant within a month. The engine draws the time of a person's next
// offence by inverting the cumulative hazard of the age curve and the seasons
// (tabulated once per replicate), so a month touches only the people who offend
// in it, not the whole place. What can only fall between events (contagion
// fading, a sentence) is handled by thinning: a candidate is an offence with
// probability rate / envelope. Anything that changes the rate (release, gang
// joining or leaving, desistance, violence nearby) redraws the schedule, which
// is exact because waiting times are memoryless.
#include <algorithm>
#include <cmath>

#include <boost/random/exponential_distribution.hpp>

#include "replicate_run.hpp"
#include "vrsim/model/weighted_guide.hpp"

namespace vrsim::model {

namespace {

// Months of the hazard table a candidate time is first looked for in turn.
constexpr std::ptrdiff_t kMonthsScannedInTurn = 4;

}  // namespace

void ReplicateRun::build_hazard_tables() {
    // Cumulative age-curve x season weight from the 10th birthday, for each
    // birth month of the year, gang membership and partner (domestic abuse from
    // its minimum age): the part of the hazard that changes without events.
    const OffendingParameters& offending = p_.offending;
    hazard_table_months_ = static_cast<int>(p_.place.max_age_years * 12.0) - 120 + 1;
    const int partner_from_months = offending.domestic_abuse_min_age_years * 12;
    hazard_tables_.resize(48 * static_cast<std::size_t>(hazard_table_months_));
    for (int table = 0; table < 48; ++table) {
        int birth_class = table / 4;
        bool gang = (table / 2) % 2 == 1;
        bool partnered = table % 2 == 1;
        double* cumulative =
            &hazard_tables_[static_cast<std::size_t>(table * hazard_table_months_)];
        cumulative[0] = 0.0;
        for (int k = 0; k + 1 < hazard_table_months_; ++k) {
            int age_months = 120 + k;
            std::size_t age = std::min<std::size_t>(offending.age_curve.size() - 1,
                                                    static_cast<std::size_t>(k / 12));
            int mix = (gang ? 2 : 0) + (partnered && age_months >= partner_from_months ? 1 : 0);
            auto season = static_cast<std::size_t>((birth_class + age_months) % 12);
            cumulative[k + 1] =
                cumulative[k] + offending.age_curve[age] *
                                    mix_seasonal_total_[static_cast<std::size_t>(mix)][season];
        }
    }
}

void ReplicateRun::draw_candidate_time(std::uint32_t person, double from_time, int now) {
    People& people = s_.people;
    if (people.record[person].schedule_month != now) {
        people.record[person].schedule_month = static_cast<SimMonth>(now);
        people.record[person].schedules_in_month = 0;
    }
    int draw_number = people.record[person].schedules_in_month;
    people.record[person].schedules_in_month =
        static_cast<std::uint16_t>(std::min(draw_number + 1, 65535));
    Stream draws = stream(Decision::offending_schedule, person,
                          static_cast<std::int64_t>(now) * 65536 + draw_number);
    // The waiting time in hazard units, Exponential(1), by Boost's ziggurat:
    // almost always one 64-bit draw and a table look-up, where -log1p(-u) took
    // a tenth of the run.
    const double waiting = boost::random::exponential_distribution<double>(1.0)(draws);

    people.record[person].candidate_time = kNoCandidate;
    people.record[person].candidate_envelope = 0.0F;
    // Nobody offends before 10 or in custody.
    const int birth = people.record[person].birth_month;
    double start = std::max({from_time, static_cast<double>(people.record[person].release_month),
                             static_cast<double>(birth + 120)});
    const int end = std::min<int>(total_months_, people.record[person].exit_month);
    if (start >= end) {
        return;
    }
    const auto start_month = static_cast<int>(start);
    // Contagion only fades until the next exposure, which redraws this schedule;
    // exposures this month act from next month.
    double contagion =
        std::max(contagion_level(person, start_month), contagion_level(person, start_month + 1));
    double envelope =
        personal_rate(person, start_month) * (1.0 + contagion) * effect_ceiling(person);
    if (envelope <= 0.0) {
        return;
    }
    const double* cumulative = hazard_table(person, start_month);
    double age = start - (birth + 120);
    auto whole = static_cast<int>(age);
    if (whole + 1 >= hazard_table_months_) {
        return;
    }
    double at_start =
        cumulative[whole] + (age - whole) * (cumulative[whole + 1] - cumulative[whole]);
    // The first tabulated month whose cumulative hazard exceeds the target, as
    // std::upper_bound over the rest of the table would find it, but cheaper:
    // first ruled out when it lies at or past `end` (most people's next
    // candidate does), then looked for in the next few months in turn, since
    // it is usually there, and only then found by galloping on from them and a
    // search without branches.
    const double* last = cumulative + hazard_table_months_;
    const int end_index = end - birth - 120;  // months since age 10 at `end`
    const double* high = end_index < hazard_table_months_ ? cumulative + end_index : last;
    const double target = at_start + waiting / envelope;
    if (high != last && *high <= target) {
        return;  // the candidate would fall at or after `end`
    }
    const double* low = cumulative + whole + 1;
    const double* above = low;
    const double* scanned_to =
        high - low > kMonthsScannedInTurn ? low + kMonthsScannedInTurn : high;
    while (above != scanned_to && *above <= target) {
        ++above;
    }
    if (above == scanned_to && above != high) {
        low = above;  // everything before it is at or below the target
        for (std::ptrdiff_t step = 1;; step *= 2) {
            // Compared as a count, so that no pointer is formed past the table.
            if (step - 1 >= high - low) {
                break;
            }
            const double* probe = low + (step - 1);
            if (*probe > target) {
                high = probe;
                break;
            }
            low = probe + 1;
        }
        above = upper_bound_branchless(low, static_cast<std::size_t>(high - low), target);
    }
    if (above == last) {
        return;  // no offence before the end of life
    }
    double fraction = (target - *(above - 1)) / (*above - *(above - 1));
    double time = birth + 120 + static_cast<double>(above - 1 - cumulative) + fraction;
    if (time < end) {
        people.record[person].candidate_time = std::max(time, start);
        people.record[person].candidate_envelope = static_cast<float>(envelope);
    }
}

void ReplicateRun::set_next_touch(std::uint32_t person, int now) {
    People& people = s_.people;
    int next = people.record[person].candidate_time < total_months_
                   ? static_cast<int>(people.record[person].candidate_time)
                   : kNever;
    if (people.record[person].gang != 0) {
        if (people.gang_months[person].join_month > now) {
            next = std::min<int>(next, people.gang_months[person].join_month);
        }
        if (people.gang_months[person].leave_month > now) {
            next = std::min<int>(next, people.gang_months[person].leave_month);
        }
    }
    if (people.record[person].career_end_month > now) {
        next = std::min<int>(next, people.record[person].career_end_month);
    }
    people.record[person].next_touch_month = static_cast<SimMonth>(next);
    if (next < total_months_) {
        s_.touches_by_month[static_cast<std::size_t>(next)].push_back(person);
    }
}

void ReplicateRun::schedule(std::uint32_t person, int from_month, int now) {
    draw_candidate_time(person, from_month, now);
    set_next_touch(person, now);
}

void ReplicateRun::process_touches(int month) {
    auto& bucket = s_.touches_by_month[static_cast<std::size_t>(month)];
    // People in a bucket are scattered over the columns, so each touch would wait
    // on a dozen cache misses; asking for the state of the person a few places
    // ahead overlaps those waits.
    constexpr std::size_t kPrefetchAhead = 16;
    for (std::size_t i = 0; i < bucket.size(); ++i) {
        if (i + kPrefetchAhead < bucket.size()) {
            s_.people.prefetch(bucket[i + kPrefetchAhead]);
        }
        std::uint32_t person = bucket[i];
        if (s_.people.record[person].next_touch_month == month) {
            touch(person, month);
        }
    }
    bucket.clear();
}

void ReplicateRun::touch(std::uint32_t person, int month) {
    People& people = s_.people;
    if (month >= people.record[person].exit_month) {
        people.record[person].next_touch_month = kNever;
        return;
    }
    bool event = people.record[person].career_end_month == month;
    if (people.record[person].gang != 0) {
        if (people.gang_months[person].join_month == month) {
            s_.gang_members[people.record[person].gang - 1U].push_back(person);
            event = true;
        }
        event = event || people.gang_months[person].leave_month == month;
    }
    if (event) {
        // The rate changed at the start of this month: redraw from there.
        draw_candidate_time(person, month, month);
    }
    Stream draws = stream(Decision::offence, person, month);
    const auto season = static_cast<std::size_t>(calendar_month(month));
    std::uint32_t offence_number = 0;
    while (people.record[person].candidate_time < month + 1) {
        consider_candidate(person, month, season, draws, offence_number++);
        draw_candidate_time(person, people.record[person].candidate_time, month);
    }
    set_next_touch(person, month);
}

void ReplicateRun::consider_candidate(std::uint32_t person, int month, std::size_t season,
                                      const Stream& draws, std::uint32_t offence_number) {
    const CandidateDraws d(draws, offence_number);
    // Earlier offences this month may have changed the rate (a recall to custody).
    double rate = personal_rate(person, month);
    if (rate <= 0.0) {
        return;
    }
    auto mix = static_cast<std::size_t>(mix_of(person, month));
    double contagion = contagion_level(person, month);
    double all_types = mix_seasonal_total_[mix][season];
    // Weight of each type: mix x season (tabulated) x contagion (on violence) x
    // programme effects.
    const PerOffenceType<double>& mix_by_season = mix_season_weight_[mix][season];
    const double violence_factor = 1.0 + contagion;
    auto type_weight = [&](std::size_t type) {
        return mix_by_season[type] * (is_violence_against_the_person(static_cast<OffenceType>(type))
                                          ? violence_factor
                                          : 1.0);
    };
    // Most candidates have neither programme effects nor contagion: then each
    // type's weight is the tabulated mix x season and their sum is all_types,
    // the very numbers (x 1.0 changes nothing, and all_types was summed in the
    // same order), so neither is worked out again.
    PerOffenceType<double> weights;
    const PerOffenceType<double>* type_weights = &mix_by_season;
    double with_effects = all_types;
    const bool has_effects = offending_ratios(person, month, weights);
    if (has_effects || contagion != 0.0) {
        with_effects = 0.0;
        for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
            // Without effects the ratios are 1, not multiplied in: no array of
            // ones written and read back at once (a store-forwarding stall).
            weights[type] = has_effects ? weights[type] * type_weight(type) : type_weight(type);
            with_effects += weights[type];
        }
        type_weights = &weights;
    }
    // The envelope's hazard is envelope x (age curve x season); the true one is
    // rate x (age curve x season) x with_effects / all_types.
    if (d.accept() * s_.people.record[person].candidate_envelope * all_types >=
        rate * with_effects) {
        return;
    }
    double target = d.type() * with_effects;
    std::size_t type = 0;
    for (; type + 1 < kOffenceTypeCount; ++type) {
        if (target < (*type_weights)[type]) {
            break;
        }
        target -= (*type_weights)[type];
    }
    if (mix_[mix][type] <= 0.0) {
        return;  // rounding left the draw on a type this person cannot commit
    }
    commit_offence(person, month, static_cast<OffenceType>(type), d, offence_number);
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
    if (people.record[person].career_end_month == kNever) {
        double career_months = -p_.offending.career_mean_months * std::log1p(-draws.career());
        people.record[person].career_end_month =
            static_cast<SimMonth>(std::min<double>(month + 1 + career_months, kNever - 1));
    }
    int previous = people.record[person].last_offence_month;
    if (previous >= 0) {
        --s_.last_offences_by_month[static_cast<std::size_t>(previous)];
    }
    ++s_.last_offences_by_month[static_cast<std::size_t>(month)];
    people.record[person].last_offence_month = static_cast<SimMonth>(month);

    bool recorded = draws.record() < p_.justice.recording_probability[index_of(type)];
    if (reported(month)) {
        outcome(month, Outcome::offences_committed) += 1.0;
        outcome(month, committed_outcome(type)) += 1.0;
        if (count_people_) {
            ++s_.counts_by_person.offences[person];
            ++s_.counts_by_person
                  .offences_by_age[static_cast<std::size_t>(age_years(person, month))];
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
    // A victim matters when the offence is recorded (counts, referrals) or
    // violent (contagion); choosing one changes nothing else (choose_victim
    // draws from its own stream, and only domestic abuse, always violent, links
    // a partner), so an unrecorded sexual offence needs none.
    if (has_personal_victim(type) && (recorded || violent)) {
        std::uint32_t victim = choose_victim(person, month, type, offence_number);
        if (victim != kNobody) {
            if (recorded) {
                record_victim(victim, month);
                if (type == OffenceType::domestic_abuse) {
                    refer_on(ReferralEvent::domestic_abuse_victim, victim, month);
                } else if (violent) {
                    refer_on(ReferralEvent::violent_victimisation, victim, month);
                }
            }
            if (violent) {
                expose(victim, month);
                if (in_gang(people, victim, month)) {
                    expose_gang(people.record[victim].gang - 1U, victim, month);
                }
            }
        }
    }
    if (violent && in_gang(people, person, month)) {
        expose_gang(people.record[person].gang - 1U, person, month);
    }
    if (recorded && draws.sanction() < p_.justice.sanction_probability[index_of(type)] *
                                           detection_multiplier(person, month)) {
        sanction(person, month, type, draws, offence_number);
    }
}

}  // namespace vrsim::model
