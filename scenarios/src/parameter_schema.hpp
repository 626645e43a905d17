#pragma once
// The scenario file's schema: every field of model::Parameters a scenario sets,
// its path in the file, its kind, its valid range and where it lives in
// model::Parameters. One table (parameter_schema.cpp) drives loading, validation
// and parameter draws, so adding a parameter means adding one row.
#include <array>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vrsim/model/parameters.hpp"

namespace vrsim::scenarios::detail {

using model::Parameters;
using SeasonalityTable = model::PerOffenceType<std::array<double, 12>>;
using NumberLocator = double* (*)(Parameters&);

// Where a field lives in model::Parameters. The alternative held is also the
// field's kind: number, integer, bool, string, month, number array, a number per
// offence type, or twelve month-of-year multipliers per offence type.
using FieldAccess =
    std::variant<double* (*)(Parameters&), int* (*)(Parameters&), bool* (*)(Parameters&),
                 std::string* (*)(Parameters&), model::YearMonth* (*)(Parameters&),
                 std::vector<double>* (*)(Parameters&),
                 model::PerOffenceType<double>* (*)(Parameters&),
                 SeasonalityTable* (*)(Parameters&)>;

// Valid values of a number (or of each element of an array or table).
struct Range {
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    bool lower_open = false;  // true: the lower bound itself is not allowed
    bool upper_open = false;

    bool contains(double value) const;
    // "in [0, 1]", ">= 0", "> 0", or "" when any value is allowed.
    std::string describe() const;
    // The closed interval draws are clamped into (open bounds nudged inwards).
    double clamp_lower() const;
    double clamp_upper() const;
};

struct Field {
    std::string_view path;  // dotted path in the file, e.g. "parameters.offending.age_curve"
    FieldAccess access;
    Range range;
    // Number-per-offence-type fields: where each type's value lives, so that one
    // entry can carry its own distribution.
    std::array<NumberLocator, model::kOffenceTypeCount> entries{};

    bool is_per_offence_type() const;  // a table keyed by offence type name
    bool is_seasonality() const;
    bool is_integer() const;
};

// Every field, in the order of model::Parameters.
std::span<const Field> fields();
const Field* find_field(std::string_view path);

// Keys allowed directly inside the table at `path` ("" is the top level): the
// names of its subtables and fields. Empty when `path` is not a table of the schema.
std::vector<std::string_view> known_keys(std::string_view path);

// True when the value at `path` is replaced whole by a file that extends
// another, rather than merged key by key (numbers written as
// `{ value = ..., source = ... }` are single values, not tables).
bool is_leaf_path(std::string_view path);

std::span<const std::string_view> offence_type_names();

}  // namespace vrsim::scenarios::detail
