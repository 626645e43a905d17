// Reading unit-costs files: the shipped Home Office file, a small hand-made one,
// and every kind of mistake reported with its file, line, column and field.
#include <catch2/catch.hpp>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/economics.hpp"

using namespace vrsim::scenarios;
using namespace vrsim::scenarios::testing;
using vrsim::model::index_of;
using vrsim::model::OffenceType;

namespace {

std::filesystem::path shipped_costs() {
    return std::filesystem::path(VRSIM_SOURCE_DIR) / "scenarios" / "library" / "costs" /
           "home_office_2018.toml";
}

std::string small_text() {
    return read_file(fixture("economics/small_costs.toml"));
}

std::vector<Diagnostic> costs_diagnostics(const std::filesystem::path& file) {
    try {
        load_unit_costs(file);
    } catch (const ScenarioError& error) {
        return error.diagnostics();
    }
    return {};
}

// The one diagnostic of a file that should have exactly one problem.
Diagnostic only_problem(const TemporaryFolder& folder, const std::string& text) {
    const auto file = folder.write("costs.toml", text);
    const auto diagnostics = costs_diagnostics(file);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].file == file);
    return diagnostics[0];
}

}  // namespace

TEST_CASE("the shipped Home Office file loads with the published violence-with-injury cost") {
    const UnitCosts costs = load_unit_costs(shipped_costs());
    CHECK(costs.price_year == 2015);
    // Heeks et al. 2018, Table E1: violence with injury £14,050 a crime (2015/16 prices).
    const CostSplit& violence = costs.per_offence[index_of(OffenceType::violence_with_injury)];
    CHECK(violence.total_gbp() == Approx(14050.0).epsilon(1e-12));
    // Published totals the file carries (EVIDENCE.md, "Costs").
    auto category_total = [&](std::string_view name) {
        for (const CrimeCategoryCost& category : costs.categories) {
            if (category.name == name) {
                return category.per_offence.total_gbp();
            }
        }
        FAIL("no category " << name);
        return 0.0;
    };
    CHECK(category_total("rape") == Approx(39360.0).epsilon(1e-12));
    CHECK(category_total("robbery") == Approx(11320.0).epsilon(1e-12));
    CHECK(category_total("theft_of_vehicle") == Approx(10290.0).epsilon(1e-12));
    CHECK(category_total("criminal_damage_arson") == Approx(8420.0).epsilon(1e-12));
    CHECK(category_total("other_sexual") == Approx(6520.0).epsilon(1e-12));
    CHECK(category_total("criminal_damage_other") == Approx(1350.0).epsilon(1e-12));
    CHECK(category_total("theft_from_vehicle") == Approx(870.0).epsilon(1e-12));
    // Homicide's response is the published police £11,960 + criminal justice £800,980.
    for (const CrimeCategoryCost& category : costs.categories) {
        if (category.name == "homicide") {
            CHECK(category.per_offence.response_gbp == 812940.0);
        }
    }
    // Every type is costed, and knife-enabled violence costs what violence with injury does.
    for (const CostSplit& cost : costs.per_offence) {
        CHECK(cost.total_gbp() > 0.0);
    }
    CHECK(costs.per_offence[index_of(OffenceType::knife_enabled)].total_gbp() ==
          Approx(14050.0).epsilon(1e-12));
    CHECK(costs.justice.cost_per_prisoner_year_gbp == 33931.0);
    CHECK(costs.justice.price_year == 2015);
    CHECK(costs.deflator.first_year == 2000);
    CHECK(costs.deflator.at(2009) == 67.7042);  // 2009-10, the earliest shipped budgets
    CHECK(costs.deflator.last_year() == 2030);
    CHECK(costs.deflator.forecast_from == 2025);
    CHECK(costs.deflator.at(2024) == 100.0);
    // £14,050 in 2015-16 prices is 14,050 x 100 / 74.5804 = £18,838.73 in 2024-25 prices.
    CHECK(costs.deflator.convert(14050.0, 2015, 2024) == Approx(18838.73).margin(0.01));
}

TEST_CASE("a total with a split and three parts both give the cost per offence") {
    const UnitCosts costs = load_unit_costs(fixture("economics/small_costs.toml"));
    const CostSplit& hurt = costs.per_offence[index_of(OffenceType::violence_with_injury)];
    CHECK(hurt.anticipation_gbp == Approx(100.0));  // 1000 x 0.1
    CHECK(hurt.consequence_gbp == Approx(600.0));
    CHECK(hurt.response_gbp == Approx(300.0));
    const CostSplit& theft = costs.per_offence[index_of(OffenceType::robbery)];
    CHECK(theft.anticipation_gbp == 20.0);
    CHECK(theft.consequence_gbp == 60.0);
    CHECK(theft.response_gbp == 20.0);
    // Half and half: (100 + 20) / 2, (600 + 60) / 2, (300 + 20) / 2.
    const CostSplit& mix = costs.per_offence[index_of(OffenceType::acquisitive)];
    CHECK(mix.anticipation_gbp == Approx(60.0));
    CHECK(mix.consequence_gbp == Approx(330.0));
    CHECK(mix.response_gbp == Approx(160.0));
    REQUIRE(costs.mapping[index_of(OffenceType::acquisitive)].size() == 2);
    CHECK(costs.mapping[index_of(OffenceType::acquisitive)][0].category == "hurt");
    CHECK(costs.file == fixture("economics/small_costs.toml"));
}

TEST_CASE("an unknown offence type is reported where it is written, with the likely name") {
    TemporaryFolder folder;
    const std::string text =
        replaced(small_text(), "[offence_types.knife_enabled]", "[offence_types.knife_enable]");
    const auto file = folder.write("costs.toml", text);
    const auto diagnostics = costs_diagnostics(file);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 2);  // the unknown name, and the type it leaves unset
    const Diagnostic* unknown = nullptr;
    const Diagnostic* missing = nullptr;
    for (const Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.field == "offence_types.knife_enable") {
            unknown = &diagnostic;
        }
        if (diagnostic.field == "offence_types.knife_enabled") {
            missing = &diagnostic;
        }
    }
    REQUIRE(unknown != nullptr);
    REQUIRE(missing != nullptr);
    const TextPlace place = place_of(text, "knife_enable]");
    CHECK(unknown->line == place.line);
    CHECK(unknown->column == place.column);
    CHECK(unknown->message == "unknown key; did you mean \"knife_enabled\"?");
    CHECK(unknown->to_string().starts_with(file.string() + ":" + std::to_string(place.line) + ":"));
    CHECK(missing->message.starts_with("required, not set"));
}

TEST_CASE("a missing field names the field and the table it belongs in") {
    TemporaryFolder folder;
    const std::string text = replaced(small_text(), "source = \"test: parts\"\n", "");
    const Diagnostic problem = only_problem(folder, text);
    CHECK(problem.field == "home_office.theft.source");
    CHECK(problem.message == "required, not set");
    CHECK(problem.line == place_of(text, "[home_office.theft]").line);

    const std::string no_share = replaced(
        small_text(), "share = { anticipation = 0.1, consequence = 0.6, response = 0.3 }\n", "");
    const Diagnostic share = only_problem(folder, no_share);
    CHECK(share.field == "home_office.hurt.share");
    CHECK(share.message == "required, not set");

    const std::string no_justice_cost =
        replaced(small_text(), "cost_per_prisoner_year_gbp = 12000\n", "");
    const Diagnostic justice = only_problem(folder, no_justice_cost);
    CHECK(justice.field == "justice.cost_per_prisoner_year_gbp");
    CHECK(justice.line == place_of(no_justice_cost, "[justice]").line);
}

TEST_CASE("a negative cost is reported at its value") {
    TemporaryFolder folder;
    const std::string text =
        replaced(small_text(), "anticipation_gbp = 20", "anticipation_gbp = -20");
    const Diagnostic problem = only_problem(folder, text);
    CHECK(problem.field == "home_office.theft.anticipation_gbp");
    CHECK(problem.message == "expected a number >= 0, got -20");
    const TextPlace place = place_of(text, "-20");
    CHECK(problem.line == place.line);
    CHECK(problem.column == place.column);
    CHECK(problem.to_string() == folder.path().string() +
                                     "/costs.toml:" + std::to_string(place.line) + ":" +
                                     std::to_string(place.column) +
                                     ": home_office.theft.anticipation_gbp: expected a number >= "
                                     "0, got -20");
}

TEST_CASE("weights must name known categories and sum to one") {
    TemporaryFolder folder;
    const std::string unknown = replaced(small_text(), "weights = { hurt = 0.5, theft = 0.5 }",
                                         "weights = { hurt = 0.5, thef = 0.5 }");
    const Diagnostic named = only_problem(folder, unknown);
    CHECK(named.field == "offence_types.acquisitive.weights.thef");
    CHECK(named.message == "unknown Home Office category; did you mean \"theft\"?");
    CHECK(named.line == place_of(unknown, "thef =").line);

    const std::string short_sum = replaced(small_text(), "weights = { hurt = 0.5, theft = 0.5 }",
                                           "weights = { hurt = 0.5, theft = 0.4 }");
    const Diagnostic sum = only_problem(folder, short_sum);
    CHECK(sum.field == "offence_types.acquisitive.weights");
    CHECK(sum.message == "expected weights summing to 1, got 0.9");
}

TEST_CASE("shares must sum to one and lie in [0, 1]") {
    TemporaryFolder folder;
    const std::string text = replaced(small_text(), "consequence = 0.6", "consequence = 0.7");
    const Diagnostic problem = only_problem(folder, text);
    CHECK(problem.field == "home_office.hurt.share");
    CHECK(problem.message == "expected shares summing to 1, got 1.1");

    const std::string above =
        replaced(small_text(), "prison_share_of_response = 0.5", "prison_share_of_response = 1.5");
    const Diagnostic share = only_problem(folder, above);
    CHECK(share.field == "justice.prison_share_of_response");
    CHECK(share.message == "expected a number in [0, 1], got 1.5");
}

TEST_CASE("price years must be financial years inside the deflator series") {
    TemporaryFolder folder;
    const std::string outside = replaced(small_text(), "price_year = \"2020-21\"\n\n[home_office",
                                         "price_year = \"2019-20\"\n\n[home_office");
    const Diagnostic problem = only_problem(folder, outside);
    CHECK(problem.field == "costs.price_year");
    CHECK(problem.message ==
          "the GDP deflator series (2020-21 to 2021-22) has no 2019-20; extend gdp_deflator.index");

    const std::string malformed =
        replaced(small_text(), "first_year = \"2020-21\"", "first_year = \"2020/21\"");
    const Diagnostic year = only_problem(folder, malformed);
    CHECK(year.field == "gdp_deflator.first_year");
    CHECK(year.message == "expected a financial year such as \"2015-16\", got string \"2020/21\"");
}

TEST_CASE("unknown keys, missing tables and syntax errors are reported") {
    TemporaryFolder folder;
    const std::string typo =
        replaced(small_text(), "split_source = \"test: split\"", "split_sorce = \"test: split\"");
    const auto file = folder.write("costs.toml", typo);
    const auto diagnostics = costs_diagnostics(file);
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.size() == 2);  // the unknown key, and split_source left unset
    CHECK(diagnostics[0].field == "home_office.hurt.split_source");
    CHECK(diagnostics[1].field == "home_office.hurt.split_sorce");
    CHECK(diagnostics[1].message == "unknown key; did you mean \"split_source\"?");

    const std::string text = small_text();
    const std::string no_justice =
        text.substr(0, text.find("[justice]")) + text.substr(text.find("[gdp_deflator]"));
    const Diagnostic missing = only_problem(folder, no_justice);
    CHECK(missing.field == "justice");
    CHECK(missing.line == 0);
    CHECK(missing.message == "required, not set; add a [justice] table");

    const Diagnostic syntax = only_problem(folder, "[costs\nprice_year = 1\n");
    CHECK(syntax.message.starts_with("TOML syntax error"));
    CHECK(syntax.line == 1);
}
