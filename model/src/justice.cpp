// Justice: a recorded offence may be detected and sanctioned, by an out-of-court
// disposal at once or by a charge that reaches court months later; conviction,
// sentence, custody with automatic release on licence part-way, recall on
// reoffending. Proven offences make first-time entrants and feed the MoJ
// reoffending measure.
#include <algorithm>
#include <cmath>

#include <boost/random/lognormal_distribution.hpp>

#include "replicate_run.hpp"

namespace vrsim::model {

void ReplicateRun::sanction(std::uint32_t person, int month, OffenceType type,
                            const CandidateDraws& draws, std::uint32_t offence_number) {
    People& people = s_.people;
    const JusticeParameters& justice = p_.justice;
    bool youth = age_years(person, month) < 18.0;
    double out_of_court_share =
        youth ? justice.youth_out_of_court_share : justice.adult_out_of_court_share;
    bool on_licence = people.record[person].release_month <= month &&
                      month < people.record[person].licence_end_month;
    refer_on(ReferralEvent::arrest, person, month);
    if (type == OffenceType::domestic_abuse) {
        refer_on(ReferralEvent::domestic_abuse_perpetrator, person, month);
    }
    if (on_licence &&
        draws.recall() < justice.recall_probability * recall_multiplier(person, month)) {
        // Recall: back to custody for a fixed term from this month; the licence runs on.
        int release = month + justice.recall_months;
        people.record[person].release_month =
            static_cast<SimMonth>(std::min(release, total_months_));
        after_custody_change(person, month);
    }
    if (youth && divert_to_triage(person, month, type, draws)) {
        return;
    }
    if (draws.disposal() < out_of_court_share) {
        if (reported(month)) {
            outcome(month, Outcome::out_of_court_disposals) += 1.0;
        }
        double community_resolution_share = youth ? justice.youth_community_resolution_share
                                                  : justice.adult_community_resolution_share;
        // The same draw splits the disposal, so no decision shifts another's numbers.
        if (draws.disposal() >= out_of_court_share * community_resolution_share) {
            prove(person, month, month);  // a caution
            s_.index_events.push_back({person, month});
        }
        return;
    }
    // Exponential delay rounded to whole months (mean as set).
    int delay = static_cast<int>(
        std::lround(-justice.charge_to_sentence_mean_months * std::log1p(-draws.delay())));
    int court_month = month + delay;
    if (court_month < total_months_) {
        s_.cases_by_month[static_cast<std::size_t>(court_month)].push_back(
            {person, static_cast<SimMonth>(month),
             static_cast<std::uint16_t>(std::min<std::uint32_t>(offence_number, 65535)), type});
    }
}

void ReplicateRun::process_court(int month) {
    const JusticeParameters& justice = p_.justice;
    auto& cases = s_.cases_by_month[static_cast<std::size_t>(month)];
    for (const PendingCase& pending : cases) {
        std::uint32_t person = pending.person;
        if (s_.people.record[person].exit_month <= month) {
            continue;
        }
        // Keyed by the offence (its month and number), so two cases never share draws.
        Stream draws = stream(Decision::justice, person,
                              (static_cast<std::int64_t>(month) << 40) +
                                  (static_cast<std::int64_t>(pending.offence_month + 32768) << 16) +
                                  pending.offence_number);
        double conviction_draw = draws.uniform();
        double custody_draw = draws.uniform();
        if (conviction_draw >= justice.conviction_probability) {
            continue;
        }
        int prior =
            std::min<int>(s_.people.record[person].proven_offences, justice.prior_offences_cap);
        if (reported(month)) {
            outcome(month, Outcome::convictions) += 1.0;
        }
        prove(person, pending.offence_month, month);
        double custody = justice.custody_probability[index_of(pending.type)];
        if (age_years(person, month) < 18.0) {
            custody *= justice.youth_custody_multiplier;
        }
        custody = std::min(custody, 1.0 - 1e-12);
        double odds =
            custody / (1.0 - custody) * std::pow(justice.custody_odds_per_prior_offence, prior);
        if (custody_draw < odds / (1.0 + odds)) {
            sentence_to_custody(person, month, pending.type);
        } else {
            s_.index_events.push_back({person, month});
        }
    }
    cases.clear();
}

void ReplicateRun::prove(std::uint32_t person, int offence_month, int month) {
    People& people = s_.people;
    if (reported(month)) {
        outcome(month, Outcome::proven_offences) += 1.0;
        if (count_people_) {
            ++s_.counts_by_person.proven_offences[person];
            ++s_.counts_by_person
                  .proven_offences_by_age[static_cast<std::size_t>(age_years(person, month))];
        }
        if (people.record[person].proven_offences == 0) {
            outcome(month, age_years(person, month) < 18.0 ? Outcome::first_time_entrants_youth
                                                           : Outcome::first_time_entrants_adult) +=
                1.0;
        }
    }
    if (people.record[person].proven_offences < 60000) {
        ++people.record[person].proven_offences;
    }
    s_.proven_offences.push_back({person, offence_month, month});
    refer_on(ReferralEvent::proven_offence, person, month);
}

void ReplicateRun::sentence_to_custody(std::uint32_t person, int month, OffenceType type) {
    People& people = s_.people;
    const JusticeParameters& justice = p_.justice;
    Stream draws = stream(Decision::sentence, person, month);
    double sigma = justice.sentence_lognormal_sigma;
    double mean = justice.sentence_mean_months[index_of(type)];
    double length = boost::random::lognormal_distribution<double>(
        std::log(mean) - sigma * sigma / 2.0, sigma)(draws);
    int sentence_months = static_cast<int>(std::lround(std::clamp(length, 1.0, 1200.0)));
    int custody_months =
        std::max(1, static_cast<int>(std::ceil(sentence_months * justice.release_fraction)));
    // Sentences run concurrently with any still being served.
    int release = std::max<int>(people.record[person].release_month, month + custody_months);
    int licence_end =
        std::max<int>(people.record[person].licence_end_month, month + sentence_months);
    people.record[person].release_month = static_cast<SimMonth>(std::min(release, kNever - 1));
    people.record[person].licence_end_month =
        static_cast<SimMonth>(std::min(licence_end, kNever - 1));
    if (reported(month)) {
        outcome(month, Outcome::custodial_sentences) += 1.0;
    }
    after_custody_change(person, month);
}

void ReplicateRun::after_custody_change(std::uint32_t person, int month) {
    People& people = s_.people;
    if ((people.record[person].flags & kInCustodialRegister) == 0) {
        people.record[person].flags |= kInCustodialRegister;
        s_.custodial_register.push_back(person);
    }
    // Someone mid-touch this month redraws their schedule when the touch ends.
    if (people.record[person].next_touch_month != month) {
        schedule(person, month + 1, month);
    }
}

void ReplicateRun::count_custodial_register(int month) {
    People& people = s_.people;
    int in_custody = 0;
    int on_licence = 0;
    std::size_t kept = 0;
    for (std::uint32_t person : s_.custodial_register) {
        bool gone = people.record[person].exit_month <= month;
        bool finished = people.record[person].release_month <= month &&
                        people.record[person].licence_end_month <= month;
        if (!gone && people.record[person].release_month == month) {
            s_.index_events.push_back({person, month});  // released: a reoffending index event
            refer_on(ReferralEvent::release_from_custody, person, month);
        }
        if (gone || finished) {
            people.record[person].flags &= static_cast<std::uint8_t>(~kInCustodialRegister);
            continue;
        }
        s_.custodial_register[kept++] = person;
        if (month < people.record[person].release_month) {
            ++in_custody;
        } else {
            ++on_licence;
        }
    }
    s_.custodial_register.resize(kept);
    if (reported(month)) {
        outcome(month, Outcome::custody_population) = in_custody;
        outcome(month, Outcome::licence_population) = on_licence;
    }
}

}  // namespace vrsim::model
