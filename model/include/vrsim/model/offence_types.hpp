#pragma once
// The offence categories the model distinguishes. Mutually exclusive: an offence
// has exactly one type. "domestic_abuse" is domestic violence against a partner and
// "knife_enabled" is knife-enabled violence; police flag both within violence
// against the person, so that total is violence_with_injury + violence_without_injury
// + knife_enabled + domestic_abuse.
#include <array>
#include <cstddef>
#include <string_view>

namespace vrsim::model {

enum class OffenceType : unsigned char {
    violence_with_injury,
    violence_without_injury,
    knife_enabled,
    robbery,
    sexual,
    domestic_abuse,
    acquisitive,
    other,
};
inline constexpr std::size_t kOffenceTypeCount = 8;

inline constexpr std::array<std::string_view, kOffenceTypeCount> kOffenceTypeNames = {
    "violence_with_injury",
    "violence_without_injury",
    "knife_enabled",
    "robbery",
    "sexual",
    "domestic_abuse",
    "acquisitive",
    "other"};

template <typename T>
using PerOffenceType = std::array<T, kOffenceTypeCount>;

constexpr std::size_t index_of(OffenceType type) {
    return static_cast<std::size_t>(type);
}

// Types counted as police "violence against the person".
constexpr bool is_violence_against_the_person(OffenceType type) {
    return type == OffenceType::violence_with_injury ||
           type == OffenceType::violence_without_injury || type == OffenceType::knife_enabled ||
           type == OffenceType::domestic_abuse;
}

}  // namespace vrsim::model
