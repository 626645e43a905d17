// Programme effects on the people they reach: hazard ratios on offending by type
// while in a programme, fading after exit; detection and recall (IOM); leaving
// a gang sooner (gang exit); slower radicalisation (Channel, radicalisation.cpp).
//
// Offending ratios act by thinning: a candidate offence is kept with
// probability (true rate) / (envelope), and the envelope ignores ratios below 1,
// so starting or leaving a programme never redraws a person's schedule and two
// scenarios keep the same candidate offences until a programme removes one.
#include <algorithm>
#include <cmath>

#include "replicate_run.hpp"

namespace vrsim::model {

namespace {

// An entry whose effect has faded to nothing can be replaced.
bool spent(const EffectEntry& entry, double fade_months, int month) {
    return entry.end != kNever && month >= entry.end + static_cast<int>(10.0 * fade_months);
}

}  // namespace

void ReplicateRun::start_effect(std::size_t programme, std::uint32_t person, int month) {
    People& people = s_.people;
    if (people.record[person].effect_slot == kNobody) {
        people.record[person].effect_slot = static_cast<std::uint32_t>(s_.effect_slots.size());
        s_.effect_slots.emplace_back();
    }
    EffectSlot& slot = s_.effect_slots[people.record[person].effect_slot];
    EffectEntry entry{static_cast<std::uint8_t>(programme), static_cast<SimMonth>(month), kNever};
    // A person holds at most four effects at once; a spent one makes room, and
    // with four live ones the new programme acts on them without an effect.
    // Starting a programme again replaces its fading effect rather than adding to it.
    std::size_t at = slot.count;
    for (std::size_t i = 0; i < slot.count; ++i) {
        if (slot.entries[i].programme == programme) {
            at = i;
            break;
        }
    }
    for (std::size_t i = 0; i < slot.count && at == slot.count; ++i) {
        const EffectEntry& held = slot.entries[i];
        if (spent(held, p_.programmes[held.programme].effects.fade_months, month)) {
            at = i;
        }
    }
    if (at == slot.entries.size()) {
        return;
    }
    slot.entries[at] = entry;
    slot.count = static_cast<std::uint8_t>(std::max<std::size_t>(slot.count, at + 1));
    if (any_raising_effect_ && effect_ceiling(person) > 1.0 &&
        people.record[person].next_touch_month != month) {
        schedule(person, month + 1, month);  // the envelope must cover the higher rate
    }
}

void ReplicateRun::end_effect(std::size_t programme, std::uint32_t person, int month) {
    const std::uint32_t slot_index = s_.people.record[person].effect_slot;
    if (slot_index == kNobody) {
        return;
    }
    EffectSlot& slot = s_.effect_slots[slot_index];
    for (std::size_t i = 0; i < slot.count; ++i) {
        EffectEntry& entry = slot.entries[i];
        if (entry.programme == programme && entry.end == kNever) {
            entry.end = static_cast<SimMonth>(month);
            return;
        }
    }
}

bool ReplicateRun::slot_offending_ratios(std::uint32_t person, int month,
                                         PerOffenceType<double>& ratios) const {
    const std::uint32_t slot_index = s_.people.record[person].effect_slot;
    ratios.fill(1.0);
    const EffectSlot& slot = s_.effect_slots[slot_index];
    for (std::size_t i = 0; i < slot.count; ++i) {
        const EffectEntry& entry = slot.entries[i];
        const ProgrammeEffects& effects = p_.programmes[entry.programme].effects;
        if (month < entry.start) {
            continue;  // every type's ratio is 1
        }
        if (month < entry.end) {
            for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
                ratios[type] *= effects.offending_hazard_ratio[type];
            }
            continue;
        }
        if (effects.fade_months <= 0.0) {
            continue;
        }
        // After exit the effect fades towards 1: 1 - (1 - ratio) exp(-months since
        // exit / fade_months), with the exp looked up once for all types.
        const int since_exit = month - entry.end;
        const auto& fade_table = effect_fade_[entry.programme];
        const double fade = since_exit < static_cast<int>(fade_table.size())
                                ? fade_table[static_cast<std::size_t>(since_exit)]
                                : std::exp(-since_exit / effects.fade_months);
        for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
            ratios[type] *= 1.0 - (1.0 - effects.offending_hazard_ratio[type]) * fade;
        }
    }
    return true;
}

double ReplicateRun::raised_effect_ceiling(std::uint32_t person) const {
    const std::uint32_t slot_index = s_.people.record[person].effect_slot;
    if (slot_index == kNobody) {
        return 1.0;
    }
    double ceiling = 1.0;
    const EffectSlot& slot = s_.effect_slots[slot_index];
    for (std::size_t i = 0; i < slot.count; ++i) {
        const auto& ratios =
            p_.programmes[slot.entries[i].programme].effects.offending_hazard_ratio;
        ceiling *= std::max(1.0, *std::max_element(ratios.begin(), ratios.end()));
    }
    return ceiling;
}

double ReplicateRun::active_effect_product(std::uint32_t person, int month,
                                           double ProgrammeEffects::*multiplier) const {
    const std::uint32_t slot_index = s_.people.record[person].effect_slot;
    if (slot_index == kNobody) {
        return 1.0;
    }
    double product = 1.0;
    const EffectSlot& slot = s_.effect_slots[slot_index];
    for (std::size_t i = 0; i < slot.count; ++i) {
        const EffectEntry& entry = slot.entries[i];
        if (entry.start <= month && month < entry.end) {
            product *= p_.programmes[entry.programme].effects.*multiplier;
        }
    }
    return product;
}

double ReplicateRun::detection_multiplier(std::uint32_t person, int month) const {
    return active_effect_product(person, month, &ProgrammeEffects::detection_multiplier);
}

double ReplicateRun::recall_multiplier(std::uint32_t person, int month) const {
    return active_effect_product(person, month, &ProgrammeEffects::recall_multiplier);
}

void ReplicateRun::rescale_gang_exit(std::uint32_t person, double hazard_ratio, int month) {
    // Membership left is exponential, so a hazard ratio h divides what is left
    // by h: the same draw, a shorter (h > 1) or longer stay.
    People& people = s_.people;
    if (!in_gang(people, person, month) || hazard_ratio == 1.0) {
        return;
    }
    const int leave = people.gang_months[person].leave_month;
    const int remaining = leave - month;
    const int rescaled =
        std::min(total_months_,
                 month + std::max(1, static_cast<int>(std::lround(remaining / hazard_ratio))));
    if (leave < total_months_) {
        --s_.gang_leaves_by_month[static_cast<std::size_t>(leave)];
    }
    if (rescaled < total_months_) {
        ++s_.gang_leaves_by_month[static_cast<std::size_t>(rescaled)];
    }
    people.gang_months[person].leave_month = static_cast<SimMonth>(rescaled);
    if (people.record[person].next_touch_month != month) {
        set_next_touch(person, month);
    }
}

}  // namespace vrsim::model
