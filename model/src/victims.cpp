// Victims: a partner for domestic abuse, a rival gang member for some gang
// violence, otherwise someone weighted by their victimisation risk (heavy-tailed,
// so a few people are victimised repeatedly, and higher for people who offend),
// usually from the offender's own area. Violence exposes its victim, and the
// gangs involved, to contagion.
#include <algorithm>
#include <cmath>

#include "replicate_run.hpp"
#include "vrsim/model/weighted_guide.hpp"

namespace vrsim::model {

namespace {

// Residents per bucket of an area's victim guide (weighted_guide.hpp). With
// victimisation so concentrated (shape 0.012), 4 answers 85% of the Croydon
// baseline's victim draws from the bucket alone; 1 answers 95% but makes the
// guide 4 times larger, and was slower (2026-11-23).
constexpr std::size_t kResidentsPerVictimBucket = 4;

std::size_t age_band_of(const PlaceParameters& place, double age_years) {
    auto upper =
        std::upper_bound(place.age_band_lower.begin(), place.age_band_lower.end(), age_years);
    return static_cast<std::size_t>(
        std::max<std::ptrdiff_t>(0, upper - place.age_band_lower.begin() - 1));
}

// Index i with probability (cumulative[i] - cumulative[i-1]) / cumulative.back().
std::size_t weighted_index(const std::vector<double>& cumulative, double uniform) {
    const double* found =
        upper_bound_branchless(cumulative.data(), cumulative.size(), uniform * cumulative.back());
    return std::min(static_cast<std::size_t>(found - cumulative.data()), cumulative.size() - 1);
}

}  // namespace

void ReplicateRun::rebuild_victim_tables(int month) {
    const People& people = s_.people;
    const auto areas = static_cast<std::size_t>(p_.place.areas);
    s_.residents_by_area.resize(areas);
    s_.resident_traits_by_area.resize(areas);
    s_.cumulative_weight_by_area.resize(areas);
    s_.victim_guide_by_area.resize(areas);
    // The age band's weight by whole months of age, looked up rather than
    // searched for each resident (the same numbers: age_years is months / 12).
    auto& weight_by_age_months = s_.victim_weight_by_age_months;
    weight_by_age_months.resize(static_cast<std::size_t>(p_.place.max_age_years * 12.0) + 13);
    for (std::size_t months = 0; months < weight_by_age_months.size(); ++months) {
        weight_by_age_months[months] =
            p_.victims
                .age_band_victimisation[age_band_of(p_.place, static_cast<int>(months) / 12.0)];
    }
    // Each area's residents as a scan of everyone in index order would list
    // them: last year's in their order, less those gone since (exits are fixed
    // at birth), then the people added since, in index order. Each step reads
    // and writes its lists in order, where a scan of everyone scattered its
    // writes over every area's lists.
    for (std::size_t area = 0; area < areas; ++area) {
        auto& residents = s_.residents_by_area[area];
        auto& traits = s_.resident_traits_by_area[area];
        std::size_t kept = 0;
        for (std::size_t at = 0; at < residents.size(); ++at) {
            if (traits[at].exit_month > month) {
                residents[kept] = residents[at];
                traits[kept] = traits[at];
                ++kept;
            }
        }
        residents.resize(kept);
        traits.resize(kept);
    }
    for (auto person = s_.people_in_victim_tables; person < people.size(); ++person) {
        if (people.exit_month[person] > month) {
            s_.residents_by_area[people.area[person]].push_back(person);
            s_.resident_traits_by_area[people.area[person]].push_back(
                {people.victimisation[person], people.birth_month[person],
                 people.exit_month[person], people.female[person]});
        }
    }
    s_.people_in_victim_tables = static_cast<std::uint32_t>(people.size());

    const auto age_months_tabulated = static_cast<int>(weight_by_age_months.size());
    for (std::size_t area = 0; area < areas; ++area) {
        const auto& residents = s_.residents_by_area[area];
        const auto& traits = s_.resident_traits_by_area[area];
        auto& cumulative = s_.cumulative_weight_by_area[area];
        const std::size_t count = residents.size();
        cumulative.resize(count);
        double running = 0.0;  // from 0.0, as the running totals always began
        for (std::size_t at = 0; at < count; ++at) {
            const int age_months = month - traits[at].birth_month;
            const double age_weight =
                age_months >= 0 && age_months < age_months_tabulated
                    ? weight_by_age_months[static_cast<std::size_t>(age_months)]
                    : p_.victims.age_band_victimisation[age_band_of(p_.place, age_months / 12.0)];
            running += traits[at].victimisation * age_weight;
            cumulative[at] = running;
        }
        build_weighted_guide(cumulative, residents,
                             std::max<std::size_t>(1, count / kResidentsPerVictimBucket),
                             s_.victim_guide_by_area[area]);
    }
    s_.cumulative_weight_of_areas.clear();
    double running = 0.0;
    for (const auto& cumulative : s_.cumulative_weight_by_area) {
        running += cumulative.empty() ? 0.0 : cumulative.back();
        s_.cumulative_weight_of_areas.push_back(running);
    }
}

std::uint32_t ReplicateRun::choose_victim(std::uint32_t offender, int month, OffenceType type,
                                          std::uint32_t offence_number) {
    People& people = s_.people;
    if (type == OffenceType::domestic_abuse) {
        return partner_of(offender, month);
    }
    Stream draws = stream(Decision::victim, offender,
                          (static_cast<std::int64_t>(month) << 32) + offence_number);
    double rival_draw = draws.uniform();
    double local_draw = draws.uniform();
    auto usable = [&](std::uint32_t candidate) {
        return candidate != offender && people.record[candidate].exit_month > month &&
               people.record[candidate].release_month <= month;
    };
    if (in_gang(people, offender, month) && is_violence_against_the_person(type) &&
        rival_draw < p_.risk.gang.rival_victim_share && s_.gang_members.size() > 1) {
        std::size_t own = people.record[offender].gang - 1U;
        for (int attempt = 0; attempt < 4; ++attempt) {
            std::size_t rival = draws.below(s_.gang_members.size() - 1);
            rival += rival >= own ? 1 : 0;
            const auto& members = s_.gang_members[rival];
            if (members.empty()) {
                continue;
            }
            std::uint32_t candidate = members[draws.below(members.size())];
            if (usable(candidate) && in_gang(people, candidate, month)) {
                return candidate;
            }
        }
    }
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::size_t area = people.record[offender].area;
        if (local_draw >= p_.victims.local_share) {
            area = weighted_index(s_.cumulative_weight_of_areas, draws.uniform());
        }
        const auto& cumulative = s_.cumulative_weight_by_area[area];
        if (cumulative.empty() || cumulative.back() <= 0.0) {
            return kNobody;
        }
        std::uint32_t candidate = guided_item(cumulative, s_.victim_guide_by_area[area],
                                              s_.residents_by_area[area], draws.uniform());
        if (usable(candidate)) {
            return candidate;
        }
    }
    return kNobody;
}

std::uint32_t ReplicateRun::partner_of(std::uint32_t person, int month) {
    People& people = s_.people;
    std::uint32_t partner = people.record[person].partner;
    // The partner's exit from their record, which the victim's bookkeeping and
    // exposure read next anyway: one wait rather than two.
    if (partner != kNobody && people.record[partner].exit_month > month) {
        return partner;
    }
    // Link a partner of the other sex, of a similar age, from the same area.
    Stream draws = stream(Decision::victim, person, -1 - static_cast<std::int64_t>(month));
    const std::size_t area = people.record[person].area;
    const auto& residents = s_.residents_by_area[area];
    const auto& traits = s_.resident_traits_by_area[area];
    if (residents.empty()) {
        return kNobody;
    }
    const std::uint8_t female = (people.record[person].flags & kFemale) != 0 ? 1 : 0;
    const double age = age_years(person, month);
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::size_t at = draws.below(residents.size());
        const std::uint32_t candidate = residents[at];
        const double candidate_age = (month - traits[at].birth_month) / 12.0;
        // Sex, age and death first, from the traits beside the residents; the
        // candidate's record (a cache miss) only for those who would otherwise do.
        if (candidate == person || traits[at].female == female ||
            candidate_age < p_.offending.domestic_abuse_min_age_years ||
            std::abs(candidate_age - age) > 10.0 || traits[at].exit_month <= month) {
            continue;
        }
        const std::uint32_t their_partner = people.record[candidate].partner;
        if (their_partner == kNobody || people.exit_month[their_partner] <= month) {
            people.record[person].partner = candidate;
            people.record[candidate].partner = person;
            return candidate;
        }
    }
    return kNobody;
}

void ReplicateRun::record_victim(std::uint32_t victim, int month) {
    People& people = s_.people;
    int previous = people.record[victim].last_victim_month;
    if (count_people_ && reported(month)) {
        ++s_.counts_by_person.victimisations[victim];
    }
    if (previous == month) {
        return;  // counted once a month however often victimised
    }
    people.record[victim].last_victim_month = static_cast<SimMonth>(month);
    if (!reported(month)) {
        return;
    }
    outcome(month, Outcome::victims) += 1.0;
    if (previous >= month - p_.victims.repeat_window_months) {
        outcome(month, Outcome::repeat_victims) += 1.0;
    }
}

void ReplicateRun::expose(std::uint32_t person, int month) {
    if (!p_.contagion.enabled || p_.contagion.strength <= 0.0) {
        return;
    }
    People& people = s_.people;
    if (people.record[person].exposure_month == month) {
        return;  // exposures refresh the level rather than add up, so it stays bounded
    }
    people.record[person].exposure_level =
        static_cast<float>(contagion_level(person, month) / p_.contagion.strength);
    people.record[person].exposure_month = static_cast<SimMonth>(month);
    // The exposure acts from next month; someone still waiting for this month's
    // touch draws their schedule then anyway.
    if (people.record[person].next_touch_month != month &&
        people.record[person].exit_month > month) {
        schedule(person, month + 1, month);
    }
}

void ReplicateRun::expose_gang(std::uint32_t gang, std::uint32_t except, int month) {
    if (!p_.contagion.enabled || p_.contagion.strength <= 0.0) {
        return;
    }
    auto& members = s_.gang_members[gang];
    // Drop former members as we go; order is kept so results stay reproducible.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
        std::uint32_t member = members[i];
        if (s_.people.gang_months[member].leave_month <= month ||
            s_.people.record[member].exit_month <= month) {
            continue;
        }
        members[kept++] = member;
        if (member != except) {
            expose(member, month);
        }
    }
    members.resize(kept);
}

}  // namespace vrsim::model
