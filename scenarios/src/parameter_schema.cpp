#include "parameter_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <utility>

namespace vrsim::scenarios::detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Range any() {
    return {};
}
Range probability() {
    return {0.0, 1.0, false, false};
}
Range non_negative() {
    return {0.0, kInfinity, false, false};
}
Range positive() {
    return {0.0, kInfinity, true, false};
}
Range fraction_above_zero() {
    return {0.0, 1.0, true, false};
}
Range between(double lower, double upper) {
    return {lower, upper, false, false};
}

// Locators for each entry of a number-per-offence-type field. `Get` is a
// captureless lambda, so it can be rebuilt inside a plain function pointer.
template <typename Get, std::size_t Index>
double* locate_entry(Parameters& parameters) {
    return &(*Get{}(parameters))[Index];
}

template <typename Get, std::size_t... Index>
std::array<NumberLocator, model::kOffenceTypeCount> entry_locators(std::index_sequence<Index...>) {
    return {&locate_entry<Get, Index>...};
}

template <typename Get>
Field make_field(std::string_view path, Get get, Range range) {
    Field field{path, +get, range, {}};
    using Target = decltype(get(std::declval<Parameters&>()));
    if constexpr (std::is_same_v<Target, model::PerOffenceType<double>*>) {
        field.entries = entry_locators<Get>(std::make_index_sequence<model::kOffenceTypeCount>{});
    }
    return field;
}

// The file path is the member path (with "parameters." in front for the model's
// sections), so one macro argument names both and they cannot drift apart.
#define VRSIM_FIELD(prefix, member, range) \
    make_field(                            \
        prefix #member, [](Parameters& p) { return &p.member; }, range)
#define VRSIM_TOP(member, range) VRSIM_FIELD("", member, range)
#define VRSIM_PARAMETER(member, range) VRSIM_FIELD("parameters.", member, range)

// clang-format off
const std::vector<Field>& schema() {
    static const std::vector<Field> table = {
        VRSIM_TOP(simulation.start_month, any()),
        // Months, areas and gangs are stored in 16 or 8 bits: hence the upper limits.
        VRSIM_TOP(simulation.horizon_months, between(1, 1200)),
        VRSIM_TOP(simulation.warmup_months, between(0, 600)),

        VRSIM_TOP(place.name, any()),
        VRSIM_TOP(place.population, between(1, 50e6)),
        VRSIM_TOP(place.age_band_lower, non_negative()),
        VRSIM_TOP(place.age_band_share, probability()),
        VRSIM_TOP(place.max_age_years, between(11, 120)),
        VRSIM_TOP(place.male_share, probability()),
        VRSIM_TOP(place.areas, between(1, 255)),

        VRSIM_PARAMETER(demography.mortality_gompertz_a, probability()),
        VRSIM_PARAMETER(demography.mortality_gompertz_b, non_negative()),

        VRSIM_PARAMETER(offending.base_rate_per_month, between(0, 100)),
        VRSIM_PARAMETER(offending.propensity_shape, between(0.01, 1e6)),
        VRSIM_PARAMETER(offending.age_curve, non_negative()),
        VRSIM_PARAMETER(offending.female_multiplier, non_negative()),
        VRSIM_PARAMETER(offending.career_mean_months, between(1e-9, 1200)),
        VRSIM_PARAMETER(offending.desisted_multiplier, non_negative()),
        VRSIM_PARAMETER(offending.type_share, probability()),
        VRSIM_PARAMETER(offending.domestic_abuse_min_age_years, non_negative()),
        VRSIM_PARAMETER(offending.seasonality, positive()),

        VRSIM_PARAMETER(risk.early_adversity.prevalence, probability()),
        VRSIM_PARAMETER(risk.early_adversity.offending_multiplier, non_negative()),
        VRSIM_PARAMETER(risk.school_exclusion.prevalence, probability()),
        VRSIM_PARAMETER(risk.school_exclusion.offending_multiplier, non_negative()),
        VRSIM_PARAMETER(risk.substance_misuse.prevalence, probability()),
        VRSIM_PARAMETER(risk.substance_misuse.offending_multiplier, non_negative()),

        VRSIM_PARAMETER(risk.gang.join_probability, probability()),
        VRSIM_PARAMETER(risk.gang.join_risk_multiplier, non_negative()),
        VRSIM_PARAMETER(risk.gang.join_age_min_years, non_negative()),
        VRSIM_PARAMETER(risk.gang.join_age_max_years, non_negative()),
        VRSIM_PARAMETER(risk.gang.membership_mean_months, positive()),
        VRSIM_PARAMETER(risk.gang.offending_multiplier, non_negative()),
        VRSIM_PARAMETER(risk.gang.type_multiplier, non_negative()),
        VRSIM_PARAMETER(risk.gang.gangs_per_area, between(1, 100)),
        VRSIM_PARAMETER(risk.gang.rival_victim_share, probability()),
        VRSIM_PARAMETER(risk.radicalisation.vulnerable_probability, probability()),
        VRSIM_PARAMETER(risk.radicalisation.onset_age_min_years, between(10, 120)),
        VRSIM_PARAMETER(risk.radicalisation.onset_age_max_years, between(10, 120)),
        VRSIM_PARAMETER(risk.radicalisation.vulnerable_mean_months, positive()),
        VRSIM_PARAMETER(risk.radicalisation.progression_per_month, probability()),

        VRSIM_PARAMETER(victims.victimisation_shape, between(0.001, 1e6)),
        VRSIM_PARAMETER(victims.offender_overlap, non_negative()),
        VRSIM_PARAMETER(victims.local_share, probability()),
        VRSIM_PARAMETER(victims.partnered_share, probability()),
        VRSIM_PARAMETER(victims.repeat_window_months, positive()),
        VRSIM_PARAMETER(victims.age_band_victimisation, non_negative()),

        VRSIM_PARAMETER(contagion.enabled, any()),
        VRSIM_PARAMETER(contagion.strength, non_negative()),
        VRSIM_PARAMETER(contagion.decay_months, positive()),

        VRSIM_PARAMETER(justice.recording_probability, probability()),
        VRSIM_PARAMETER(justice.sanction_probability, probability()),
        VRSIM_PARAMETER(justice.youth_out_of_court_share, probability()),
        VRSIM_PARAMETER(justice.youth_community_resolution_share, probability()),
        VRSIM_PARAMETER(justice.adult_community_resolution_share, probability()),
        VRSIM_PARAMETER(justice.adult_out_of_court_share, probability()),
        VRSIM_PARAMETER(justice.conviction_probability, probability()),
        VRSIM_PARAMETER(justice.charge_to_sentence_mean_months, between(0, 120)),
        VRSIM_PARAMETER(justice.custody_probability, probability()),
        VRSIM_PARAMETER(justice.youth_custody_multiplier, non_negative()),
        VRSIM_PARAMETER(justice.custody_odds_per_prior_offence, non_negative()),
        VRSIM_PARAMETER(justice.prior_offences_cap, non_negative()),
        VRSIM_PARAMETER(justice.sentence_mean_months, between(0.5, 600)),
        VRSIM_PARAMETER(justice.sentence_lognormal_sigma, between(0, 3)),
        VRSIM_PARAMETER(justice.release_fraction, fraction_above_zero()),
        VRSIM_PARAMETER(justice.recall_probability, probability()),
        VRSIM_PARAMETER(justice.recall_months, between(1, 120)),
    };
    return table;
}
// clang-format on

#undef VRSIM_PARAMETER
#undef VRSIM_TOP
#undef VRSIM_FIELD

std::string format_bound(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

bool starts_with_section(std::string_view path, std::string_view section) {
    return section.empty() || (path.size() > section.size() && path.starts_with(section) &&
                               path[section.size()] == '.');
}

}  // namespace

bool Range::contains(double value) const {
    if (std::isnan(value)) {
        return false;
    }
    const bool above = lower_open ? value > lower : value >= lower;
    const bool below = upper_open ? value < upper : value <= upper;
    return above && below;
}

std::string Range::describe() const {
    const bool bounded_below = std::isfinite(lower);
    const bool bounded_above = std::isfinite(upper);
    if (bounded_below && bounded_above) {
        return std::string("in ") + (lower_open ? "(" : "[") + format_bound(lower) + ", " +
               format_bound(upper) + (upper_open ? ")" : "]");
    }
    if (bounded_below) {
        return std::string(lower_open ? "> " : ">= ") + format_bound(lower);
    }
    if (bounded_above) {
        return std::string(upper_open ? "< " : "<= ") + format_bound(upper);
    }
    return "";
}

double Range::clamp_lower() const {
    return lower_open ? std::nextafter(lower, kInfinity) : lower;
}

double Range::clamp_upper() const {
    return upper_open ? std::nextafter(upper, -kInfinity) : upper;
}

bool Field::is_per_offence_type() const {
    return std::holds_alternative<model::PerOffenceType<double>* (*)(Parameters&)>(access) ||
           is_seasonality();
}

bool Field::is_seasonality() const {
    return std::holds_alternative<SeasonalityTable* (*)(Parameters&)>(access);
}

bool Field::is_integer() const {
    return std::holds_alternative<int* (*)(Parameters&)>(access);
}

std::span<const Field> fields() {
    return schema();
}

const Field* find_field(std::string_view path) {
    for (const Field& field : schema()) {
        if (field.path == path) {
            return &field;
        }
    }
    return nullptr;
}

std::vector<std::string_view> known_keys(std::string_view path) {
    std::vector<std::string_view> keys;
    if (const Field* field = find_field(path); field != nullptr) {
        if (field->is_per_offence_type()) {
            keys.assign(offence_type_names().begin(), offence_type_names().end());
        }
        return keys;
    }
    for (const Field& field : schema()) {
        if (!starts_with_section(field.path, path)) {
            continue;
        }
        std::string_view rest = field.path.substr(path.empty() ? 0 : path.size() + 1);
        std::string_view key = rest.substr(0, rest.find('.'));
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(key);
        }
    }
    return keys;
}

bool is_leaf_path(std::string_view path) {
    // Every key of [calibration] is a leaf: an extending file replaces it whole.
    if (path.starts_with("calibration.")) {
        return true;
    }
    // Under programmes.<id>, only the sections are tables; every setting is a leaf.
    constexpr std::string_view kProgrammes = "programmes";
    if (path.starts_with(kProgrammes) &&
        (path.size() == kProgrammes.size() || path[kProgrammes.size()] == '.')) {
        const auto id_end = path.find('.', kProgrammes.size() + 1);
        if (path.size() == kProgrammes.size() || id_end == std::string_view::npos) {
            return false;
        }
        const std::string_view rest = path.substr(id_end + 1);
        return rest != "effects" && rest != "effects.offending_hazard_ratio" && rest != "rules";
    }
    if (const Field* field = find_field(path); field != nullptr) {
        return !field->is_per_offence_type();
    }
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos) {
        return false;
    }
    const Field* parent = find_field(path.substr(0, dot));
    return parent != nullptr && parent->is_per_offence_type();
}

std::span<const std::string_view> offence_type_names() {
    return model::kOffenceTypeNames;
}

}  // namespace vrsim::scenarios::detail
