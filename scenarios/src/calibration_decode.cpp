#include "calibration_decode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "observation_decode.hpp"
#include "scenario_diagnostics.hpp"
#include "vrsim/model/outcomes.hpp"

namespace vrsim::scenarios {

std::string_view to_string(TargetKind kind) {
    switch (kind) {
        case TargetKind::monthly:
            return "monthly";
        case TargetKind::annual:
            return "annual";
        case TargetKind::rate:
            return "rate";
    }
    return "monthly";
}

namespace detail {

namespace {

constexpr std::array<std::string_view, 8> kCalibrationKeys = {
    "area", "mapping", "from", "to", "population", "parameters", "targets", "observation"};
constexpr std::array<std::string_view, 5> kTargetKeys = {"outcome", "kind", "weight", "observed",
                                                         "source"};
constexpr std::array<std::string_view, 3> kTargetKinds = {"monthly", "annual", "rate"};
constexpr std::array<std::string_view, 2> kPopulationKeys = {"value", "source"};
constexpr std::string_view kSection = "calibration";

class CalibrationDecoder {
  public:
    CalibrationDecoder(Scenario& scenario, std::vector<Diagnostic>& diagnostics)
        : scenario_(scenario), diagnostics_(diagnostics) {}

    void decode(const MergedNode& section) {
        if (!section.is_table) {
            report(*section.value, std::string(kSection),
                   "expected a table [calibration], got " + describe_value(*section.value));
            return;
        }
        for (const MergedNode& child : section.children) {
            if (std::find(kCalibrationKeys.begin(), kCalibrationKeys.end(), child.name) ==
                kCalibrationKeys.end()) {
                diagnostics_.push_back(
                    diagnostic_at(child.key->source(), field(child.name),
                                  unknown_name_message(child.name, kCalibrationKeys)));
            }
        }
        CalibrationSettings settings;
        const std::size_t before = diagnostics_.size();
        if (const MergedNode* area = required(section, "area", "area = \"Croydon\"")) {
            if (const std::string* text = text_of(*area->value, field("area"))) {
                settings.area = *text;
            }
        }
        if (const MergedNode* mapping = section.find("mapping")) {
            if (const std::string* text = text_of(*mapping->value, field("mapping"))) {
                settings.mapping = resolve(*mapping->value, *text);
            }
        }
        const MergedNode* from = required(section, "from", "from = \"2010-04\"");
        const MergedNode* to = required(section, "to", "to = \"2019-12\"");
        const bool from_valid = from != nullptr && month_of(*from->value, "from", settings.from);
        const bool to_valid = to != nullptr && month_of(*to->value, "to", settings.to);
        if (from_valid && to_valid && settings.to < settings.from) {
            report(*to->value, field("to"),
                   "expected a month on or after from (" + settings.from.to_string() + "), got " +
                       settings.to.to_string());
        }
        if (const MergedNode* population = section.find("population")) {
            decode_population(*population->value, settings);
        }
        if (const MergedNode* parameters = section.find("parameters")) {
            decode_parameters(*parameters->value, settings);
        }
        if (const MergedNode* targets =
                required(section, "targets",
                         "[[calibration.targets]] with outcome = \"...\" and kind = \"monthly\"")) {
            decode_targets(*targets->value, settings);
        }
        if (const MergedNode* observation = section.find("observation")) {
            settings.observation = decode_observation(*observation->value, diagnostics_);
        }
        if (diagnostics_.size() == before) {
            scenario_.calibration = std::move(settings);
        }
    }

  private:
    static std::string field(std::string_view key) {
        return std::string(kSection) + "." + std::string(key);
    }

    void report(const toml::node& where, std::string path, std::string message) {
        diagnostics_.push_back(diagnostic_at(where.source(), std::move(path), std::move(message)));
    }

    const MergedNode* required(const MergedNode& section, std::string_view key,
                               std::string_view example) {
        const MergedNode* node = section.find(key);
        if (node == nullptr) {
            report(*section.value, field(key),
                   "required, not set; add " + std::string(example) + " under [calibration]");
        }
        return node;
    }

    const std::string* text_of(const toml::node& node, const std::string& path) {
        if (!node.is_string() || node.as_string()->get().empty()) {
            report(node, path, "expected a non-empty string, got " + describe_value(node));
            return nullptr;
        }
        return &node.as_string()->get();
    }

    // A path written in a file is relative to that file's folder.
    static std::filesystem::path resolve(const toml::node& node, const std::string& text) {
        const std::filesystem::path written(text);
        const auto& file = node.source().path;
        if (written.is_absolute() || file == nullptr) {
            return written;
        }
        return (std::filesystem::path(*file).parent_path() / written).lexically_normal();
    }

    bool month_of(const toml::node& node, std::string_view key, model::YearMonth& month) {
        const auto parsed =
            node.is_string() ? model::YearMonth::parse(node.as_string()->get()) : std::nullopt;
        if (!parsed) {
            report(node, field(key),
                   "expected a month as \"YYYY-MM\", got " + describe_value(node));
            return false;
        }
        month = *parsed;
        return true;
    }

    void decode_population(const toml::node& node, CalibrationSettings& settings) {
        const toml::node* value = &node;
        if (const toml::table* wrapped = node.as_table()) {
            for (auto&& [key, entry] : *wrapped) {
                if (std::find(kPopulationKeys.begin(), kPopulationKeys.end(), key.str()) ==
                    kPopulationKeys.end()) {
                    diagnostics_.push_back(
                        diagnostic_at(key.source(), field("population.") + std::string(key.str()),
                                      unknown_name_message(key.str(), kPopulationKeys)));
                }
            }
            if (const toml::node* source = wrapped->get("source")) {
                if (const std::string* text = text_of(*source, field("population.source"))) {
                    settings.population_source = *text;
                }
            }
            value = wrapped->get("value");
            if (value == nullptr) {
                report(node, field("population"),
                       "required, not set: write { value = 359000, source = \"...\" }");
                return;
            }
        }
        const std::optional<std::int64_t> number =
            value->is_integer() ? value->value<std::int64_t>() : std::nullopt;
        if (!number || *number < 1 || *number > std::numeric_limits<int>::max()) {
            report(
                *value, field("population"),
                "expected a whole number of residents, 1 or more, got " + describe_value(*value));
            return;
        }
        settings.population = static_cast<int>(*number);
    }

    void decode_parameters(const toml::node& node, CalibrationSettings& settings) {
        const toml::array* array = node.as_array();
        if (array == nullptr || array->empty()) {
            report(node, field("parameters"),
                   "expected an array of uncertain parameters' fields, e.g. "
                   "[\"parameters.offending.base_rate_per_month\"], got " +
                       describe_value(node));
            return;
        }
        std::vector<std::string_view> uncertain;
        for (const UncertainParameter& parameter : scenario_.uncertain) {
            uncertain.push_back(parameter.field);
        }
        for (const toml::node& entry : *array) {
            const std::string* name = text_of(entry, field("parameters"));
            if (name == nullptr) {
                continue;
            }
            if (std::find(uncertain.begin(), uncertain.end(), *name) == uncertain.end()) {
                std::string message = "\"" + *name + "\" is not a parameter with a distribution";
                message += uncertain.empty() ? std::string("; this scenario has none")
                                             : "; " + unknown_name_message(*name, uncertain,
                                                                           "uncertain parameter");
                report(entry, field("parameters"), std::move(message));
            } else if (std::find(settings.parameters.begin(), settings.parameters.end(), *name) !=
                       settings.parameters.end()) {
                report(entry, field("parameters"), "\"" + *name + "\" is listed twice");
            } else {
                settings.parameters.push_back(*name);
            }
        }
    }

    void decode_targets(const toml::node& node, CalibrationSettings& settings) {
        const toml::array* array = node.as_array();
        if (array == nullptr || array->empty() ||
            !std::all_of(array->begin(), array->end(),
                         [](const toml::node& entry) { return entry.is_table(); })) {
            report(node, field("targets"),
                   "expected one or more tables [[calibration.targets]] (outcome = \"...\", kind = "
                   "\"monthly\"), got " +
                       describe_value(node));
            return;
        }
        const model::OutcomeLayout layout(scenario_.parameters);
        std::vector<std::string> names;
        for (std::size_t column = 0; column < layout.size(); ++column) {
            names.emplace_back(layout.name(column));
        }
        const std::vector<std::string_view> known(names.begin(), names.end());
        std::size_t index = 0;
        for (const toml::node& entry : *array) {
            const std::string path = field("targets") + "[" + std::to_string(index++) + "]";
            decode_target(*entry.as_table(), path, known, settings);
        }
    }

    void decode_target(const toml::table& table, const std::string& path,
                       const std::vector<std::string_view>& known, CalibrationSettings& settings) {
        for (auto&& [key, value] : table) {
            if (std::find(kTargetKeys.begin(), kTargetKeys.end(), key.str()) == kTargetKeys.end()) {
                diagnostics_.push_back(diagnostic_at(key.source(),
                                                     path + "." + std::string(key.str()),
                                                     unknown_name_message(key.str(), kTargetKeys)));
            }
        }
        CalibrationTarget target;
        const toml::node* outcome = table.get("outcome");
        if (outcome == nullptr) {
            report(table, path + ".outcome",
                   "required, not set; add outcome = \"recorded_violence_against_the_person\"");
        } else if (const std::string* name = text_of(*outcome, path + ".outcome")) {
            if (std::find(known.begin(), known.end(), *name) == known.end()) {
                report(*outcome, path + ".outcome", unknown_name_message(*name, known, "outcome"));
            }
            target.outcome = *name;
        }
        const toml::node* kind = table.get("kind");
        if (kind == nullptr) {
            report(table, path + ".kind",
                   "required, not set; add kind = \"monthly\", \"annual\" or \"rate\"");
        } else if (const std::string* name = text_of(*kind, path + ".kind")) {
            const auto found = std::find(kTargetKinds.begin(), kTargetKinds.end(), *name);
            if (found == kTargetKinds.end()) {
                report(*kind, path + ".kind", unknown_name_message(*name, kTargetKinds, "kind"));
            } else {
                target.kind = static_cast<TargetKind>(found - kTargetKinds.begin());
            }
        }
        if (const toml::node* weight = table.get("weight")) {
            const std::optional<double> number = weight->value<double>();
            if (!number || !std::isfinite(*number) || *number <= 0.0) {
                report(*weight, path + ".weight",
                       "expected a number above 0, got " + describe_value(*weight));
            } else {
                target.weight = *number;
            }
        }
        const toml::node* observed = table.get("observed");
        const toml::node* source = table.get("source");
        if (observed != nullptr) {
            const std::optional<double> number = observed->value<double>();
            if (target.kind != TargetKind::rate) {
                report(*observed, path + ".observed",
                       "only a rate target takes an observed value; monthly and annual targets "
                       "come from the --observed files");
            } else if (!number || !std::isfinite(*number) || *number < 0.0) {
                report(*observed, path + ".observed",
                       "expected a number, 0 or more, got " + describe_value(*observed));
            } else {
                target.observed = *number;
            }
            if (source == nullptr && target.kind == TargetKind::rate) {
                report(table, path + ".source",
                       "required with observed: say where the observed value comes from");
            }
        }
        if (source != nullptr) {
            if (observed == nullptr) {
                report(*source, path + ".source", "a source needs an observed value beside it");
            } else if (const std::string* text = text_of(*source, path + ".source")) {
                target.source = *text;
            }
        }
        settings.targets.push_back(std::move(target));
    }

    Scenario& scenario_;
    std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

void decode_calibration(const MergedNode& root, Scenario& scenario,
                        std::vector<Diagnostic>& diagnostics) {
    if (const MergedNode* section = root.find(kSection)) {
        CalibrationDecoder(scenario, diagnostics).decode(*section);
    }
}

}  // namespace detail

}  // namespace vrsim::scenarios
