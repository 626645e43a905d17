// Programmes: referral, eligibility, consent, places, waiting lists, time in
// programme and exits, month by month, with the rules particular to each kind.
// Effects on people live in programme_effects.cpp.
#include <algorithm>
#include <cmath>

#include <boost/random/exponential_distribution.hpp>

#include "replicate_run.hpp"

namespace vrsim::model {

namespace {

// Keys that keep each programme's draws about a person apart.
std::int64_t programme_key(int month, std::size_t programme, std::size_t source = 0) {
    return (static_cast<std::int64_t>(month) * 64 + static_cast<std::int64_t>(programme)) * 256 +
           static_cast<std::int64_t>(source);
}

// The vulnerable episode of a person (const or not), or null.
template <typename Cases>
auto find_case(Cases& cases, std::uint32_t person) -> decltype(cases.data()) {
    auto found = std::find_if(cases.begin(), cases.end(), [person](const auto& vulnerable) {
        return vulnerable.person == person;
    });
    return found == cases.end() ? nullptr : &*found;
}

// The source of IOM's own selections, which are not a referral source.
constexpr std::uint16_t kSelectedByScore = 0xFFFF;

std::uint16_t membership_bit(std::size_t programme) {
    return static_cast<std::uint16_t>(1U << programme);
}

bool lower_gravity(OffenceType type, bool include_knife) {
    return type == OffenceType::violence_without_injury || type == OffenceType::acquisitive ||
           type == OffenceType::other || (include_knife && type == OffenceType::knife_enabled);
}

}  // namespace

void ReplicateRun::prepare_programmes() {
    s_.programmes.resize(p_.programmes.size());
    for (ProgrammeRun& run : s_.programmes) {
        run.caseload.clear();
        run.waiting.clear();
        run.referred.clear();
        run.starts.clear();
        run.last_referrals.clear();
    }
    s_.effect_slots.clear();
    s_.radicalisation_cases.clear();
    for (auto& sources : sources_by_event_) {
        sources.clear();
    }
    any_raising_effect_ = false;
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        const ProgrammeParameters& parameters = p_.programmes[programme];
        for (std::size_t source = 0; source < parameters.referral_sources.size(); ++source) {
            const auto event = static_cast<std::size_t>(parameters.referral_sources[source].event);
            if (parameters.referral_sources[source].event != ReferralEvent::monthly) {
                sources_by_event_[event].emplace_back(programme, source);
            }
        }
        for (double ratio : parameters.effects.offending_hazard_ratio) {
            any_raising_effect_ = any_raising_effect_ || ratio > 1.0;
        }
    }
}

double ReplicateRun::schedule_value(const std::vector<double>& by_month, int month) const {
    if (by_month.empty()) {
        return 0.0;
    }
    const int reported_month =
        std::clamp(month - warmup_months_, 0, static_cast<int>(by_month.size()) - 1);
    return by_month[static_cast<std::size_t>(reported_month)];
}

double ReplicateRun::places(std::size_t programme, int month) const {
    return schedule_value(p_.programmes[programme].places_by_month, month);
}

void ReplicateRun::count_programme(int month, std::size_t programme, ProgrammeMeasure measure,
                                   double value) {
    const std::size_t column = layout_.programme_column(programme, measure);
    if (reported(month) && column != OutcomeLayout::kNotReported) {
        out_.at(month - warmup_months_, column) += value;
    }
}

void ReplicateRun::refer_on(ReferralEvent event, std::uint32_t person, int month) {
    for (const auto& [programme, source] : sources_by_event_[static_cast<std::size_t>(event)]) {
        const ReferralSource& referral_source = p_.programmes[programme].referral_sources[source];
        Stream draws =
            stream(Decision::programme_referral, person, programme_key(month, programme, source));
        if (draws.uniform() < referral_source.probability) {
            s_.programmes[programme].referred.push_back(
                {person, static_cast<std::uint16_t>(source), static_cast<SimMonth>(month)});
        }
    }
}

RadicalisationCase* ReplicateRun::radicalisation_case(std::uint32_t person) {
    return find_case(s_.radicalisation_cases, person);
}

bool ReplicateRun::eligible(std::size_t programme, std::uint32_t person, int month) const {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    const People& people = s_.people;
    const double age = age_years(person, month);
    if (people.record[person].exit_month <= month || age < parameters.min_age_years ||
        age >= parameters.max_age_years) {
        return false;
    }
    switch (parameters.kind) {
        case ProgrammeKind::gang_exit:
            return in_gang(people, person, month);
        case ProgrammeKind::channel: {
            const RadicalisationCase* vulnerable = find_case(s_.radicalisation_cases, person);
            return vulnerable != nullptr && vulnerable->onset <= month && month < vulnerable->end &&
                   month < vulnerable->progression;
        }
        default:
            return true;
    }
}

void ReplicateRun::assess_referral(std::size_t programme, const Referral& referral, int month) {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    ProgrammeRun& run = s_.programmes[programme];
    People& people = s_.people;
    const std::uint32_t person = referral.person;
    if ((people.record[person].programme_membership & membership_bit(programme)) != 0 ||
        !eligible(programme, person, month)) {
        return;
    }
    count_programme(month, programme, ProgrammeMeasure::referrals);
    if (reported(month) && referral.source < parameters.referral_sources.size()) {
        out_.at(month - warmup_months_, layout_.referral_column(programme, referral.source)) += 1.0;
    }
    if (parameters.kind == ProgrammeKind::domestic_abuse_victims) {
        auto previous = std::find_if(run.last_referrals.begin(), run.last_referrals.end(),
                                     [&](const auto& entry) { return entry.first == person; });
        if (previous != run.last_referrals.end()) {
            if (month - previous->second <= 12) {
                count_programme(month, programme, ProgrammeMeasure::repeat_referrals);
            }
            previous->second = static_cast<SimMonth>(month);
        } else {
            run.last_referrals.emplace_back(person, static_cast<SimMonth>(month));
        }
    }
    Stream draws = stream(Decision::programme_consent, person, programme_key(month, programme));
    const double panel_draw = draws.uniform();
    const double adoption_draw = draws.uniform();
    const double consent_draw = draws.uniform();
    if (parameters.kind == ProgrammeKind::channel) {
        if (panel_draw >= parameters.channel_panel_probability) {
            return;  // screened out before panel
        }
        count_programme(month, programme, ProgrammeMeasure::discussed_at_panel);
        if (adoption_draw >= parameters.channel_adoption_probability) {
            return;
        }
    }
    if (consent_draw >= parameters.consent_probability) {
        count_programme(month, programme, ProgrammeMeasure::declined);
        return;
    }
    if (parameters.kind == ProgrammeKind::channel) {
        count_programme(month, programme, ProgrammeMeasure::adopted);
    }
    people.record[person].programme_membership |= membership_bit(programme);
    run.waiting.push_back({person, referral.source, static_cast<SimMonth>(month)});
}

void ReplicateRun::start_participation(std::size_t programme, const Referral& referral, int month) {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    ProgrammeRun& run = s_.programmes[programme];
    const std::uint32_t person = referral.person;
    Stream draws = stream(Decision::programme_duration, person, programme_key(month, programme));
    Participant participant{person, person, static_cast<SimMonth>(month), kNever, kNever};
    if (parameters.kind == ProgrammeKind::channel) {
        participant.next_review = static_cast<SimMonth>(
            std::min(month + parameters.channel_review_months, static_cast<int>(kNever)));
        if (RadicalisationCase* vulnerable = radicalisation_case(person)) {
            rescale_progression(*vulnerable, parameters.effects.radicalisation_hazard_ratio, month);
        }
    } else {
        const double months = boost::random::exponential_distribution<double>(
            1.0 / parameters.duration_mean_months)(draws);
        participant.planned_end = static_cast<SimMonth>(
            std::min<double>(month + std::max(1.0, std::round(months)), kNever - 1));
    }
    if (parameters.kind == ProgrammeKind::domestic_abuse_victims) {
        participant.target = partner_of(person, month);
    }
    run.caseload.push_back(participant);
    count_programme(month, programme, ProgrammeMeasure::starts);
    if (participant.target != kNobody) {
        start_effect(programme, participant.target, month);
    }
    if (parameters.kind == ProgrammeKind::gang_exit) {
        rescale_gang_exit(person, parameters.effects.gang_exit_hazard_ratio, month);
    }
    if (parameters.kind == ProgrammeKind::iom) {
        run.starts.push_back({person, month});
    }
}

void ReplicateRun::end_participation(std::size_t programme, const Participant& participant,
                                     int month) {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    s_.people.record[participant.person].programme_membership &=
        static_cast<std::uint16_t>(~membership_bit(programme));
    if (participant.target != kNobody) {
        end_effect(programme, participant.target, month);
    }
    if (parameters.kind == ProgrammeKind::channel) {
        if (RadicalisationCase* vulnerable = radicalisation_case(participant.person)) {
            rescale_progression(*vulnerable, 1.0 / parameters.effects.radicalisation_hazard_ratio,
                                month);
        }
    }
}

void ReplicateRun::select_iom(std::size_t programme, int month) {
    // Prolific and priority offenders: the most proven offences in the window,
    // the most recent first among equals, up to the free places.
    const ProgrammeParameters& parameters = p_.programmes[programme];
    ProgrammeRun& run = s_.programmes[programme];
    const auto free_places = static_cast<std::ptrdiff_t>(std::floor(places(programme, month))) -
                             static_cast<std::ptrdiff_t>(run.caseload.size());
    if (free_places <= 0) {
        return;
    }
    struct Candidate {
        std::uint32_t person;
        int proven;
        int last_month;
    };
    std::vector<Candidate> candidates;
    // Proven offences in the window (the newest are last: they are appended
    // as proven), counted per person in a scratch column that is zero between
    // calls; the first of a person's offences met from the newest end is their
    // most recent. The final sort orders candidates completely, so the order
    // they are found in does not matter.
    std::vector<std::uint32_t>& counts = s_.iom_proven_in_window;
    std::vector<std::pair<std::uint32_t, SimMonth>>& seen = s_.iom_offenders_in_window;
    counts.resize(s_.people.size(), 0);
    seen.clear();
    const int window_start = month - parameters.iom_score_window_months;
    for (auto offence = s_.proven_offences.rbegin();
         offence != s_.proven_offences.rend() && offence->proven_month > window_start; ++offence) {
        if (counts[offence->person]++ == 0) {
            seen.emplace_back(offence->person, static_cast<SimMonth>(offence->proven_month));
        }
    }
    for (const auto& [person, last_month] : seen) {
        const int count = static_cast<int>(counts[person]);
        counts[person] = 0;
        if (count >= parameters.iom_min_proven_offences &&
            (s_.people.record[person].programme_membership & membership_bit(programme)) == 0 &&
            eligible(programme, person, month)) {
            candidates.push_back({person, count, last_month});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.proven != b.proven) {
            return a.proven > b.proven;
        }
        if (a.last_month != b.last_month) {
            return a.last_month > b.last_month;
        }
        return a.person < b.person;
    });
    for (const Candidate& candidate : candidates) {
        if (static_cast<std::ptrdiff_t>(run.waiting.size()) >= free_places) {
            break;
        }
        assess_referral(programme,
                        {candidate.person, kSelectedByScore, static_cast<SimMonth>(month)}, month);
    }
}

void ReplicateRun::refer_monthly(std::size_t programme, int month) {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    ProgrammeRun& run = s_.programmes[programme];
    auto consider = [&](std::uint32_t person) {
        for (std::size_t source = 0; source < parameters.referral_sources.size(); ++source) {
            const ReferralSource& referral_source = parameters.referral_sources[source];
            if (referral_source.event != ReferralEvent::monthly) {
                continue;
            }
            Stream draws = stream(Decision::programme_referral, person,
                                  programme_key(month, programme, source));
            if (draws.uniform() < referral_source.probability) {
                run.referred.push_back(
                    {person, static_cast<std::uint16_t>(source), static_cast<SimMonth>(month)});
                return;
            }
        }
    };
    const bool has_monthly = std::any_of(
        parameters.referral_sources.begin(), parameters.referral_sources.end(),
        [](const ReferralSource& source) { return source.event == ReferralEvent::monthly; });
    if (!has_monthly) {
        return;
    }
    if (parameters.kind == ProgrammeKind::gang_exit) {
        for (const auto& members : s_.gang_members) {
            for (std::uint32_t member : members) {
                if (in_gang(s_.people, member, month)) {
                    consider(member);
                }
            }
        }
    } else if (parameters.kind == ProgrammeKind::channel) {
        for (const RadicalisationCase& vulnerable : s_.radicalisation_cases) {
            if (!vulnerable.handed_on && vulnerable.onset <= month && month < vulnerable.end &&
                month < vulnerable.progression) {
                consider(vulnerable.person);
            }
        }
    } else {
        // Anyone in the age range: a scan of the whole place each month, so a
        // monthly source on these kinds costs time in proportion to the population.
        for (std::uint32_t person = 0; person < s_.people.size(); ++person) {
            if (eligible(programme, person, month)) {
                consider(person);
            }
        }
    }
}

void ReplicateRun::channel_reviews(std::size_t programme, int month) {
    const ProgrammeParameters& parameters = p_.programmes[programme];
    ProgrammeRun& run = s_.programmes[programme];
    std::size_t kept = 0;
    for (Participant& participant : run.caseload) {
        if (participant.next_review == month) {
            Stream draws = stream(Decision::programme_duration, participant.person,
                                  programme_key(month, programme, 1));
            const double exit_draw = draws.uniform();
            const double concern_draw = draws.uniform();
            if (exit_draw < parameters.channel_exit_at_review_probability) {
                RadicalisationCase* vulnerable = radicalisation_case(participant.person);
                if (concern_draw < parameters.channel_no_further_concern_share) {
                    count_programme(month, programme, ProgrammeMeasure::exits_no_further_concern);
                    if (vulnerable != nullptr) {
                        vulnerable->end = static_cast<SimMonth>(month);
                    }
                } else {
                    count_programme(month, programme, ProgrammeMeasure::exits_to_other_services);
                    if (vulnerable != nullptr) {
                        vulnerable->handed_on = true;
                    }
                }
                count_programme(month, programme, ProgrammeMeasure::completions);
                end_participation(programme, participant, month);
                continue;
            }
            participant.next_review = static_cast<SimMonth>(
                std::min(month + parameters.channel_review_months, static_cast<int>(kNever)));
        }
        run.caseload[kept++] = participant;
    }
    run.caseload.resize(kept);
}

void ReplicateRun::run_programmes(int month) {
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        const ProgrammeParameters& parameters = p_.programmes[programme];
        ProgrammeRun& run = s_.programmes[programme];
        const double funded_places = places(programme, month);
        const auto capacity = static_cast<std::size_t>(std::floor(funded_places));
        count_programme(month, programme, ProgrammeMeasure::places, funded_places);
        count_programme(month, programme, ProgrammeMeasure::spend_gbp,
                        schedule_value(parameters.spend_gbp_by_month, month));
        if (parameters.kind == ProgrammeKind::prevention) {
            count_programme(month, programme, ProgrammeMeasure::caseload, funded_places);
            count_programme(month, programme, ProgrammeMeasure::starts,
                            funded_places / parameters.duration_mean_months);
            continue;
        }

        // Leavers: completions, deaths, people who no longer qualify.
        if (parameters.kind == ProgrammeKind::channel) {
            channel_reviews(programme, month);
        }
        std::size_t kept = 0;
        for (const Participant& participant : run.caseload) {
            const bool gone = s_.people.record[participant.person].exit_month <= month;
            const bool ineligible = parameters.kind == ProgrammeKind::channel && !gone &&
                                    !eligible(programme, participant.person, month);  // progressed
            if (!gone && !ineligible && participant.planned_end > month) {
                run.caseload[kept++] = participant;
                continue;
            }
            count_programme(
                month, programme,
                gone || ineligible ? ProgrammeMeasure::exits : ProgrammeMeasure::completions);
            end_participation(programme, participant, month);
        }
        run.caseload.resize(kept);
        // Wind-down: when places fall below the caseload, those nearest their
        // planned end leave first.
        if (run.caseload.size() > capacity) {
            std::stable_sort(run.caseload.begin(), run.caseload.end(),
                             [](const Participant& a, const Participant& b) {
                                 return a.planned_end < b.planned_end;
                             });
            for (std::size_t i = 0; i < run.caseload.size() - capacity; ++i) {
                count_programme(month, programme, ProgrammeMeasure::exits);
                end_participation(programme, run.caseload[i], month);
            }
            run.caseload.erase(run.caseload.begin(),
                               run.caseload.end() - static_cast<std::ptrdiff_t>(capacity));
        }

        // Referrals: by events this month, monthly sources, IOM's selection.
        refer_monthly(programme, month);
        for (const Referral& referral : run.referred) {
            assess_referral(programme, referral, month);
        }
        run.referred.clear();
        if (parameters.kind == ProgrammeKind::iom) {
            select_iom(programme, month);
        }

        // Waiting list, first come first served; people who waited too long,
        // left or no longer qualify drop off it.
        std::size_t next = 0;
        std::size_t still_waiting = 0;
        for (; next < run.waiting.size(); ++next) {
            const Referral referral = run.waiting[next];
            const bool stale = month - referral.month > parameters.max_wait_months ||
                               !eligible(programme, referral.person, month);
            if (stale) {
                s_.people.record[referral.person].programme_membership &=
                    static_cast<std::uint16_t>(~membership_bit(programme));
            } else if (run.caseload.size() < capacity) {
                start_participation(programme, referral, month);
            } else {
                run.waiting[still_waiting++] = referral;
            }
        }
        run.waiting.resize(still_waiting);
        count_programme(month, programme, ProgrammeMeasure::caseload,
                        static_cast<double>(run.caseload.size()));
        count_programme(month, programme, ProgrammeMeasure::waiting_list,
                        static_cast<double>(run.waiting.size()));
    }
}

bool ReplicateRun::divert_to_triage(std::uint32_t person, int month, OffenceType type,
                                    const CandidateDraws& draws) {
    People& people = s_.people;
    if (people.record[person].proven_offences != 0 ||
        (people.record[person].flags & kTriaged) != 0) {
        return false;  // triage is for a first arrest
    }
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        const ProgrammeParameters& parameters = p_.programmes[programme];
        ProgrammeRun& run = s_.programmes[programme];
        if (parameters.kind != ProgrammeKind::youth_triage ||
            !lower_gravity(type, parameters.triage_includes_knife_offences) ||
            !eligible(programme, person, month) ||
            (people.record[person].programme_membership & membership_bit(programme)) != 0 ||
            run.caseload.size() >= static_cast<std::size_t>(std::floor(places(programme, month)))) {
            continue;
        }
        count_programme(month, programme, ProgrammeMeasure::referrals);
        Stream consent =
            stream(Decision::programme_consent, person, programme_key(month, programme));
        if (consent.uniform() >= parameters.consent_probability) {
            count_programme(month, programme, ProgrammeMeasure::declined);
            continue;
        }
        // What the formal route would have made of it, from the same draws:
        // a caution proves it, a community resolution does not, a charge may.
        const JusticeParameters& justice = p_.justice;
        const double out_of_court = justice.youth_out_of_court_share;
        double proven_formally = justice.conviction_probability;
        if (draws.disposal() < out_of_court) {
            proven_formally =
                draws.disposal() >= out_of_court * justice.youth_community_resolution_share ? 1.0
                                                                                            : 0.0;
        }
        people.record[person].flags |= kTriaged;
        people.record[person].programme_membership |= membership_bit(programme);
        count_programme(month, programme, ProgrammeMeasure::diversions);
        count_programme(month, programme, ProgrammeMeasure::first_time_entrants_avoided,
                        proven_formally);
        start_participation(programme, {person, 0, static_cast<SimMonth>(month)}, month);
        return true;
    }
    return false;
}

void ReplicateRun::prevention_reach(std::uint32_t person, int now, double& risk_ratio,
                                    double& gang_ratio) {
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        const ProgrammeParameters& parameters = p_.programmes[programme];
        if (parameters.kind != ProgrammeKind::prevention) {
            continue;
        }
        // Share of this cohort the programme reached while they were of the
        // ages it works with: children started there, over the children of
        // those ages (a cohort a month, each entrants_per_month_ strong).
        const int birth = s_.people.record[person].birth_month;
        const int first = birth + static_cast<int>(parameters.prevention_reach_age_min_years * 12);
        const int last = birth + static_cast<int>(parameters.prevention_reach_age_max_years * 12);
        const int span_months = std::max(1, last - first);
        double started = 0.0;
        for (int month = first; month < last; ++month) {
            started += places(programme, month) / parameters.duration_mean_months;
        }
        const double coverage =
            std::min(1.0, started / (std::max(entrants_per_month_, 1e-9) * span_months));
        Stream draws =
            stream(Decision::programme_reach, person, static_cast<std::int64_t>(programme));
        if (draws.uniform() < coverage) {
            risk_ratio *= parameters.effects.risk_factor_ratio;
            gang_ratio *= parameters.effects.gang_join_ratio;
            count_programme(now, programme, ProgrammeMeasure::entrants_reached);
        }
    }
}

void ReplicateRun::finish_programmes() {
    const int first_quarter_month = (3 - calendar_month(0) % 3) % 3;
    for (std::size_t programme = 0; programme < p_.programmes.size(); ++programme) {
        if (p_.programmes[programme].kind != ProgrammeKind::iom) {
            continue;
        }
        write_reoffending_measure(out_, iom_cohort_columns(layout_, programme), warmup_months_,
                                  quarter_measures(measure_proven_reoffending(
                                      s_.programmes[programme].starts, s_.proven_offences,
                                      first_quarter_month, total_months_ - 1)));
    }
}

}  // namespace vrsim::model
