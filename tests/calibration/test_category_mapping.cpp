// The mapping files: the shipped ones load and say what they should; a broken one
// is reported problem by problem, each at its line.
#include <catch2/catch.hpp>

#include "observed_test_support.hpp"
#include "vrsim/calibration/category_mapping.hpp"

using namespace vrsim::calibration;
using namespace vrsim::calibration::testing;

namespace {

std::vector<std::string> outcomes_of(const CategoryMapping& mapping, const std::string& category) {
    const CategoryMapping::Category* found = mapping.find(category);
    REQUIRE(found != nullptr);
    return found->outcomes;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("Met scheme A mapping: violence goes to violence against the person and the total") {
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-a.toml");
    CHECK(mapping.format() == MappingFormat::mps);
    CHECK(outcomes_of(mapping, "Violence Against the Person / Violence with Injury") ==
          Names{"recorded_violence_against_the_person", "recorded_total"});
    CHECK(outcomes_of(mapping, "Robbery / Robbery of Personal Property") ==
          Names{"recorded_robbery", "recorded_total"});
    CHECK(outcomes_of(mapping, "Miscellaneous Crimes Against Society / Handling Stolen Goods") ==
          Names{"recorded_other", "recorded_total"});
    // The Met's with/without injury hold domestic and knife-enabled violence, which
    // vrsim counts apart, so those outcomes are not observable from it.
    CHECK(mapping.outcomes() == Names{"recorded_robbery", "recorded_sexual", "recorded_acquisitive",
                                      "recorded_other", "recorded_violence_against_the_person",
                                      "recorded_total"});
    CHECK(mapping.find("Violence Against the Person") == nullptr);
}

TEST_CASE("Met scheme C mapping observes robbery, sexual, acquisitive and the total only") {
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "mps-scheme-c.toml");
    CHECK(mapping.outcomes() ==
          Names{"recorded_robbery", "recorded_sexual", "recorded_acquisitive", "recorded_total"});
    CHECK(outcomes_of(mapping, "Violence Against the Person / Harassment") ==
          Names{"recorded_total"});
    CHECK(outcomes_of(mapping, "Theft and Handling / Theft From M/V") ==
          Names{"recorded_acquisitive", "recorded_total"});
}

TEST_CASE("police.uk mapping: violence and sexual offences count in the total only; ASB ignored") {
    const CategoryMapping mapping = CategoryMapping::load(kMappings / "police-uk-street.toml");
    CHECK(mapping.format() == MappingFormat::police_uk);
    CHECK(outcomes_of(mapping, "Violence and sexual offences") == Names{"recorded_total"});
    const CategoryMapping::Category* asb = mapping.find("Anti-social behaviour");
    REQUIRE(asb != nullptr);
    CHECK(asb->outcomes.empty());
    CHECK_FALSE(asb->reason_ignored.empty());
    CHECK(mapping.outcomes() ==
          Names{"recorded_robbery", "recorded_acquisitive", "recorded_other", "recorded_total"});
}

TEST_CASE("A broken mapping reports every problem with its line") {
    const fs::path file = kBroken / "mapping-broken.toml";
    const auto problems = problems_of([&] { CategoryMapping::load(file); });
    const std::string at = file.string() + ":";
    CHECK(reported(problems, at + "3:1: descripton", "did you mean \"description\""));
    CHECK(reported(problems, at + "7:12: map[1].outcome",
                   "unknown outcome \"recorded_robery\" (did you mean \"recorded_robbery\"?)"));
    CHECK(reported(problems, at + "10:37: map[2].source",
                   "\"Robbery / Robbery of Personal Property\" is already named at line 6"));
    CHECK(reported(problems, at + "15:1: map[3].outcomes", "did you mean \"outcome\""));
    CHECK(reported(problems, at + "13:1: map[3].outcome", "required, not set"));
    CHECK(reported(problems, at + "18:10: ignore[1].source",
                   "\"Sexual Offences / Rape\" is already named at line 10"));
    CHECK(reported(problems, at + "21:1: ignore[2].reason", "required, not set"));
    CHECK(problems.size() == 7);
}

TEST_CASE("A mapping with a TOML syntax error or an unknown format is refused") {
    const fs::path syntax = kBroken / "mapping-syntax.toml";
    CHECK(reported(problems_of([&] { CategoryMapping::load(syntax); }), syntax.string() + ":",
                   "TOML syntax error"));
    const fs::path format = kBroken / "mapping-bad-format.toml";
    CHECK(reported(problems_of([&] { CategoryMapping::load(format); }),
                   format.string() + ":1:10: format", "expected \"mps\""));
}

TEST_CASE("Every shipped mapping in scenarios/library/mappings loads") {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(kMappings)) {
        if (entry.path().extension() == ".toml") {
            ++files;
            INFO(entry.path().string());
            CHECK_NOTHROW(CategoryMapping::load(entry.path()));
        }
    }
    CHECK(files == 3);
}
