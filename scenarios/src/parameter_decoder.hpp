#pragma once
// Decoding scenario values against the schema: each leaf, possibly written
// `{ value = ..., source = ..., distribution = ... }`, checked for its kind and
// range, with unknown keys reported. Shared by the parameters and programmes.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "distributions.hpp"
#include "parameter_schema.hpp"
#include "scenario_decode.hpp"
#include "scenario_diagnostics.hpp"

namespace vrsim::scenarios::detail {

// Where a number that may carry a distribution goes in model::Parameters.
using Locator = std::function<double*(Parameters&)>;

using Months = std::array<double, 12>;

inline constexpr std::array<std::string_view, 3> kWrappedValueKeys = {"value", "source",
                                                                      "distribution"};

template <typename T>
constexpr std::string_view kind_name() {
    if constexpr (std::is_same_v<T, double>) {
        return "a number";
    } else if constexpr (std::is_same_v<T, int>) {
        return "an integer";
    } else if constexpr (std::is_same_v<T, bool>) {
        return "true or false";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "a string";
    } else if constexpr (std::is_same_v<T, model::YearMonth>) {
        return "a month";
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
        return "a list of numbers";
    } else {
        static_assert(std::is_same_v<T, Months>);
        return "a list of 12 numbers";
    }
}

template <typename T>
constexpr bool is_per_offence_type_v =
    std::is_same_v<T, model::PerOffenceType<double>> || std::is_same_v<T, SeasonalityTable>;

inline std::string join_path(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

inline std::string expected_number(const Range& range, bool integer) {
    const std::string bounds = range.describe();
    return std::string(integer ? "expected an integer" : "expected a number") +
           (bounds.empty() ? "" : " " + bounds);
}

class ParameterDecoder {
  public:
    ParameterDecoder(const std::filesystem::path& named_file, Scenario& scenario,
                     std::vector<Diagnostic>& diagnostics)
        : named_file_(named_file), scenario_(scenario), diagnostics_(diagnostics) {}

    FieldSet decode(const MergedNode& root) {
        report_unknown_keys(root, "");
        FieldSet failed;
        for (const Field& field : fields()) {
            if (!decode_field(root, field)) {
                failed.emplace(field.path);
            }
        }
        return failed;
    }

    void report(const toml::node& where, std::string field, std::string message) {
        diagnostics_.push_back(diagnostic_at(where.source(), std::move(field), std::move(message)));
    }

    void report_unknown_keys(const MergedNode& table, const std::string& path) {
        std::vector<std::string_view> known = known_keys(path);
        if (path.empty()) {
            known.insert(known.begin(), "scenario");  // read per file, listed for suggestions
            known.push_back("programmes");            // checked by the programme decoder
            known.push_back("calibration");           // checked by the calibration decoder
        }
        const Field* field = find_field(path);
        const bool offence_types = field != nullptr && field->is_per_offence_type();
        for (const MergedNode& child : table.children) {
            const std::string child_path = join_path(path, child.name);
            if (path.empty() && (child.name == "programmes" || child.name == "calibration")) {
                continue;
            }
            if (std::find(known.begin(), known.end(), child.name) == known.end()) {
                diagnostics_.push_back(
                    diagnostic_at(child.key->source(), child_path,
                                  unknown_name_message(child.name, known,
                                                       offence_types ? "offence type" : "key")));
            } else if (child.is_table) {
                report_unknown_keys(child, child_path);
            } else if (!offence_types && find_field(child_path) == nullptr) {
                report(
                    *child.value, child_path,
                    "expected a table [" + child_path + "], got " + describe_value(*child.value));
            }
        }
    }

    // True when a section above `path` was written as a value, already reported.
    static bool under_misshapen_section(const MergedNode& root, std::string_view path) {
        for (auto dot = path.find('.'); dot != std::string_view::npos;
             dot = path.find('.', dot + 1)) {
            const MergedNode* section = root.find_path(path.substr(0, dot));
            if (section != nullptr && !section->is_table) {
                return true;
            }
        }
        return false;
    }

    bool decode_field(const MergedNode& root, const Field& field) {
        const MergedNode* node = root.find_path(field.path);
        if (node == nullptr) {
            if (!under_misshapen_section(root, field.path)) {
                report_missing(field.path);
            }
            return false;
        }
        Locator locate;
        if (auto* number = std::get_if<NumberLocator>(&field.access)) {
            locate = *number;
        }
        return std::visit(
            [&](auto get) {
                auto& target = *get(scenario_.parameters);
                using Target = std::remove_reference_t<decltype(target)>;
                if constexpr (is_per_offence_type_v<Target>) {
                    return decode_per_offence_type(target, *node, field);
                } else {
                    return decode_leaf(*node->value, std::string(field.path), field.range, target,
                                       locate);
                }
            },
            field.access);
    }

  public:
    void report_missing(std::string_view path) {
        const auto dot = path.rfind('.');
        diagnostics_.push_back({named_file_, 0, 0, std::string(path),
                                "required, not set; add " + std::string(path.substr(dot + 1)) +
                                    " = ... under [" + std::string(path.substr(0, dot)) +
                                    "] in this file or a file it extends"});
    }

    template <typename T>
    bool decode_per_offence_type(model::PerOffenceType<T>& target, const MergedNode& node,
                                 const Field& field) {
        if (!node.is_table) {
            report(*node.value, std::string(field.path),
                   "expected a table with a value for each offence type (" +
                       std::string(offence_type_names().front()) + " = ..., and so on), got " +
                       describe_value(*node.value));
            return false;
        }
        bool valid = true;
        for (std::size_t i = 0; i < model::kOffenceTypeCount; ++i) {
            const std::string_view type = offence_type_names()[i];
            const std::string path = join_path(field.path, type);
            const MergedNode* entry = node.find(type);
            if (entry == nullptr) {
                report(*node.value, path,
                       "required, not set; give " + std::string(type) +
                           " a value: every offence type needs one");
                valid = false;
                continue;
            }
            Locator locate;
            if constexpr (std::is_same_v<T, double>) {
                locate = field.entries[i];
            }
            valid = decode_leaf(*entry->value, path, field.range, target[i], locate) && valid;
        }
        return valid;
    }

  public:
    // A single value, possibly written `{ value = ..., source = ..., distribution = ... }`.
    // `locate` is non-null for real numbers, which alone may carry a distribution.
    template <typename T>
    bool decode_leaf(const toml::node& written, const std::string& path, const Range& range,
                     T& target, Locator locate) {
        const toml::node* value = &written;
        std::optional<Distribution> distribution;
        bool valid = true;
        if (const toml::table* wrapped = written.as_table()) {
            valid = unwrap(*wrapped, path, kind_name<T>(), locate != nullptr, distribution);
            value = wrapped->get("value");
            if (value == nullptr) {
                report(written, path,
                       "required, not set: a value written as a table needs `value`, e.g. "
                       "{ value = 0.4, source = \"...\" }");
                return false;
            }
        }
        valid = read_value(*value, path, range, target) && valid;
        if (valid && distribution) {
            scenario_.uncertain.push_back(
                {path, *distribution, locate, range.clamp_lower(), range.clamp_upper()});
        }
        return valid;
    }

  private:
    // Checks the keys around `value` and records the source and distribution.
    bool unwrap(const toml::table& wrapped, const std::string& path, std::string_view kind,
                bool may_vary, std::optional<Distribution>& distribution) {
        bool valid = true;
        for (auto&& [key, entry] : wrapped) {
            if (std::find(kWrappedValueKeys.begin(), kWrappedValueKeys.end(), key.str()) ==
                kWrappedValueKeys.end()) {
                diagnostics_.push_back(
                    diagnostic_at(key.source(), path + "." + std::string(key.str()),
                                  unknown_name_message(key.str(), kWrappedValueKeys)));
                valid = false;
            }
        }
        if (const toml::node* source = wrapped.get("source")) {
            if (source->is_string()) {
                scenario_.sources.emplace_back(path, source->as_string()->get());
            } else {
                report(*source, path + ".source",
                       "expected a string saying where the value comes from, got " +
                           describe_value(*source));
                valid = false;
            }
        }
        if (const toml::node* spread = wrapped.get("distribution")) {
            if (!may_vary) {
                report(*spread, path + ".distribution",
                       "a distribution can only be given for a single real number, and this "
                       "field is " +
                           std::string(kind) + "; remove the distribution");
                valid = false;
            } else {
                distribution = read_distribution(*spread, path + ".distribution", diagnostics_);
                valid = distribution.has_value() && valid;
            }
        }
        return valid;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range& range,
                    double& target) {
        if (!value.is_number()) {
            report(value, path, expected_number(range, false) + ", got " + describe_value(value));
            return false;
        }
        const double number = value.value<double>().value();
        if (!std::isfinite(number) || !range.contains(number)) {
            report(value, path,
                   (std::isfinite(number) ? expected_number(range, false)
                                          : "expected a finite number") +
                       ", got " + describe_value(value));
            return false;
        }
        target = number;
        return true;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range& range,
                    int& target) {
        if (value.is_floating_point()) {
            report(value, path,
                   expected_number(range, true) +
                       " (a whole number, written without a decimal "
                       "point), got " +
                       describe_value(value));
            return false;
        }
        if (!value.is_integer()) {
            report(value, path, expected_number(range, true) + ", got " + describe_value(value));
            return false;
        }
        const std::int64_t number = value.as_integer()->get();
        if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
            report(value, path,
                   expected_number(range, true) + " of at most " +
                       std::to_string(std::numeric_limits<int>::max()) + ", got " +
                       describe_value(value));
            return false;
        }
        if (!range.contains(static_cast<double>(number))) {
            report(value, path, expected_number(range, true) + ", got " + describe_value(value));
            return false;
        }
        target = static_cast<int>(number);
        return true;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range&, bool& target) {
        if (!value.is_boolean()) {
            report(value, path, "expected true or false, got " + describe_value(value));
            return false;
        }
        target = value.as_boolean()->get();
        return true;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range&,
                    std::string& target) {
        if (!value.is_string() || value.as_string()->get().empty()) {
            report(value, path, "expected a non-empty string, got " + describe_value(value));
            return false;
        }
        target = value.as_string()->get();
        return true;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range&,
                    model::YearMonth& target) {
        std::optional<model::YearMonth> month;
        if (value.is_string()) {
            month = model::YearMonth::parse(value.as_string()->get());
        }
        if (!month) {
            report(value, path,
                   "expected a month written \"YYYY-MM\" (e.g. \"2019-04\"), got " +
                       describe_value(value));
            return false;
        }
        target = *month;
        return true;
    }

    // Reads each element of an array of numbers into `store(i, value)`.
    template <typename Store>
    bool read_numbers(const toml::array& array, const std::string& path, const Range& range,
                      Store store) {
        bool valid = true;
        for (std::size_t i = 0; i < array.size(); ++i) {
            double number = 0.0;
            if (read_value(*array.get(i), path + "[" + std::to_string(i) + "]", range, number)) {
                store(i, number);
            } else {
                valid = false;
            }
        }
        return valid;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range& range,
                    std::vector<double>& target) {
        const toml::array* array = value.as_array();
        if (array == nullptr || array->empty()) {
            report(value, path,
                   "expected an array of at least one number, got " + describe_value(value));
            return false;
        }
        std::vector<double> numbers(array->size());
        if (!read_numbers(*array, path, range, [&](std::size_t i, double x) { numbers[i] = x; })) {
            return false;
        }
        target = std::move(numbers);
        return true;
    }

    bool read_value(const toml::node& value, const std::string& path, const Range& range,
                    Months& target) {
        const toml::array* array = value.as_array();
        if (array == nullptr || array->size() != target.size()) {
            report(value, path,
                   "expected an array of 12 numbers (January to December), got " +
                       describe_value(value));
            return false;
        }
        return read_numbers(*array, path, range, [&](std::size_t i, double x) { target[i] = x; });
    }

    const std::filesystem::path& named_file_;
    Scenario& scenario_;
    std::vector<Diagnostic>& diagnostics_;
};

}  // namespace vrsim::scenarios::detail
