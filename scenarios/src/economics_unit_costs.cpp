// Reading a unit-costs file: every table checked, every problem reported with
// its place, then vrsim's offence types costed as weighted mixes of the Home
// Office categories.
#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

#include "scenario_diagnostics.hpp"
#include "toml_checks.hpp"
#include "vrsim/scenarios/economics.hpp"

namespace vrsim::scenarios {
namespace {

using detail::describe_value;
using detail::unknown_name_message;

constexpr std::array<std::string_view, 5> kTopKeys = {"costs", "home_office", "offence_types",
                                                      "justice", "gdp_deflator"};
constexpr std::array<std::string_view, 2> kCostsKeys = {"title", "price_year"};
constexpr std::array<std::string_view, 7> kCategoryKeys = {
    "total_gbp",       "share",        "split_source", "anticipation_gbp",
    "consequence_gbp", "response_gbp", "source"};
constexpr std::array<std::string_view, 3> kShareKeys = {"anticipation", "consequence", "response"};
constexpr std::array<std::string_view, 2> kMappingKeys = {"weights", "source"};
constexpr std::array<std::string_view, 5> kJusticeKeys = {
    "cost_per_prisoner_year_gbp", "price_year", "source", "prison_share_of_response",
    "prison_share_source"};
constexpr std::array<std::string_view, 4> kDeflatorKeys = {"first_year", "index", "forecast_from",
                                                           "source"};

// Shares and weights are written to a few decimals; a sum this close to 1 is 1.
constexpr double kSumTolerance = 1e-6;
constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// A sum for a message: 0.1 + 0.7 + 0.3 reads 1.1, not 1.0999999999999999.
std::string rounded(double value) {
    return detail::format_number(std::round(value * 1e9) / 1e9);
}

class UnitCostsReader : detail::TomlChecks {
  public:
    UnitCostsReader(const toml::table& root, std::vector<Diagnostic>& diagnostics)
        : TomlChecks(diagnostics), root_(root) {}

    UnitCosts read() {
        check_keys(root_, "", kTopKeys);
        read_costs();
        read_categories();
        read_mapping();
        read_justice();
        read_deflator();
        check_price_years();
        return std::move(costs_);
    }

  private:
    // A table, or nullptr (reported when required or of the wrong type). A
    // missing top-level table has no place in the file: the problem is the file's.
    const toml::table* table_at(const toml::table& parent, std::string_view key,
                                const std::string& field) {
        const toml::node* node = parent.get(key);
        if (node == nullptr) {
            if (&parent == &root_) {
                diagnostics_.push_back(
                    {{}, 0, 0, field, "required, not set; add a [" + field + "] table"});
            } else {
                report(parent, field, "required, not set");
            }
            return nullptr;
        }
        if (!node->is_table()) {
            report(*node, field, "expected a table, got " + describe_value(*node));
            return nullptr;
        }
        return node->as_table();
    }
    std::optional<double> number_at(const toml::table& parent, std::string_view key,
                                    const std::string& field, double minimum, double maximum) {
        const toml::node* node = present(parent, key, field, true);
        if (node == nullptr) {
            return std::nullopt;
        }
        return number_of(*node, field, minimum, maximum);
    }
    std::optional<double> number_of(const toml::node& node, const std::string& field,
                                    double minimum, double maximum) {
        const std::optional<double> value = node.value<double>();
        if (!node.is_number() || !value || !std::isfinite(*value)) {
            report(node, field, "expected a number, got " + describe_value(node));
            return std::nullopt;
        }
        if (*value < minimum || *value > maximum) {
            std::string expected = "expected a number ";
            if (std::isinf(maximum)) {
                expected += ">= " + detail::format_number(minimum);
            } else {
                expected += "in [" + detail::format_number(minimum) + ", " +
                            detail::format_number(maximum) + "]";
            }
            report(node, field, expected + ", got " + describe_value(node));
            return std::nullopt;
        }
        return value;
    }
    // A required, non-empty string (a source must say something).
    void require_text(const toml::table& parent, std::string_view key, const std::string& field) {
        const toml::node* node = present(parent, key, field, true);
        if (node == nullptr) {
            return;
        }
        if (!node->is_string() || node->as_string()->get().empty()) {
            report(*node, field,
                   "expected a non-empty string naming the source (or \"assumption: why\"), got " +
                       describe_value(*node));
        }
    }
    std::optional<int> year_at(const toml::table& parent, std::string_view key,
                               const std::string& field, bool required) {
        const toml::node* node = present(parent, key, field, required);
        if (node == nullptr) {
            return std::nullopt;
        }
        std::optional<int> year;
        if (node->is_string()) {
            year = parse_financial_year(node->as_string()->get());
        }
        if (!year) {
            report(*node, field,
                   "expected a financial year such as \"2015-16\", got " + describe_value(*node));
        }
        return year;
    }

    void read_costs() {
        const toml::table* costs = table_at(root_, "costs", "costs");
        if (costs == nullptr) {
            return;
        }
        check_keys(*costs, "costs", kCostsKeys);
        if (const toml::node* title = costs->get("title");
            title != nullptr && !title->is_string()) {
            report(*title, "costs.title", "expected a string, got " + describe_value(*title));
        }
        if (auto year = year_at(*costs, "price_year", "costs.price_year", true)) {
            costs_.price_year = *year;
            price_year_node_ = costs->get("price_year");
        }
    }

    void read_categories() {
        const toml::table* categories = table_at(root_, "home_office", "home_office");
        if (categories == nullptr) {
            return;
        }
        for (auto&& [key, value] : *categories) {
            const std::string field = "home_office." + std::string(key.str());
            if (!value.is_table()) {
                report(value, field, "expected a table of costs, got " + describe_value(value));
                continue;
            }
            category_names_.push_back(std::string(key.str()));
            if (auto cost = read_category(*value.as_table(), field)) {
                costs_.categories.push_back({std::string(key.str()), *cost});
            }
        }
        if (categories->empty()) {
            report(*categories, "home_office", "expected at least one crime category");
        }
    }

    // Either a published total with an assumed split, or the three published parts.
    std::optional<CostSplit> read_category(const toml::table& table, const std::string& field) {
        check_keys(table, field, kCategoryKeys);
        require_text(table, "source", field + ".source");
        const bool has_parts = table.contains("anticipation_gbp") ||
                               table.contains("consequence_gbp") || table.contains("response_gbp");
        if (table.contains("total_gbp")) {
            if (has_parts) {
                report(table, field,
                       "give either total_gbp with share, or anticipation_gbp, consequence_gbp "
                       "and response_gbp, not both");
                return std::nullopt;
            }
            return read_total_and_share(table, field);
        }
        if (table.contains("share") || table.contains("split_source")) {
            report(table, field, "share needs total_gbp; total_gbp: required, not set");
            return std::nullopt;
        }
        if (!has_parts) {
            report(table, field + ".total_gbp",
                   "required, not set; give total_gbp with share = { anticipation, consequence, "
                   "response }, or anticipation_gbp, consequence_gbp and response_gbp");
            return std::nullopt;
        }
        auto anticipation =
            number_at(table, "anticipation_gbp", field + ".anticipation_gbp", 0.0, kUnbounded);
        auto consequence =
            number_at(table, "consequence_gbp", field + ".consequence_gbp", 0.0, kUnbounded);
        auto response = number_at(table, "response_gbp", field + ".response_gbp", 0.0, kUnbounded);
        if (!anticipation || !consequence || !response) {
            return std::nullopt;
        }
        return CostSplit{*anticipation, *consequence, *response};
    }

    std::optional<CostSplit> read_total_and_share(const toml::table& table,
                                                  const std::string& field) {
        auto total = number_at(table, "total_gbp", field + ".total_gbp", 0.0, kUnbounded);
        require_text(table, "split_source", field + ".split_source");
        const toml::table* share = table_at(table, "share", field + ".share");
        if (share == nullptr) {
            return std::nullopt;
        }
        check_keys(*share, field + ".share", kShareKeys);
        std::array<std::optional<double>, 3> parts;
        for (std::size_t i = 0; i < kShareKeys.size(); ++i) {
            parts[i] = number_at(*share, kShareKeys[i],
                                 field + ".share." + std::string(kShareKeys[i]), 0.0, 1.0);
        }
        if (!total || !parts[0] || !parts[1] || !parts[2]) {
            return std::nullopt;
        }
        const double sum = *parts[0] + *parts[1] + *parts[2];
        if (std::fabs(sum - 1.0) > kSumTolerance) {
            report(*share, field + ".share", "expected shares summing to 1, got " + rounded(sum));
            return std::nullopt;
        }
        return CostSplit{*total * *parts[0], *total * *parts[1], *total * *parts[2]};
    }

    const CrimeCategoryCost* category(std::string_view name) const {
        for (const CrimeCategoryCost& cost : costs_.categories) {
            if (cost.name == name) {
                return &cost;
            }
        }
        return nullptr;
    }

    void read_mapping() {
        const toml::table* mapping = table_at(root_, "offence_types", "offence_types");
        if (mapping == nullptr) {
            return;
        }
        check_keys(*mapping, "offence_types", model::kOffenceTypeNames);
        for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
            const std::string_view name = model::kOffenceTypeNames[type];
            const std::string field = "offence_types." + std::string(name);
            const toml::node* node = mapping->get(name);
            if (node == nullptr) {
                report(*mapping, field,
                       "required, not set; every vrsim offence type needs weights = { category "
                       "= weight, ... } and a source");
                continue;
            }
            if (!node->is_table()) {
                report(*node, field, "expected a table, got " + describe_value(*node));
                continue;
            }
            read_type(*node->as_table(), field, type);
        }
    }

    void read_type(const toml::table& table, const std::string& field, std::size_t type) {
        check_keys(table, field, kMappingKeys);
        require_text(table, "source", field + ".source");
        const toml::table* weights = table_at(table, "weights", field + ".weights");
        if (weights == nullptr) {
            return;
        }
        std::vector<std::string_view> known(category_names_.begin(), category_names_.end());
        double sum = 0.0;
        bool complete = true;
        CostSplit cost;
        for (auto&& [key, value] : *weights) {
            const std::string weight_field = field + ".weights." + std::string(key.str());
            auto weight = number_of(value, weight_field, 0.0, 1.0);
            const bool named = std::find(known.begin(), known.end(), key.str()) != known.end();
            if (!named) {
                diagnostics_.push_back(detail::diagnostic_at(
                    key.source(), weight_field,
                    unknown_name_message(key.str(), known, "Home Office category")));
            }
            if (!weight || !named) {
                complete = false;
                continue;
            }
            sum += *weight;
            costs_.mapping[type].push_back({std::string(key.str()), *weight});
            if (const CrimeCategoryCost* found = category(key.str())) {
                cost.anticipation_gbp += *weight * found->per_offence.anticipation_gbp;
                cost.consequence_gbp += *weight * found->per_offence.consequence_gbp;
                cost.response_gbp += *weight * found->per_offence.response_gbp;
            }
        }
        if (weights->empty()) {
            report(*weights, field + ".weights", "expected at least one category and its weight");
            return;
        }
        if (complete && std::fabs(sum - 1.0) > kSumTolerance) {
            report(*weights, field + ".weights",
                   "expected weights summing to 1, got " + rounded(sum));
        }
        costs_.per_offence[type] = cost;
    }

    void read_justice() {
        const toml::table* justice = table_at(root_, "justice", "justice");
        if (justice == nullptr) {
            return;
        }
        check_keys(*justice, "justice", kJusticeKeys);
        require_text(*justice, "source", "justice.source");
        require_text(*justice, "prison_share_source", "justice.prison_share_source");
        if (auto cost = number_at(*justice, "cost_per_prisoner_year_gbp",
                                  "justice.cost_per_prisoner_year_gbp", 0.0, kUnbounded)) {
            costs_.justice.cost_per_prisoner_year_gbp = *cost;
        }
        if (auto year = year_at(*justice, "price_year", "justice.price_year", true)) {
            costs_.justice.price_year = *year;
            justice_year_node_ = justice->get("price_year");
        }
        if (auto share = number_at(*justice, "prison_share_of_response",
                                   "justice.prison_share_of_response", 0.0, 1.0)) {
            costs_.justice.prison_share_of_response = *share;
        }
    }

    void read_deflator() {
        const toml::table* deflator = table_at(root_, "gdp_deflator", "gdp_deflator");
        if (deflator == nullptr) {
            return;
        }
        check_keys(*deflator, "gdp_deflator", kDeflatorKeys);
        require_text(*deflator, "source", "gdp_deflator.source");
        auto first = year_at(*deflator, "first_year", "gdp_deflator.first_year", true);
        const toml::node* index = present(*deflator, "index", "gdp_deflator.index", true);
        bool index_ok = index != nullptr;
        if (index != nullptr && (!index->is_array() || index->as_array()->empty())) {
            report(*index, "gdp_deflator.index",
                   "expected an array of index values, one per financial year, got " +
                       describe_value(*index));
            index_ok = false;
        } else if (index != nullptr) {
            std::size_t position = 0;
            for (const toml::node& entry : *index->as_array()) {
                const std::string field = "gdp_deflator.index[" + std::to_string(position++) + "]";
                if (auto value = number_of(entry, field, 0.0, kUnbounded); value && *value > 0.0) {
                    costs_.deflator.index.push_back(*value);
                } else {
                    if (value) {
                        report(entry, field, "expected a number > 0, got " + describe_value(entry));
                    }
                    index_ok = false;
                }
            }
        }
        if (!first || !index_ok) {
            costs_.deflator.index.clear();
            return;
        }
        costs_.deflator.first_year = *first;
        if (auto forecast =
                year_at(*deflator, "forecast_from", "gdp_deflator.forecast_from", false)) {
            if (!costs_.deflator.covers(*forecast)) {
                report(*deflator->get("forecast_from"), "gdp_deflator.forecast_from",
                       "expected a year of the series (" + series_years() + "), got " +
                           format_financial_year(*forecast));
            } else {
                costs_.deflator.forecast_from = forecast;
            }
        }
    }

    std::string series_years() const {
        return format_financial_year(costs_.deflator.first_year) + " to " +
               format_financial_year(costs_.deflator.last_year());
    }

    // Prices must be convertible, so their years must be in the deflator series.
    void check_price_years() {
        if (costs_.deflator.index.empty()) {
            return;
        }
        auto check = [&](const toml::node* node, int year, const std::string& field) {
            if (node != nullptr && !costs_.deflator.covers(year)) {
                report(*node, field,
                       "the GDP deflator series (" + series_years() + ") has no " +
                           format_financial_year(year) + "; extend gdp_deflator.index");
            }
        };
        check(price_year_node_, costs_.price_year, "costs.price_year");
        check(justice_year_node_, costs_.justice.price_year, "justice.price_year");
    }

    const toml::table& root_;
    UnitCosts costs_;
    std::vector<std::string> category_names_;
    const toml::node* price_year_node_ = nullptr;
    const toml::node* justice_year_node_ = nullptr;
};

}  // namespace

UnitCosts load_unit_costs(const std::filesystem::path& file) {
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& error) {
        Diagnostic diagnostic = detail::diagnostic_at(
            error.source(), "", "TOML syntax error: " + std::string(error.description()));
        diagnostic.file = file;
        throw ScenarioError({diagnostic});
    }
    std::vector<Diagnostic> diagnostics;
    UnitCosts costs = UnitCostsReader(root, diagnostics).read();
    detail::throw_if_any(diagnostics, file);
    costs.file = file;
    return costs;
}

}  // namespace vrsim::scenarios
