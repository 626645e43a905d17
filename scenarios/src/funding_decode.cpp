// A programme's funding: cost per place, ramp-up and wind-down months, and its
// [[programmes.<id>.funding]] entries by UK financial year.
#include <limits>
#include <optional>

#include "programme_decode_support.hpp"
#include "vrsim/scenarios/economics.hpp"

namespace vrsim::scenarios::detail {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

void decode_funding(ParameterDecoder& decoder_, std::vector<Diagnostic>& diagnostics_,
                    const MergedNode& node, const std::string& path, ProgrammeFunding& funding) {
    auto integer = [&](std::string_view key, int& target) {
        const MergedNode* value = node.find(key);
        const std::string field = path + "." + std::string(key);
        if (value == nullptr) {
            decoder_.report_missing(field);
            return;
        }
        decoder_.decode_leaf(*value->value, field, Range{0.0, 60.0}, target, Locator());
    };
    integer("ramp_up_months", funding.ramp_up_months);
    integer("wind_down_months", funding.wind_down_months);
    if (const MergedNode* cost = node.find("cost_per_place_per_year_gbp")) {
        decoder_.decode_leaf(*cost->value, path + ".cost_per_place_per_year_gbp",
                             Range{0.0, kInfinity, true, false},
                             funding.cost_per_place_per_year_gbp, Locator());
    } else {
        decoder_.report_missing(path + ".cost_per_place_per_year_gbp");
    }
    const std::string field = path + ".funding";
    if (node.find("funding") == nullptr) {
        decoder_.report_missing(field);
        return;
    }
    const toml::array* entries = array_of_tables(
        decoder_, node, "funding", field,
        "from = \"2019-20\", budget_gbp_per_year = 100000, funder = \"MOPAC\", grant = false");
    if (entries == nullptr) {
        return;
    }
    static constexpr std::array<std::string_view, 8> kKeys = {
        "from",   "until",  "price_year", "budget_gbp_per_year",
        "places", "funder", "grant",      "source"};
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const toml::table& entry = *entries->get(i)->as_table();
        const std::string at = field + "[" + std::to_string(i) + "]";
        unknown_entry_keys(diagnostics_, entry, at, kKeys);
        FundingEntry funded;
        funded.until_financial_year = 9999;
        auto year = [&](std::string_view key, int& target, bool required) {
            const toml::node* value = entry.get(key);
            if (value == nullptr) {
                if (required) {
                    diagnostics_.push_back(diagnostic_at(
                        entry.source(), at + "." + std::string(key),
                        "required, not set; e.g. " + std::string(key) + " = \"2019-20\""));
                }
                return;
            }
            std::optional<int> parsed;
            if (value->is_string()) {
                parsed = parse_financial_year(value->as_string()->get());
                if (parsed && (*parsed < 1900 || *parsed > 2200)) {
                    parsed.reset();
                }
            }
            if (!parsed) {
                decoder_.report(*value, at + "." + std::string(key),
                                "expected a UK financial year written \"YYYY-YY\" (e.g. "
                                "\"2019-20\"), got " +
                                    describe_value(*value));
                return;
            }
            target = *parsed;
        };
        year("from", funded.from_financial_year, true);
        year("until", funded.until_financial_year, false);
        funded.price_financial_year = funded.from_financial_year;
        year("price_year", funded.price_financial_year, false);
        if (funded.until_financial_year < funded.from_financial_year) {
            decoder_.report(*entry.get("until"), at + ".until",
                            "expected a financial year no earlier than `from`");
        }
        const toml::node* budget = entry.get("budget_gbp_per_year");
        const toml::node* places = entry.get("places");
        if ((budget == nullptr) == (places == nullptr)) {
            diagnostics_.push_back(diagnostic_at(
                entry.source(), at,
                "expected exactly one of budget_gbp_per_year (money a year) or places (the "
                "places that money buys at the cost per place)"));
        } else if (budget != nullptr) {
            decoder_.decode_leaf(*budget, at + ".budget_gbp_per_year", Range{0.0, kInfinity},
                                 funded.budget_gbp_per_year, Locator());
        } else {
            funded.places_given = true;
            decoder_.decode_leaf(*places, at + ".places", Range{0.0, 1e6}, funded.places,
                                 Locator());
        }
        if (const toml::node* funder = entry.get("funder")) {
            decoder_.decode_leaf(*funder, at + ".funder", Range{}, funded.funder, Locator());
        } else {
            diagnostics_.push_back(
                diagnostic_at(entry.source(), at + ".funder",
                              "required, not set; say who pays, e.g. funder = \"MOPAC\""));
        }
        if (const toml::node* grant = entry.get("grant")) {
            decoder_.decode_leaf(*grant, at + ".grant", Range{}, funded.grant, Locator());
        } else {
            diagnostics_.push_back(diagnostic_at(
                entry.source(), at + ".grant",
                "required, not set; grant = true for a time-limited grant, false for core "
                "funding"));
        }
        if (const toml::node* source_text = entry.get("source");
            source_text != nullptr && !source_text->is_string()) {
            decoder_.report(*source_text, at + ".source",
                            "expected a string saying where the figure comes from, got " +
                                describe_value(*source_text));
        }
        funding.entries.push_back(funded);
    }
}

}  // namespace vrsim::scenarios::detail
