#include "suggest.hpp"

#include "vrsim/scenarios/name_suggestion.hpp"

namespace vrsim::calibration::detail {

std::string did_you_mean(std::string_view unknown, std::span<const std::string_view> known) {
    if (auto match = scenarios::closest_name(unknown, known)) {
        std::string text = " (did you mean \"";
        text.append(*match).append("\"?)");
        return text;
    }
    return "";
}

}  // namespace vrsim::calibration::detail
