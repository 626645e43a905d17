// Outcome words and units, programme ids, and money units.
#include <catch2/catch.hpp>

#include "vrsim/plots/labels.hpp"

using namespace vrsim::plots;

TEST_CASE("outcomes in words with their units", "[plots][labels]") {
    const OutcomeDescription violence = describe_outcome("recorded_violence_with_injury");
    CHECK(violence.title == "Recorded violence with injury");
    CHECK(violence.unit == "offences per month");
    CHECK(describe_outcome("custody_population").unit == "people at the end of the month");
    CHECK(describe_outcome("proven_reoffending_rate").unit == "proportion of the quarter's cohort");
    CHECK(describe_outcome("committed_knife_enabled").title ==
          "Offences committed: knife enabled, recorded or not");
    const OutcomeDescription caseload = describe_outcome("programme.iom.caseload");
    CHECK(caseload.title == "Programme iom: caseload at the end of the month");
    CHECK(caseload.unit == "people in the programme");
    CHECK(describe_outcome("programme.gang_exit.spend_gbp").title == "Programme gang_exit: spend");
    CHECK(describe_outcome("programme.gang_exit.spend_gbp").unit == "GBP per month");
    // Names the table does not know: words from the name, unit from the suffix.
    CHECK(describe_outcome("school_exclusions").title == "School exclusions");
    CHECK(describe_outcome("school_exclusions").unit == "count per month");
    CHECK(describe_outcome("police_time_gbp").unit == "GBP per month");
    CHECK(describe_outcome("arrest_rate").unit == "proportion");
}

TEST_CASE("programmes are those with a caseload or waiting list", "[plots][labels]") {
    CHECK(programme_ids({"victims", "programme.iom.referrals", "programme.iom.caseload",
                         "programme.triage.waiting_list", "programme.iom.waiting_list",
                         "programme.channel.spend_gbp", "programme..caseload"}) ==
          std::vector<std::string>{"iom", "triage"});
}

TEST_CASE("money in GBP, thousands or millions", "[plots][labels]") {
    CHECK(money_scale(999).unit == "GBP");
    CHECK(money_scale(1000).divisor == 1e3);
    CHECK(money_scale(-2.5e6).unit == "GBP million");
    CHECK(money_scale(0).divisor == 1.0);
}
