#pragma once
// Pieces shared by the decoders of a programme's sections: arrays of tables
// ([[...funding]], [[...referral_sources]]) and their unknown keys.
#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parameter_decoder.hpp"

namespace vrsim::scenarios::detail {

// An array of tables; reports and returns null when it is something else.
inline const toml::array* array_of_tables(ParameterDecoder& decoder_, const MergedNode& node,
                                          std::string_view key, const std::string& field,
                                          std::string_view example) {
    const MergedNode* child = node.find(key);
    if (child == nullptr) {
        return nullptr;
    }
    const toml::array* array = child->value->as_array();
    if (array == nullptr || array->empty() ||
        !std::all_of(array->begin(), array->end(),
                     [](const toml::node& entry) { return entry.is_table(); })) {
        decoder_.report(*child->value, field,
                        "expected one or more tables [[" + field + "]] (" + std::string(example) +
                            "), got " + describe_value(*child->value));
        return nullptr;
    }
    return array;
}

inline void unknown_entry_keys(std::vector<Diagnostic>& diagnostics_, const toml::table& entry,
                               const std::string& field, std::span<const std::string_view> known) {
    for (auto&& [key, value] : entry) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            diagnostics_.push_back(diagnostic_at(key.source(), field + "." + std::string(key.str()),
                                                 unknown_name_message(key.str(), known)));
        }
    }
}

// Decodes ramp_up_months, wind_down_months, cost_per_place_per_year_gbp and the
// [[<path>.funding]] entries of the programme table `node` into `funding`.
void decode_funding(ParameterDecoder& decoder, std::vector<Diagnostic>& diagnostics,
                    const MergedNode& node, const std::string& path, ProgrammeFunding& funding);

}  // namespace vrsim::scenarios::detail
