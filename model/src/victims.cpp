// Victims: a partner for domestic abuse, a rival gang member for some gang
// violence, otherwise someone weighted by their victimisation risk (heavy-tailed,
// so a few people are victimised repeatedly, and higher for people who offend),
// usually from the offender's own area. Violence exposes its victim, and the
// gangs involved, to contagion.
#include <algorithm>
#include <cmath>

#include "replicate_run.hpp"

namespace vrsim::model {

namespace {

std::size_t age_band_of(const PlaceParameters& place, double age_years) {
    auto upper =
        std::upper_bound(place.age_band_lower.begin(), place.age_band_lower.end(), age_years);
    return static_cast<std::size_t>(
        std::max<std::ptrdiff_t>(0, upper - place.age_band_lower.begin() - 1));
}

// The first of `count` ascending values from `first` that exceeds `value`, the
// one std::upper_bound finds, by steps the processor need not guess: each
// halving is a conditional move, where a branch on a random draw is
// mispredicted half the time.
const double* upper_bound_branchless(const double* first, std::size_t count, double value) {
    if (count == 0) {
        return first;
    }
    while (count > 1) {
        const std::size_t half = count / 2;
        first = first[half] <= value ? first + half : first;
        count -= half;
    }
    return first + (*first <= value ? 1 : 0);
}

// Index i with probability (cumulative[i] - cumulative[i-1]) / cumulative.back().
std::size_t weighted_index(const std::vector<double>& cumulative, double uniform) {
    const double* found =
        upper_bound_branchless(cumulative.data(), cumulative.size(), uniform * cumulative.back());
    return std::min(static_cast<std::size_t>(found - cumulative.data()), cumulative.size() - 1);
}

// The coarse block a target falls in (the first coarse total above it), found
// from the guide: guide[k] counts the coarse totals at or below k / G of the
// area's total (G = guide.size() - 1), so the block of a uniform draw u lies
// between guide[floor(u G)] and the next entry, usually one or two totals
// apart, instead of a binary search of the whole coarse table whose every
// step waits on memory. Rounding can put the target just outside that range;
// then (rarely) the whole table is searched. Either way the block is the one
// std::upper_bound finds.
std::size_t coarse_block(const std::vector<double>& coarse, const std::vector<std::uint32_t>& guide,
                         double uniform, double target) {
    const std::size_t buckets = guide.size() - 1;
    const std::size_t bucket =
        std::min(buckets - 1, static_cast<std::size_t>(uniform * static_cast<double>(buckets)));
    const std::size_t low = guide[bucket];
    const std::size_t high = guide[bucket + 1];
    if ((low == 0 || coarse[low - 1] <= target) &&
        (high == coarse.size() || coarse[high] > target)) {
        return static_cast<std::size_t>(
            upper_bound_branchless(coarse.data() + low, high - low, target) - coarse.data());
    }
    return static_cast<std::size_t>(upper_bound_branchless(coarse.data(), coarse.size(), target) -
                                    coarse.data());
}

// The same index through a coarse table of every kVictimBlock-th running total:
// the coarse search (through its guide) stays in cache and the fine one reads
// one block, where a search of the whole area's totals misses the cache at most
// of its steps. The block's lines, and those of `residents` the index will be
// looked up in, are asked for together so their cache misses overlap.
std::size_t weighted_index(const std::vector<double>& cumulative, const std::vector<double>& coarse,
                           const std::vector<std::uint32_t>& guide,
                           const std::vector<std::uint32_t>& residents, double uniform) {
    const double target = uniform * cumulative.back();
    const std::size_t block = coarse_block(coarse, guide, uniform, target);
    if (block == 0) {
        return 0;  // even the first running total exceeds the target
    }
    const std::size_t from = (block - 1) * kVictimBlock + 1;
    const std::size_t to = std::min(block * kVictimBlock, cumulative.size());
    for (std::size_t at = from; at < to; at += 8) {
        __builtin_prefetch(&cumulative[at]);  // 8 running totals a 64-byte line
    }
    __builtin_prefetch(&cumulative[to - 1]);
    __builtin_prefetch(&residents[from - 1]);
    __builtin_prefetch(&residents[to - 1]);
    const double* found = upper_bound_branchless(cumulative.data() + from, to - from, target);
    return std::min(static_cast<std::size_t>(found - cumulative.data()), cumulative.size() - 1);
}

}  // namespace

void ReplicateRun::rebuild_victim_tables(int month) {
    const People& people = s_.people;
    const auto areas = static_cast<std::size_t>(p_.place.areas);
    s_.residents_by_area.resize(areas);
    s_.resident_traits_by_area.resize(areas);
    s_.cumulative_weight_by_area.resize(areas);
    s_.coarse_weight_by_area.resize(areas);
    s_.coarse_guide_by_area.resize(areas);
    // The age band's weight by whole months of age, looked up rather than
    // searched for each resident (the same numbers: age_years is months / 12).
    auto& weight_by_age_months = s_.victim_weight_by_age_months;
    weight_by_age_months.resize(static_cast<std::size_t>(p_.place.max_age_years * 12.0) + 13);
    for (std::size_t months = 0; months < weight_by_age_months.size(); ++months) {
        weight_by_age_months[months] =
            p_.victims
                .age_band_victimisation[age_band_of(p_.place, static_cast<int>(months) / 12.0)];
    }
    // Two passes over everyone in index order, reading the fixed columns only:
    // the first counts each area's residents, so the second writes each table
    // in place rather than appending (sizes change little from year to year,
    // so resizing rarely has anything to fill).
    std::vector<std::size_t> residents_in(areas, 0);
    for (std::uint32_t person = 0; person < people.size(); ++person) {
        residents_in[people.area[person]] += people.exit_month[person] > month ? 1 : 0;
    }
    struct AreaTable {
        std::uint32_t* residents;
        ResidentTraits* traits;
        double* cumulative;
        double* coarse;
        std::size_t filled;
        double running;
    };
    std::vector<AreaTable> tables(areas);
    for (std::size_t area = 0; area < areas; ++area) {
        const std::size_t count = residents_in[area];
        s_.residents_by_area[area].resize(count);
        s_.resident_traits_by_area[area].resize(count);
        s_.cumulative_weight_by_area[area].resize(count);
        s_.coarse_weight_by_area[area].resize((count + kVictimBlock - 1) / kVictimBlock);
        tables[area] = {s_.residents_by_area[area].data(),
                        s_.resident_traits_by_area[area].data(),
                        s_.cumulative_weight_by_area[area].data(),
                        s_.coarse_weight_by_area[area].data(),
                        0,
                        0.0};
    }
    const auto age_months_tabulated = static_cast<int>(weight_by_age_months.size());
    for (std::uint32_t person = 0; person < people.size(); ++person) {
        if (people.exit_month[person] <= month) {
            continue;
        }
        const int age_months = month - people.birth_month[person];
        const double age_weight =
            age_months >= 0 && age_months < age_months_tabulated
                ? weight_by_age_months[static_cast<std::size_t>(age_months)]
                : p_.victims.age_band_victimisation[age_band_of(p_.place, age_months / 12.0)];
        const double weight = people.victimisation[person] * age_weight;
        AreaTable& table = tables[people.area[person]];
        const std::size_t at = table.filled++;
        table.residents[at] = person;
        table.traits[at] = {people.birth_month[person], people.female[person]};
        table.running += weight;  // from 0.0, as the running totals always began
        table.cumulative[at] = table.running;
        if (at % kVictimBlock == 0) {
            table.coarse[at / kVictimBlock] = table.running;
        }
    }
    for (std::size_t area = 0; area < areas; ++area) {
        const auto& coarse = s_.coarse_weight_by_area[area];
        auto& guide = s_.coarse_guide_by_area[area];
        const std::size_t buckets = std::max<std::size_t>(1, coarse.size());
        const double total = tables[area].running;  // = the area's last running total
        guide.resize(buckets + 1);
        std::size_t below = 0;
        for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
            const double boundary =
                total * (static_cast<double>(bucket) / static_cast<double>(buckets));
            while (below < coarse.size() && coarse[below] <= boundary) {
                ++below;
            }
            guide[bucket] = static_cast<std::uint32_t>(below);
        }
        guide[buckets] = static_cast<std::uint32_t>(coarse.size());
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
        const auto& residents = s_.residents_by_area[area];
        std::uint32_t candidate =
            residents[weighted_index(cumulative, s_.coarse_weight_by_area[area],
                                     s_.coarse_guide_by_area[area], residents, draws.uniform())];
        if (usable(candidate)) {
            return candidate;
        }
    }
    return kNobody;
}

std::uint32_t ReplicateRun::partner_of(std::uint32_t person, int month) {
    People& people = s_.people;
    std::uint32_t partner = people.record[person].partner;
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
        // Sex and age first, from the traits beside the residents; the
        // candidate's record and partner (cache misses each) only for those
        // who would otherwise do.
        if (candidate == person || traits[at].female == female ||
            candidate_age < p_.offending.domestic_abuse_min_age_years ||
            std::abs(candidate_age - age) > 10.0 || people.record[candidate].exit_month <= month) {
            continue;
        }
        if (people.record[candidate].partner == kNobody ||
            people.record[people.record[candidate].partner].exit_month <= month) {
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
