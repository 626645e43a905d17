#pragma once
// Checks on option values that CLI11 does not phrase well for our users.
#include <CLI/CLI.hpp>
#include <string>

namespace vrsim::cli {

// Unsigned options (seeds): CLI11 would wrap "-1" round to 2^64 - 1.
inline const CLI::Validator kWholeNumber(
    [](std::string& text) -> std::string {
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits ? "" : "expected a whole number, 0 or more, got " + text;
    },
    "WHOLE NUMBER");

}  // namespace vrsim::cli
