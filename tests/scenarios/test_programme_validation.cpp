// The [programmes.<id>] sections: a valid file loads with places and spend that
// follow its funding, and every kind of mistake in a programme is reported with
// the file, line, column and field path where it is and a message saying what
// was expected. Broken variants are fixtures/programmes/valid_programmes.toml
// with one edit, written to a temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {
namespace {

using model::ProgrammeKind;
using model::ProgrammeParameters;
using testing::diagnostic_for;
using testing::listed;
using testing::place_of;
using testing::replaced;
using testing::TemporaryFolder;
using testing::TextPlace;

std::filesystem::path programmes_fixture() {
    return testing::fixture("programmes/valid_programmes.toml");
}

std::string programmes_text() {
    return testing::read_file(programmes_fixture());
}

// The fixture's text with its one occurrence of `from` replaced by `to`.
std::string edited(std::string_view from, std::string_view to) {
    return replaced(programmes_text(), from, to);
}

// A variant of the fixture, written to a temporary folder with `extends` naming
// valid_minimal.toml by its absolute path, and loaded.
struct EditedProgrammes {
    explicit EditedProgrammes(const std::string& scenario_text)
        : text(replaced(
              scenario_text, "extends = \"../valid_minimal.toml\"",
              "extends = \"" + testing::fixture("valid_minimal.toml").generic_string() + "\"")),
          file(folder.write("programmes.toml", text)),
          diagnostics(testing::diagnostics_of(file)) {}

    TemporaryFolder folder;
    std::string text;
    std::filesystem::path file;
    std::vector<Diagnostic> diagnostics;
};

void check_diagnostic(const Diagnostic& diagnostic, const std::filesystem::path& file,
                      TextPlace place, std::string_view field, std::string_view message) {
    CHECK(diagnostic.file == file);
    CHECK(diagnostic.line == place.line);
    CHECK(diagnostic.column == place.column);
    CHECK(diagnostic.field == field);
    CHECK(diagnostic.message == message);
}

// The variant has exactly one problem, at `place` in its file.
void check_only_diagnostic(const EditedProgrammes& scenario, TextPlace place,
                           std::string_view field, std::string_view message) {
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 1);
    check_diagnostic(scenario.diagnostics[0], scenario.file, place, field, message);
}

const ProgrammeParameters& programme(const model::Parameters& parameters, std::string_view id) {
    auto found = std::find_if(parameters.programmes.begin(), parameters.programmes.end(),
                              [&](const ProgrammeParameters& p) { return p.id == id; });
    REQUIRE(found != parameters.programmes.end());
    return *found;
}

void check_months(const std::vector<double>& actual, const std::vector<double>& expected) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t month = 0; month < expected.size(); ++month) {
        INFO("month " << month);
        CHECK(actual[month] == Approx(expected[month]).margin(1e-9));
    }
}

// ---------------------------------------------------------------------------
// A valid file.

TEST_CASE("the programmes fixture loads with one programme of each kind", "[programmes]") {
    const auto diagnostics = testing::diagnostics_of(programmes_fixture());
    INFO(listed(diagnostics));
    REQUIRE(diagnostics.empty());
    const Scenario scenario = load_scenario(programmes_fixture());
    const model::Parameters& parameters = scenario.parameters;
    REQUIRE(parameters.programmes.size() == 7);
    REQUIRE(scenario.funding.size() == 7);
    std::set<ProgrammeKind> kinds;
    for (std::size_t i = 0; i < parameters.programmes.size(); ++i) {
        kinds.insert(parameters.programmes[i].kind);
        // Funding is kept in the programmes' order.
        CHECK(scenario.funding[i].programme == parameters.programmes[i].id);
    }
    CHECK(kinds.size() == model::kProgrammeKindCount);

    const ProgrammeParameters& gang_exit = programme(parameters, "gang_exit");
    CHECK(gang_exit.kind == ProgrammeKind::gang_exit);
    CHECK(gang_exit.min_age_years == 16.0);
    CHECK(gang_exit.max_age_years == 26.0);
    CHECK(gang_exit.consent_probability == 0.6);
    CHECK(gang_exit.duration_mean_months == 6.0);
    CHECK(gang_exit.max_wait_months == 3);
    REQUIRE(gang_exit.referral_sources.size() == 2);
    CHECK(gang_exit.referral_sources[0].name == "police");
    CHECK(gang_exit.referral_sources[0].event == model::ReferralEvent::arrest);
    CHECK(gang_exit.referral_sources[0].probability == 0.3);
    CHECK(gang_exit.referral_sources[1].name == "schools");
    CHECK(gang_exit.referral_sources[1].event == model::ReferralEvent::monthly);
    CHECK(gang_exit.referral_sources[1].probability == 0.01);
    CHECK(gang_exit.effects.fade_months == 12.0);
    CHECK(gang_exit.effects.gang_exit_hazard_ratio == 2.0);
    const model::PerOffenceType<double> gang_ratios{0.63, 0.62, 0.27, 0.64, 1.0, 1.0, 0.85, 0.86};
    CHECK(gang_exit.effects.offending_hazard_ratio == gang_ratios);

    const ProgrammeParameters& triage = programme(parameters, "youth_triage");
    CHECK_FALSE(triage.triage_includes_knife_offences);
    const ProgrammeParameters& iom = programme(parameters, "iom");
    CHECK(iom.iom_score_window_months == 12);
    CHECK(iom.iom_min_proven_offences == 3);
    CHECK(iom.effects.detection_multiplier == 1.5);
    CHECK(iom.effects.recall_multiplier == 1.6);
    CHECK(iom.referral_sources.empty());  // IOM selects by score; sources are optional
    const ProgrammeParameters& channel = programme(parameters, "channel");
    CHECK(channel.channel_panel_probability == 0.13);
    CHECK(channel.channel_adoption_probability == 0.7);
    CHECK(channel.channel_review_months == 6);
    CHECK(channel.channel_exit_at_review_probability == 0.6);
    CHECK(channel.channel_no_further_concern_share == 0.79);
    CHECK(channel.effects.radicalisation_hazard_ratio == 0.4);
    CHECK(programme(parameters, "idva").kind == ProgrammeKind::domestic_abuse_victims);
    // Two programmes may each have a source called "police".
    CHECK(programme(parameters, "perpetrators").referral_sources[0].name == "police");
    const ProgrammeParameters& prevention = programme(parameters, "prevention");
    CHECK(prevention.prevention_reach_age_min_years == 5.0);
    CHECK(prevention.prevention_reach_age_max_years == 10.0);
    CHECK(prevention.effects.risk_factor_ratio == 0.9);
    CHECK(prevention.effects.gang_join_ratio == 0.8);
}

TEST_CASE("a loaded programme's places and spend by month follow its funding", "[programmes]") {
    // The fixture starts in April 2019 and reports 24 months: 2019-20 is months
    // 0-11, 2020-21 months 12-23.
    const Scenario scenario = load_scenario(programmes_fixture());
    const auto& funding = scenario.funding;
    SECTION("gang exit: a rise from 10 to 15 places with a 2-month ramp-up") {
        // 2019-20: £60,000 / £6,000 = 10 places; 2020-21: + 5 places = 15,
        // climbed in thirds: 10 + 5/3, 10 + 10/3, then 15. Spend: £60,000 / 12 =
        // £5,000 a month, then (£60,000 + 5 x £6,000) / 12 = £7,500.
        const ProgrammeParameters& gang_exit = programme(scenario.parameters, "gang_exit");
        std::vector<double> places(12, 10.0);
        places.push_back(10.0 + 5.0 / 3.0);
        places.push_back(10.0 + 10.0 / 3.0);
        places.resize(24, 15.0);
        check_months(gang_exit.places_by_month, places);
        std::vector<double> spend(12, 5000.0);
        spend.resize(24, 7500.0);
        check_months(gang_exit.spend_gbp_by_month, spend);
        auto entry = std::find_if(funding.begin(), funding.end(), [](const ProgrammeFunding& f) {
            return f.programme == "gang_exit";
        });
        REQUIRE(entry != funding.end());
        REQUIRE(entry->entries.size() == 2);
        CHECK(entry->entries[0].from_financial_year == 2019);
        CHECK(entry->entries[0].until_financial_year == 9999);  // no `until`: runs on
        CHECK(entry->entries[0].price_financial_year == 2019);  // no `price_year`: `from`'s
        CHECK(entry->entries[0].funder == "MOPAC");
        CHECK(entry->entries[0].grant);
        CHECK(entry->entries[1].places_given);
        CHECK(entry->entries[1].places == 5.0);
        CHECK_FALSE(entry->entries[1].grant);
        CHECK(entry->ramp_up_months == 2);
        CHECK(entry->wind_down_months == 3);
    }
    SECTION("youth triage: a one-year grant wound down over 3 months") {
        // £48,000 / £4,000 = 12 places in 2019-20; months 9-11 wind down to
        // 12 x 3/4, 12 x 2/4, 12 x 1/4; nothing from April 2020. Spend £4,000 a
        // month, then nothing.
        const ProgrammeParameters& triage = programme(scenario.parameters, "youth_triage");
        std::vector<double> places(9, 12.0);
        for (double value : {9.0, 6.0, 3.0}) {
            places.push_back(value);
        }
        places.resize(24, 0.0);
        check_months(triage.places_by_month, places);
        std::vector<double> spend(12, 4000.0);
        spend.resize(24, 0.0);
        check_months(triage.spend_gbp_by_month, spend);
    }
    SECTION("channel: places given directly") {
        // 10 places at £6,000: £60,000 a year, £5,000 a month.
        const ProgrammeParameters& channel = programme(scenario.parameters, "channel");
        check_months(channel.places_by_month, std::vector<double>(24, 10.0));
        check_months(channel.spend_gbp_by_month, std::vector<double>(24, 5000.0));
    }
}

TEST_CASE("a programme value with a distribution is drawn into that programme", "[programmes]") {
    const Scenario scenario = load_scenario(programmes_fixture());
    auto has_field = [&](std::string_view field) {
        return std::any_of(scenario.uncertain.begin(), scenario.uncertain.end(),
                           [&](const UncertainParameter& u) { return u.field == field; });
    };
    CHECK(has_field("programmes.gang_exit.effects.offending_hazard_ratio.violence_with_injury"));
    CHECK(has_field("programmes.gang_exit.referral_sources[1].probability"));
    std::set<double> ratios;
    std::set<double> probabilities;
    for (std::uint32_t replicate = 0; replicate < 10; ++replicate) {
        const model::Parameters drawn = draw_parameters(scenario, 17, replicate);
        const ProgrammeParameters& gang_exit = programme(drawn, "gang_exit");
        const double ratio = gang_exit.effects.offending_hazard_ratio[0];
        CHECK(ratio >= 0.45);
        CHECK(ratio <= 0.85);
        ratios.insert(ratio);
        // Only the entry with the distribution varies.
        CHECK(gang_exit.effects.offending_hazard_ratio[1] == 0.62);
        const double probability = gang_exit.referral_sources[1].probability;
        CHECK(probability >= 0.005);
        CHECK(probability <= 0.02);
        probabilities.insert(probability);
        CHECK(gang_exit.referral_sources[0].probability == 0.3);
        // Other programmes are untouched.
        CHECK(programme(drawn, "youth_triage").effects.offending_hazard_ratio[0] == 0.75);
    }
    // Continuous draws: ten replicates give ten different values.
    CHECK(ratios.size() == 10);
    CHECK(probabilities.size() == 10);
    // The scenario keeps the values as written.
    CHECK(programme(scenario.parameters, "gang_exit").effects.offending_hazard_ratio[0] == 0.63);
}

// ---------------------------------------------------------------------------
// Mistakes.

TEST_CASE("an unknown programme kind is reported at its value", "[programmes]") {
    SECTION("with the closest kind when it is a likely typo") {
        const EditedProgrammes scenario(edited("kind = \"gang_exit\"", "kind = \"gang_exti\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"gang_exti\""),
                              "programmes.gang_exit.kind",
                              "unknown programme kind; did you mean \"gang_exit\"?");
        const Diagnostic& diagnostic = scenario.diagnostics[0];
        CHECK(diagnostic.to_string() ==
              scenario.file.string() + ":" + std::to_string(diagnostic.line) + ":8: " +
                  "programmes.gang_exit.kind: unknown programme kind; did you mean "
                  "\"gang_exit\"?");
    }
    SECTION("with the kinds allowed when nothing is close") {
        const EditedProgrammes scenario(edited("kind = \"gang_exit\"", "kind = \"mentoring\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"mentoring\""),
                              "programmes.gang_exit.kind",
                              "unknown programme kind; expected one of: iom, gang_exit, "
                              "youth_triage, channel, domestic_abuse_victims, "
                              "domestic_abuse_perpetrators, prevention");
    }
}

TEST_CASE("a programme with no kind is reported", "[programmes]") {
    const EditedProgrammes scenario(edited("kind = \"iom\"\n", ""));
    check_only_diagnostic(scenario, {0, 0}, "programmes.iom.kind",
                          "required, not set; add kind = ... under [programmes.iom] in this file "
                          "or a file it extends");
}

TEST_CASE("an unknown key in a programme is reported with the closest key", "[programmes]") {
    const EditedProgrammes scenario(edited(
        "consent_probability = 0.6\n", "consent_probability = 0.6\nconsent_probabilty = 0.5\n"));
    check_only_diagnostic(scenario, place_of(scenario.text, "consent_probabilty"),
                          "programmes.gang_exit.consent_probabilty",
                          "unknown key; did you mean \"consent_probability\"?");
}

TEST_CASE("a key the programme's kind does not take is reported", "[programmes]") {
    SECTION("rules for gang exit, which has none") {
        // "rules" is 4 edits from the nearest key ("name"), too far for a
        // suggestion, so the keys a gang exit programme takes are listed (no rules).
        const EditedProgrammes scenario(
            edited("[programmes.gang_exit.effects]\n",
                   "[programmes.gang_exit.rules]\nincludes_knife_offences = true\n"
                   "[programmes.gang_exit.effects]\n"));
        check_only_diagnostic(
            scenario, place_of(scenario.text, "[programmes.gang_exit.rules]", 22),
            "programmes.gang_exit.rules",
            "unknown key; expected one of: kind, name, min_age_years, max_age_years, "
            "consent_probability, duration_mean_months, max_wait_months, referral_sources, "
            "cost_per_place_per_year_gbp, ramp_up_months, wind_down_months, funding, effects");
    }
    SECTION("referral sources for youth triage, which refers at arrest") {
        const EditedProgrammes scenario(
            edited("[[programmes.youth_triage.funding]]",
                   "[[programmes.youth_triage.referral_sources]]\nname = \"police\"\n"
                   "event = \"arrest\"\nprobability = 0.5\n[[programmes.youth_triage.funding]]"));
        check_only_diagnostic(
            scenario, place_of(scenario.text, "[[programmes.youth_triage.referral_sources]]", 26),
            "programmes.youth_triage.referral_sources",
            "a youth_triage programme takes no referral_sources; remove it");
    }
    SECTION("ages for prevention, which reaches children by its own rules") {
        const EditedProgrammes scenario(
            edited("kind = \"prevention\"\n", "kind = \"prevention\"\nmin_age_years = 5\n"));
        check_only_diagnostic(scenario, place_of(scenario.text, "min_age_years = 5"),
                              "programmes.prevention.min_age_years",
                              "a prevention programme takes no min_age_years; remove it");
    }
    SECTION("a duration for Channel, which reviews its cases instead") {
        const EditedProgrammes scenario(
            edited("kind = \"channel\"\n", "kind = \"channel\"\nduration_mean_months = 7\n"));
        check_only_diagnostic(scenario, place_of(scenario.text, "duration_mean_months = 7"),
                              "programmes.channel.duration_mean_months",
                              "a channel programme takes no duration_mean_months; remove it");
    }
    SECTION("an effect of another kind") {
        const EditedProgrammes scenario(
            edited("recall_multiplier = 1.6\n",
                   "recall_multiplier = 1.6\ngang_exit_hazard_ratio = 2.0\n"));
        check_only_diagnostic(
            scenario,
            place_of(scenario.text, "recall_multiplier = 1.6\ngang_exit_hazard_ratio", 24),
            "programmes.iom.effects.gang_exit_hazard_ratio",
            "unknown effect for this kind; expected one of: detection_multiplier, "
            "recall_multiplier, offending_hazard_ratio, fade_months");
    }
    SECTION("a rule of another kind") {
        const EditedProgrammes scenario(
            edited("min_proven_offences = 3\n", "min_proven_offences = 3\nreview_months = 6\n"));
        check_only_diagnostic(scenario,
                              place_of(scenario.text, "min_proven_offences = 3\nreview_months", 24),
                              "programmes.iom.rules.review_months",
                              "unknown rule for this kind; expected one of: score_window_months, "
                              "min_proven_offences");
    }
}

TEST_CASE("a programme without funding is reported", "[programmes]") {
    const EditedProgrammes scenario(
        edited("[[programmes.prevention.funding]]\nfrom = \"2019-20\"\nbudget_gbp_per_year = "
               "20000\nfunder = \"Public health\"\ngrant = false\n",
               ""));
    check_only_diagnostic(scenario, {0, 0}, "programmes.prevention.funding",
                          "required, not set; add funding = ... under [programmes.prevention] in "
                          "this file or a file it extends");
    CHECK(scenario.diagnostics[0].to_string() ==
          scenario.file.string() +
              ": programmes.prevention.funding: required, not set; add funding = ... under "
              "[programmes.prevention] in this file or a file it extends");
}

TEST_CASE("a funding entry needs exactly one of a budget and places", "[programmes]") {
    const std::string message =
        "expected exactly one of budget_gbp_per_year (money a year) or places (the places that "
        "money buys at the cost per place)";
    SECTION("both") {
        const EditedProgrammes scenario(
            edited("budget_gbp_per_year = 50000\n", "budget_gbp_per_year = 50000\nplaces = 10\n"));
        check_only_diagnostic(scenario, place_of(scenario.text, "[[programmes.iom.funding]]"),
                              "programmes.iom.funding[0]", message);
    }
    SECTION("neither") {
        const EditedProgrammes scenario(edited("budget_gbp_per_year = 20000\n", ""));
        check_only_diagnostic(scenario,
                              place_of(scenario.text, "[[programmes.prevention.funding]]"),
                              "programmes.prevention.funding[0]", message);
    }
}

TEST_CASE("financial years must be written YYYY-YY for consecutive years", "[programmes]") {
    const std::string_view iom_from = "from = \"2019-20\"\nbudget_gbp_per_year = 50000";
    auto with_from = [&](const std::string& written) {
        return edited(iom_from, "from = " + written + "\nbudget_gbp_per_year = 50000");
    };
    const std::string expected =
        "expected a UK financial year written \"YYYY-YY\" (e.g. \"2019-20\"), got ";
    SECTION("four-digit second year") {
        const EditedProgrammes scenario(with_from("\"2019-2020\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"2019-2020\""),
                              "programmes.iom.funding[0].from", expected + "string \"2019-2020\"");
    }
    SECTION("years that do not follow each other") {
        const EditedProgrammes scenario(with_from("\"2019-21\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"2019-21\""),
                              "programmes.iom.funding[0].from", expected + "string \"2019-21\"");
    }
    SECTION("a number") {
        const EditedProgrammes scenario(with_from("2019"));
        check_only_diagnostic(scenario, place_of(scenario.text, "from = 2019", 7),
                              "programmes.iom.funding[0].from", expected + "2019");
    }
}

TEST_CASE("a funding entry may state the year of its budget's prices", "[programmes]") {
    const std::string_view iom_from = "from = \"2019-20\"\nbudget_gbp_per_year = 50000";
    SECTION("read as a financial year") {
        const EditedProgrammes scenario(edited(
            iom_from, "from = \"2019-20\"\nprice_year = \"2024-25\"\nbudget_gbp_per_year = 50000"));
        INFO(listed(scenario.diagnostics));
        REQUIRE(scenario.diagnostics.empty());
        const Scenario loaded = load_scenario(scenario.file);
        const auto iom = std::find_if(
            loaded.funding.begin(), loaded.funding.end(),
            [](const ProgrammeFunding& funding) { return funding.programme == "iom"; });
        REQUIRE(iom != loaded.funding.end());
        CHECK(iom->entries[0].price_financial_year == 2024);
    }
    SECTION("reported where it is not one") {
        const EditedProgrammes scenario(
            edited(iom_from, "from = \"2019-20\"\nprice_year = 2024\nbudget_gbp_per_year = 50000"));
        check_only_diagnostic(scenario, place_of(scenario.text, "price_year = 2024", 13),
                              "programmes.iom.funding[0].price_year",
                              "expected a UK financial year written \"YYYY-YY\" (e.g. "
                              "\"2019-20\"), got 2024");
    }
}

TEST_CASE("a funding entry that ends before it starts is reported at `until`", "[programmes]") {
    const EditedProgrammes scenario(edited("from = \"2019-20\"\nuntil = \"2019-20\"",
                                           "from = \"2020-21\"\nuntil = \"2019-20\""));
    check_only_diagnostic(scenario, place_of(scenario.text, "until = \"2019-20\"", 8),
                          "programmes.youth_triage.funding[0].until",
                          "expected a financial year no earlier than `from`");
}

TEST_CASE("a funding entry's keys are checked", "[programmes]") {
    const EditedProgrammes scenario(edited("funder = \"Police\"", "fundr = \"Police\""));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 2);
    check_diagnostic(diagnostic_for(scenario.diagnostics, "programmes.iom.funding[0].fundr"),
                     scenario.file, place_of(scenario.text, "fundr"),
                     "programmes.iom.funding[0].fundr", "unknown key; did you mean \"funder\"?");
    check_diagnostic(diagnostic_for(scenario.diagnostics, "programmes.iom.funding[0].funder"),
                     scenario.file, place_of(scenario.text, "[[programmes.iom.funding]]"),
                     "programmes.iom.funding[0].funder",
                     "required, not set; say who pays, e.g. funder = \"MOPAC\"");
}

TEST_CASE("an unknown referral event is reported with the closest event", "[programmes]") {
    const EditedProgrammes scenario(
        edited("event = \"arrest\"\nprobability = 0.3", "event = \"arest\"\nprobability = 0.3"));
    check_only_diagnostic(scenario, place_of(scenario.text, "\"arest\""),
                          "programmes.gang_exit.referral_sources[0].event",
                          "unknown referral event; did you mean \"arrest\"?");
}

TEST_CASE("referral source names are checked", "[programmes]") {
    SECTION("two sources of one programme with the same name") {
        const EditedProgrammes scenario(edited("name = \"schools\"", "name = \"police\""));
        check_only_diagnostic(
            scenario, place_of(scenario.text, "name = \"police\"\nevent = \"monthly\"", 7),
            "programmes.gang_exit.referral_sources[1].name",
            "expected a name not already used by another source of this programme, got "
            "\"police\"");
    }
    SECTION("a name that cannot name an outcome") {
        const EditedProgrammes scenario(edited("name = \"police\"\nevent = \"arrest\"",
                                               "name = \"Police\"\nevent = \"arrest\""));
        check_only_diagnostic(scenario, place_of(scenario.text, "\"Police\""),
                              "programmes.gang_exit.referral_sources[0].name",
                              "expected a name of lower-case letters, digits and _ (it names the "
                              "outcome referrals_<name>), got \"Police\"");
    }
}

TEST_CASE("a programme that needs referral sources must have some", "[programmes]") {
    const EditedProgrammes scenario(
        edited("[[programmes.idva.referral_sources]]\nname = \"police_risk_assessment\"\nevent = "
               "\"domestic_abuse_victim\"\nprobability = 0.1\n",
               ""));
    check_only_diagnostic(scenario, {0, 0}, "programmes.idva.referral_sources",
                          "required, not set; add referral_sources = ... under [programmes.idva] "
                          "in this file or a file it extends");
}

TEST_CASE("a programme's ages must not be reversed", "[programmes]") {
    SECTION("equal") {
        const EditedProgrammes scenario(edited("max_age_years = 26", "max_age_years = 16"));
        check_only_diagnostic(scenario, place_of(scenario.text, "max_age_years = 16", 16),
                              "programmes.gang_exit.max_age_years",
                              "expected max_age_years above min_age_years (16)");
    }
    SECTION("reversed") {
        const EditedProgrammes scenario(edited("min_age_years = 16\nmax_age_years = 26",
                                               "min_age_years = 30\nmax_age_years = 26"));
        check_only_diagnostic(scenario, place_of(scenario.text, "max_age_years = 26", 16),
                              "programmes.gang_exit.max_age_years",
                              "expected max_age_years above min_age_years (30)");
    }
}

TEST_CASE("offending hazard ratios are needed for every offence type", "[programmes]") {
    SECTION("a type left out") {
        const EditedProgrammes scenario(edited("robbery = 0.64\n", ""));
        check_only_diagnostic(
            scenario,
            place_of(scenario.text, "[programmes.gang_exit.effects.offending_hazard_ratio]"),
            "programmes.gang_exit.effects.offending_hazard_ratio.robbery",
            "required, not set; give robbery a hazard ratio (1 for no effect): every offence "
            "type needs one");
    }
    SECTION("a misspelt type") {
        const EditedProgrammes scenario(edited("robbery = 0.64\n", "robery = 0.64\n"));
        INFO(listed(scenario.diagnostics));
        REQUIRE(scenario.diagnostics.size() == 2);
        check_diagnostic(
            diagnostic_for(scenario.diagnostics,
                           "programmes.gang_exit.effects.offending_hazard_ratio.robery"),
            scenario.file, place_of(scenario.text, "robery"),
            "programmes.gang_exit.effects.offending_hazard_ratio.robery",
            "unknown offence type; did you mean \"robbery\"?");
    }
}

TEST_CASE("a programme id must be lower-case letters, digits and _", "[programmes]") {
    const EditedProgrammes scenario(programmes_text() +
                                    "\n[programmes.Gang-Exit]\nkind = \"gang_exit\"\n");
    check_only_diagnostic(scenario, place_of(scenario.text, "Gang-Exit"), "programmes.Gang-Exit",
                          "expected a programme id of lower-case letters, digits and _ (it names "
                          "the outcomes programme.<id>.*), got \"Gang-Exit\"");
}

// Three more schema rules: a kind without offending effects is told its own
// missing effects, and names and sources are strings like every other text.

TEST_CASE("prevention without effects is told the effects it needs", "[programmes]") {
    // Prevention takes risk_factor_ratio and gang_join_ratio and no fade_months
    // (which it would reject as "unknown effect for this kind"), so a missing
    // [effects] table must name one of its own effects.
    const EditedProgrammes scenario(edited(
        "[programmes.prevention.effects]\nrisk_factor_ratio = 0.9\ngang_join_ratio = 0.8\n", ""));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() >= 1);
    for (const Diagnostic& diagnostic : scenario.diagnostics) {
        CHECK((diagnostic.field == "programmes.prevention.effects.risk_factor_ratio" ||
               diagnostic.field == "programmes.prevention.effects.gang_join_ratio"));
        CHECK_THAT(diagnostic.message, Catch::StartsWith("required, not set"));
    }
}

TEST_CASE("a programme's name, when given, must be a string", "[programmes]") {
    // `name` is one of the keys every programme may have; like every other value
    // it is checked for its kind (a non-empty string).
    const EditedProgrammes scenario(edited("kind = \"iom\"\n", "kind = \"iom\"\nname = 5\n"));
    check_only_diagnostic(scenario, place_of(scenario.text, "name = 5", 7), "programmes.iom.name",
                          "expected a non-empty string, got 5");
}

TEST_CASE("a funding entry's source, when given, must be a string", "[programmes]") {
    // As for a referral source's `source` (and every value's `source`).
    const EditedProgrammes scenario(
        edited("grant = true\nsource = \"test\"", "grant = true\nsource = 5"));
    INFO(listed(scenario.diagnostics));
    REQUIRE(scenario.diagnostics.size() == 1);
    const Diagnostic& diagnostic = scenario.diagnostics[0];
    const TextPlace place = place_of(scenario.text, "source = 5", 9);
    CHECK(diagnostic.file == scenario.file);
    CHECK(diagnostic.line == place.line);
    CHECK(diagnostic.column == place.column);
    CHECK(diagnostic.field == "programmes.gang_exit.funding[0].source");
    CHECK_THAT(diagnostic.message,
               Catch::StartsWith("expected a string") && Catch::EndsWith("got 5"));
}

}  // namespace
}  // namespace vrsim::scenarios
