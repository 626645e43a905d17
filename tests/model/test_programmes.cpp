// Programmes in the engine: hazard ratios thin participants' offences and fade
// after exit, places cap caseloads, waiting lists and consent behave as set,
// funding cuts empty caseloads on schedule, and the rules of youth triage,
// Channel and IOM. Expected values come from the parameters set by hand.
//
// Stochastic checks allow 4 standard errors. Many compare a run with a
// programme to the same replicate without it: the engine keys every random
// number to (seed, replicate, decision, person, month), and a hazard ratio
// below 1 thins candidate offences without redrawing them, so the offences
// committed with the programme are a subset of those without it, each kept
// independently with the ratio's probability. Given the count without, the
// count with is then binomial, which gives the standard errors below.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "programme_fixtures.hpp"
#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::Outcome;
using model::ProgrammeKind;
using model::ProgrammeMeasure;
using model::ReferralEvent;
using test::kUnlimitedPlaces;

namespace {

// `kept` out of `trials`, each kept with probability `expected`: a share within
// 4 binomial standard errors, sqrt(expected (1 - expected) / trials).
void check_binomial_share(double kept, double trials, double expected) {
    REQUIRE(trials > 0.0);
    const double share = kept / trials;
    const double error = std::sqrt(expected * (1.0 - expected) / trials);
    INFO("share " << share << " of " << trials << ", expected " << expected << " +- 4 x " << error);
    CHECK(std::abs(share - expected) < 4.0 * error);
}

// A Poisson count (or a mean of `replicates` of them) within 4 standard errors.
void check_poisson_mean(double mean, double expected, int replicates = 1) {
    INFO("mean " << mean << ", expected " << expected);
    CHECK(std::abs(mean - expected) < 4.0 * std::sqrt(expected / replicates));
}

// Simple parameters with everyone in a gang and a gang exit programme (index 0)
// referring every member in the first month with probability 1.
model::Parameters with_gang_exit(model::Parameters p, double hazard_ratio) {
    test::put_everyone_in_a_gang(p);
    auto programme =
        test::neutral_programme(ProgrammeKind::gang_exit, "gang_exit", p.simulation.horizon_months);
    programme.referral_sources = {test::referral_source(ReferralEvent::monthly, 1.0)};
    programme.effects.offending_hazard_ratio.fill(hazard_ratio);
    p.programmes = {programme};
    return p;
}

model::Parameters without_programmes(model::Parameters p) {
    p.programmes.clear();
    return p;
}

}  // namespace

TEST_CASE("a programme's offending hazard ratio thins its participants' offences", "[programmes]") {
    // 10,000 people aged 10-19, all in a gang, offending 0.02 a month. The warm-up
    // month refers and starts everyone, so every reported offence is committed
    // by a participant.
    auto p = test::simple_parameters();
    p.simulation.warmup_months = 1;
    p.simulation.horizon_months = 12;
    p.offending.base_rate_per_month = 0.02;
    const double h = 0.6;
    auto with = with_gang_exit(p, h);
    const auto without = without_programmes(with);
    const int replicates = 4;

    SECTION("everyone eligible") {
        double committed_with = 0.0;
        double committed_without = 0.0;
        double people = 0.0;
        for (int r = 0; r < replicates; ++r) {
            const auto run = test::run_once(with, static_cast<std::uint32_t>(r));
            const auto control = test::run_once(without, static_cast<std::uint32_t>(r));
            // All gang members (everyone but a handful) took part from the warm-up on.
            CHECK(run.at(0, 0, ProgrammeMeasure::caseload) == run.at(0, Outcome::gang_members));
            CHECK(run.at(0, Outcome::gang_members) > 0.999 * run.at(0, Outcome::population));
            committed_with += run.total(Outcome::offences_committed);
            committed_without += control.total(Outcome::offences_committed);
            people += run.at(0, Outcome::population);
        }
        // Common random numbers: with | without ~ Binomial(without, h).
        check_binomial_share(committed_with, committed_without, h);
        // And on its own the count with is Poisson with mean h x N x r x 12.
        check_poisson_mean(committed_with / replicates, h * (people / replicates) * 0.02 * 12,
                           replicates);
    }
    SECTION("people outside the eligible ages are untouched") {
        // Eligible below 15 at the warm-up month. An offence at 10-14 (completed
        // years) in the 12 reported months is by someone under 15 then, a
        // participant; one at 16 or over is by someone who was 15 or over, not
        // a participant. (Age 15 mixes both.)
        with.programmes[0].max_age_years = 15.0;
        std::vector<double> by_age_with(101, 0.0);
        std::vector<double> by_age_without(101, 0.0);
        for (int r = 0; r < replicates; ++r) {
            model::PersonCounts counts_with;
            model::PersonCounts counts_without;
            test::run_once(with, static_cast<std::uint32_t>(r), &counts_with);
            test::run_once(without, static_cast<std::uint32_t>(r), &counts_without);
            for (std::size_t age = 0; age < by_age_with.size(); ++age) {
                by_age_with[age] += counts_with.offences_by_age.at(age);
                by_age_without[age] += counts_without.offences_by_age.at(age);
            }
        }
        double young_with = 0.0;
        double young_without = 0.0;
        for (std::size_t age = 10; age <= 14; ++age) {
            young_with += by_age_with[age];
            young_without += by_age_without[age];
        }
        check_binomial_share(young_with, young_without, h);
        double older = 0.0;
        for (std::size_t age = 16; age < by_age_with.size(); ++age) {
            INFO("age " << age);
            CHECK(by_age_with[age] == by_age_without[age]);
            older += by_age_without[age];
        }
        CHECK(older > 1000.0);  // the equality above is over many offences
    }
}

TEST_CASE("offending hazard ratios act offence type by offence type", "[programmes]") {
    // Half acquisitive (ratio 0.4), half other (ratio 1). A candidate is kept
    // with probability 0.5 x 0.4 + 0.5 x 1 = 0.7 and is then acquisitive with
    // probability 0.2 / 0.7: given the offences without the programme, the
    // acquisitive ones with it are Binomial(without, 0.2) and the others
    // Binomial(without, 0.5).
    auto p = test::simple_parameters();
    p.simulation.warmup_months = 1;
    p.simulation.horizon_months = 12;
    p.offending.base_rate_per_month = 0.02;
    p.offending.type_share = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5};
    auto with = with_gang_exit(p, 1.0);
    with.programmes[0]
        .effects.offending_hazard_ratio[model::index_of(model::OffenceType::acquisitive)] = 0.4;
    const auto without = without_programmes(with);
    double acquisitive = 0.0;
    double other = 0.0;
    double all_without = 0.0;
    for (std::uint32_t r = 0; r < 4; ++r) {
        const auto run = test::run_once(with, r);
        acquisitive += run.total(Outcome::committed_acquisitive);
        other += run.total(Outcome::committed_other);
        all_without += test::run_once(without, r).total(Outcome::offences_committed);
    }
    check_binomial_share(acquisitive, all_without, 0.2);
    check_binomial_share(other, all_without, 0.5);
}

TEST_CASE("places cap the caseload; referrals beyond them wait, then drop off the list",
          "[programmes]") {
    // 1,000 gang members each referred with probability 0.1 a month (about 100
    // referrals, 80 accepted) for 20.5 funded places.
    auto p = test::simple_parameters();
    p.place.population = 1000;
    p.simulation.horizon_months = 12;
    test::put_everyone_in_a_gang(p);
    auto programme = test::neutral_programme(ProgrammeKind::gang_exit, "gang_exit", 12, 20.5);
    programme.referral_sources = {test::referral_source(ReferralEvent::monthly, 0.1)};
    programme.consent_probability = 0.8;
    programme.duration_mean_months = 3.0;
    programme.max_wait_months = 2;
    const int wait = programme.max_wait_months;
    p.programmes = {programme};
    auto accepted = [](const test::ProgrammeRun& run, int month) {
        return run.at(month, 0, ProgrammeMeasure::referrals) -
               run.at(month, 0, ProgrammeMeasure::declined);
    };

    SECTION("more referrals than places") {
        const auto run = test::run_once(p);
        double previous = 0.0;
        for (int month = 0; month < 12; ++month) {
            INFO("month " << month);
            CHECK(run.at(month, 0, ProgrammeMeasure::places) == 20.5);
            // floor(20.5) = 20, always full with so many waiting.
            CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == 20.0);
            // Caseload accounts: last month's, plus starts, less leavers.
            CHECK(run.at(month, 0, ProgrammeMeasure::caseload) ==
                  previous + run.at(month, 0, ProgrammeMeasure::starts) -
                      run.at(month, 0, ProgrammeMeasure::completions) -
                      run.at(month, 0, ProgrammeMeasure::exits));
            previous = run.at(month, 0, ProgrammeMeasure::caseload);
            // Nobody waits longer than max_wait_months: the list holds at most
            // the referrals accepted in this month and the two before.
            double recent = 0.0;
            for (int k = std::max(0, month - wait); k <= month; ++k) {
                recent += accepted(run, k);
            }
            CHECK(run.at(month, 0, ProgrammeMeasure::waiting_list) > 0.0);
            CHECK(run.at(month, 0, ProgrammeMeasure::waiting_list) <= recent);
        }
        // With a 3-month mean stay, people complete and are replaced.
        CHECK(run.total(0, ProgrammeMeasure::completions) > 20.0);
    }
    SECTION("no places: the list is the referrals of the last max_wait_months + 1 months") {
        test::set_places(p.programmes[0], std::vector<double>(12, 0.0));
        const auto run = test::run_once(p);
        CHECK(run.total(0, ProgrammeMeasure::starts) == 0.0);
        for (int month = 0; month < 12; ++month) {
            INFO("month " << month);
            CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == 0.0);
            double recent = 0.0;
            for (int k = std::max(0, month - wait); k <= month; ++k) {
                recent += accepted(run, k);
            }
            CHECK(run.at(month, 0, ProgrammeMeasure::waiting_list) == recent);
        }
    }
}

TEST_CASE("referral and consent probabilities", "[programmes]") {
    auto p = test::simple_parameters();
    p.place.population = 2000;
    p.simulation.horizon_months = 6;
    auto with = with_gang_exit(p, 1.0);
    SECTION("a monthly source refers each gang member with its probability") {
        with.programmes[0].referral_sources[0].probability = 0.25;
        const auto run = test::run_once(with);
        check_binomial_share(run.at(0, 0, ProgrammeMeasure::referrals),
                             run.at(0, Outcome::gang_members), 0.25);
    }
    SECTION("declined referrals are 1 - consent of referrals") {
        with.programmes[0].consent_probability = 0.7;
        const auto run = test::run_once(with);
        // Everyone is referred at once; those who decline are referred again the
        // next month (each referral draws its own consent), those who start are
        // not. Places are unlimited, so everyone who agrees starts.
        for (int month = 0; month < 6; ++month) {
            INFO("month " << month);
            CHECK(run.at(month, 0, ProgrammeMeasure::starts) ==
                  run.at(month, 0, ProgrammeMeasure::referrals) -
                      run.at(month, 0, ProgrammeMeasure::declined));
        }
        check_binomial_share(run.total(0, ProgrammeMeasure::declined),
                             run.total(0, ProgrammeMeasure::referrals), 0.3);
    }
}

TEST_CASE("a monthly source assesses each gang member once a month", "[programmes]") {
    // Everyone declines (consent 0), so every gang member is referred again each
    // month: referrals are the gang's members, month by month. Offending at 0.2
    // a month makes a fifth of them offend, and be touched, in month 0. (Gang
    // members at the start were once listed twice when touched in month 0, and so
    // assessed twice a month: this guards against that.)
    auto p = test::simple_parameters();
    p.place.population = 2000;
    p.simulation.horizon_months = 3;
    p.offending.base_rate_per_month = 0.2;
    auto with = with_gang_exit(p, 1.0);
    with.programmes[0].consent_probability = 0.0;
    const auto run = test::run_once(with);
    for (int month = 0; month < 3; ++month) {
        INFO("month " << month);
        CHECK(run.at(month, 0, ProgrammeMeasure::referrals) ==
              run.at(month, Outcome::gang_members));
        CHECK(run.at(month, 0, ProgrammeMeasure::declined) == run.at(month, Outcome::gang_members));
    }
}

TEST_CASE("an effect fades after exit as 1 - (1 - h) exp(-months since exit / fade)",
          "[programmes]") {
    // Everyone starts in month 0 and leaves in month 1, when funding ends. Offences
    // are considered before the month's programme changes, so month 0 has no
    // effect, month 1 the full ratio h and month m >= 2 the fading one with
    // m - 1 months since exit.
    auto p = test::simple_parameters();
    p.simulation.horizon_months = 8;
    p.offending.base_rate_per_month = 0.1;
    const double h = 0.5;
    const double fade = 3.0;
    auto with = with_gang_exit(p, h);
    with.programmes[0].effects.fade_months = fade;
    test::set_places(with.programmes[0], {kUnlimitedPlaces, 0, 0, 0, 0, 0, 0, 0});
    const auto without = without_programmes(with);
    std::vector<double> committed_with(8, 0.0);
    std::vector<double> committed_without(8, 0.0);
    for (std::uint32_t r = 0; r < 3; ++r) {
        const auto run = test::run_once(with, r);
        const auto control = test::run_once(without, r);
        CHECK(run.at(0, 0, ProgrammeMeasure::caseload) == run.at(0, Outcome::gang_members));
        CHECK(run.at(1, 0, ProgrammeMeasure::exits) == run.at(0, 0, ProgrammeMeasure::caseload));
        for (int month = 0; month < 8; ++month) {
            committed_with[month] += run.at(month, Outcome::offences_committed);
            committed_without[month] += control.at(month, Outcome::offences_committed);
        }
    }
    CHECK(committed_with[0] == committed_without[0]);
    for (int month = 1; month < 8; ++month) {
        const double ratio = month == 1 ? h : 1.0 - (1.0 - h) * std::exp(-(month - 1) / fade);
        INFO("month " << month);
        check_binomial_share(committed_with[month], committed_without[month], ratio);
    }
}

TEST_CASE("starting a programme again gives its hazard ratio, not that times the fading one",
          "[programmes]") {
    // Everyone starts in month 0, leaves in month 1 when places fall to 0 (and
    // is referred again onto the waiting list), and starts again in month 2
    // when places return. From month 3 everyone is in the programme, so the
    // ratio is h, whatever remains of the first stay's fading effect.
    auto p = test::simple_parameters();
    p.simulation.horizon_months = 6;
    p.offending.base_rate_per_month = 0.1;
    const double h = 0.5;
    auto with = with_gang_exit(p, h);
    with.programmes[0].effects.fade_months = 12.0;
    with.programmes[0].max_wait_months = 1;
    test::set_places(with.programmes[0], {kUnlimitedPlaces, 0, kUnlimitedPlaces, kUnlimitedPlaces,
                                          kUnlimitedPlaces, kUnlimitedPlaces});
    const auto without = without_programmes(with);
    double committed_with = 0.0;
    double committed_without = 0.0;
    for (std::uint32_t r = 0; r < 2; ++r) {
        const auto run = test::run_once(with, r);
        REQUIRE(run.at(2, 0, ProgrammeMeasure::starts) == run.at(0, 0, ProgrammeMeasure::starts));
        committed_with += run.total(Outcome::offences_committed, 3);
        committed_without += test::run_once(without, r).total(Outcome::offences_committed, 3);
    }
    check_binomial_share(committed_with, committed_without, h);
}

TEST_CASE("a funding cut empties the caseload on schedule", "[programmes]") {
    // Everyone (about 1,000) starts in month 0; places fall to 400.7 in month 3
    // and to 0 in month 5.
    auto p = test::simple_parameters();
    p.place.population = 1000;
    p.simulation.horizon_months = 8;
    auto with = with_gang_exit(p, 1.0);
    const std::vector<double> places = {
        kUnlimitedPlaces, kUnlimitedPlaces, kUnlimitedPlaces, 400.7, 400.7, 0, 0, 0};
    test::set_places(with.programmes[0], places);
    const auto run = test::run_once(with);
    const double members = run.at(0, Outcome::gang_members);
    const std::vector<double> caseload = {members, members, members, 400, 400, 0, 0, 0};
    const std::vector<double> exits = {0, 0, 0, members - 400, 0, 400, 0, 0};
    for (int month = 0; month < 8; ++month) {
        INFO("month " << month);
        CHECK(run.at(month, 0, ProgrammeMeasure::places) == places[month]);
        CHECK(run.at(month, 0, ProgrammeMeasure::spend_gbp) ==
              with.programmes[0].spend_gbp_by_month[month]);
        CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == caseload[month]);
        CHECK(run.at(month, 0, ProgrammeMeasure::exits) == exits[month]);
        CHECK(run.at(month, 0, ProgrammeMeasure::completions) == 0.0);
        if (month >= 3) {
            CHECK(run.at(month, 0, ProgrammeMeasure::starts) == 0.0);
        }
    }
}

namespace {

// 4,000 people aged 10-19 offending 0.02 a month, acquisitive only; half of
// offences are sanctioned, each a charge convicted in the same month. Youth
// triage (index 0) for ages 10-17 with unlimited places.
model::Parameters with_triage() {
    auto p = test::simple_parameters();
    p.place.population = 4000;
    p.simulation.horizon_months = 12;
    p.offending.base_rate_per_month = 0.02;
    test::prove_sanctions_at_once(p, 0.5);
    auto triage =
        test::neutral_programme(ProgrammeKind::youth_triage, "triage", p.simulation.horizon_months);
    triage.max_age_years = 18.0;
    p.programmes = {triage};
    return p;
}

double first_time_entrants(const test::ProgrammeRun& run) {
    return run.total(Outcome::first_time_entrants_youth) +
           run.total(Outcome::first_time_entrants_adult);
}

}  // namespace

TEST_CASE("youth triage diverts first arrests, which are then not proven", "[programmes]") {
    auto with = with_triage();
    SECTION("each diversion is one proven offence fewer") {
        // No effect on offending, so both runs have the same offences and arrests;
        // only the diverted arrests are not proven. A diverted young person's
        // next arrest is proven, and is their first entry then.
        const auto run = test::run_once(with);
        const auto control = test::run_once(without_programmes(with));
        const double diversions = run.total(0, ProgrammeMeasure::diversions);
        CHECK(diversions > 50.0);
        CHECK(run.total(Outcome::offences_committed) == control.total(Outcome::offences_committed));
        CHECK(control.total(Outcome::proven_offences) - run.total(Outcome::proven_offences) ==
              diversions);
        const double fewer_entrants = first_time_entrants(control) - first_time_entrants(run);
        CHECK(fewer_entrants >= 0.0);
        CHECK(fewer_entrants <= diversions);
        // Every one would have been proven (no out-of-court disposals, conviction 1).
        CHECK(run.total(0, ProgrammeMeasure::first_time_entrants_avoided) == diversions);
        CHECK(run.total(0, ProgrammeMeasure::referrals) == diversions);
        CHECK(run.total(0, ProgrammeMeasure::declined) == 0.0);
    }
    SECTION("with no reoffending after diversion, first-time entrants fall by the diversions") {
        with.programmes[0].effects.offending_hazard_ratio.fill(0.0);
        const auto run = test::run_once(with);
        const auto control = test::run_once(without_programmes(with));
        const double diversions = run.total(0, ProgrammeMeasure::diversions);
        CHECK(diversions > 50.0);
        // Every young first arrest is diverted and nobody diverted offends again.
        CHECK(run.total(Outcome::first_time_entrants_youth) == 0.0);
        CHECK(control.total(Outcome::first_time_entrants_youth) == diversions);
        CHECK(run.total(Outcome::first_time_entrants_adult) ==
              control.total(Outcome::first_time_entrants_adult));
    }
    SECTION("first-time entrants avoided count what the formal route would prove") {
        // Youth sanctions: out of court with probability 0.5, of which 60% are
        // community resolutions (not proven) and 40% cautions (proven); charges
        // convict with probability 0.8. Each diversion counts 1, 0 or 0.8 with
        // probabilities 0.2, 0.3 and 0.5: mean 0.6, variance 0.2 + 0.5 x 0.64 -
        // 0.36 = 0.16.
        with.justice.youth_out_of_court_share = 0.5;
        with.justice.youth_community_resolution_share = 0.6;
        with.justice.conviction_probability = 0.8;
        with.offending.base_rate_per_month = 0.05;
        const auto run = test::run_once(with);
        const double diversions = run.total(0, ProgrammeMeasure::diversions);
        REQUIRE(diversions > 100.0);
        const double mean =
            run.total(0, ProgrammeMeasure::first_time_entrants_avoided) / diversions;
        INFO("mean " << mean << " over " << diversions << " diversions");
        CHECK(std::abs(mean - 0.6) < 4.0 * std::sqrt(0.16 / diversions));
    }
    SECTION("consent") {
        with.programmes[0].consent_probability = 0.6;
        const auto run = test::run_once(with);
        CHECK(run.total(0, ProgrammeMeasure::diversions) ==
              run.total(0, ProgrammeMeasure::referrals) - run.total(0, ProgrammeMeasure::declined));
        check_binomial_share(run.total(0, ProgrammeMeasure::declined),
                             run.total(0, ProgrammeMeasure::referrals), 0.4);
    }
    SECTION("places") {
        // floor(3.9) = 3 places and nobody leaves: three diversions in all.
        test::set_places(with.programmes[0], std::vector<double>(12, 3.9));
        const auto run = test::run_once(with);
        CHECK(run.total(0, ProgrammeMeasure::diversions) == 3.0);
        CHECK(run.at(11, 0, ProgrammeMeasure::caseload) == 3.0);
    }
}

TEST_CASE("youth triage diverts lower-gravity offences, and knife offences only when extended",
          "[programmes]") {
    using model::OffenceType;
    struct Case {
        OffenceType type;
        bool includes_knife;
        bool diverted;
    };
    const Case cases[] = {
        {OffenceType::violence_with_injury, false, false},
        {OffenceType::violence_without_injury, false, true},
        {OffenceType::knife_enabled, false, false},
        {OffenceType::knife_enabled, true, true},
        {OffenceType::robbery, true, false},
        {OffenceType::sexual, true, false},
        {OffenceType::acquisitive, false, true},
        {OffenceType::other, false, true},
    };
    for (const Case& c : cases) {
        auto p = with_triage();
        p.place.population = 2000;
        p.offending.type_share.fill(0.0);
        p.offending.type_share[model::index_of(c.type)] = 1.0;
        p.programmes[0].triage_includes_knife_offences = c.includes_knife;
        const auto run = test::run_once(p);
        INFO(model::kOffenceTypeNames[model::index_of(c.type)]
             << (c.includes_knife ? " with knife offences included" : ""));
        // About 2,000 x 0.02 x 12 x 0.5 = 240 arrests: many young first ones.
        REQUIRE(run.total(Outcome::proven_offences) + run.total(0, ProgrammeMeasure::diversions) >
                100.0);
        if (c.diverted) {
            CHECK(run.total(0, ProgrammeMeasure::diversions) > 20.0);
        } else {
            CHECK(run.total(0, ProgrammeMeasure::diversions) == 0.0);
            CHECK(run.total(0, ProgrammeMeasure::referrals) == 0.0);
        }
    }
}

TEST_CASE("Channel: panel, adoption and consent, and exits only at reviews", "[programmes]") {
    // 2,000 people aged 10-19, all vulnerable to radicalisation and never
    // progressing; Channel refers every case each month.
    auto p = test::simple_parameters();
    p.place.population = 2000;
    p.simulation.horizon_months = 20;
    test::make_everyone_vulnerable(p);
    auto channel = test::neutral_programme(ProgrammeKind::channel, "channel", 20);
    channel.referral_sources = {test::referral_source(ReferralEvent::monthly, 1.0)};
    channel.channel_review_months = 6;
    channel.channel_exit_at_review_probability = 0.5;
    channel.channel_no_further_concern_share = 0.79;

    SECTION("every case adopted in month 0 leaves only at the 6-monthly reviews") {
        p.programmes = {channel};
        const auto run = test::run_once(p);
        const double cases = run.at(0, Outcome::radicalisation_vulnerable);
        CHECK(cases > 1900.0);
        CHECK(run.at(0, 0, ProgrammeMeasure::referrals) == cases);
        CHECK(run.at(0, 0, ProgrammeMeasure::discussed_at_panel) == cases);
        CHECK(run.at(0, 0, ProgrammeMeasure::adopted) == cases);
        CHECK(run.at(0, 0, ProgrammeMeasure::starts) == cases);
        double remaining = cases;
        for (int month = 1; month < 20; ++month) {
            INFO("month " << month);
            const double completed = run.at(month, 0, ProgrammeMeasure::completions);
            // Those who leave end their episode or are handed on: never referred again.
            CHECK(run.at(month, 0, ProgrammeMeasure::referrals) == 0.0);
            CHECK(run.at(month, 0, ProgrammeMeasure::exits) == 0.0);
            CHECK(run.at(month, 0, ProgrammeMeasure::exits_no_further_concern) +
                      run.at(month, 0, ProgrammeMeasure::exits_to_other_services) ==
                  completed);
            if (month % 6 == 0) {
                // Each case still open leaves at a review with probability 0.5.
                check_binomial_share(completed, remaining, 0.5);
            } else {
                CHECK(completed == 0.0);
            }
            remaining -= completed;
            CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == remaining);
        }
        check_binomial_share(run.total(0, ProgrammeMeasure::exits_no_further_concern),
                             run.total(0, ProgrammeMeasure::completions), 0.79);
    }
    SECTION("referrals discussed at panel, adopted and declined in proportion") {
        channel.channel_panel_probability = 0.13;
        channel.channel_adoption_probability = 0.5;
        channel.consent_probability = 0.75;
        p.simulation.horizon_months = 12;
        test::set_places(channel, std::vector<double>(12, kUnlimitedPlaces));
        p.programmes = {channel};
        const auto run = test::run_once(p);
        // Cases not adopted stay vulnerable and are referred again each month:
        // every referral draws its own panel, adoption and consent.
        const double referrals = run.total(0, ProgrammeMeasure::referrals);
        const double discussed = run.total(0, ProgrammeMeasure::discussed_at_panel);
        check_binomial_share(discussed, referrals, 0.13);
        check_binomial_share(run.total(0, ProgrammeMeasure::adopted), discussed, 0.5 * 0.75);
        check_binomial_share(run.total(0, ProgrammeMeasure::declined), discussed, 0.5 * 0.25);
        for (int month = 0; month < 12; ++month) {
            INFO("month " << month);
            CHECK(run.at(month, 0, ProgrammeMeasure::starts) ==
                  run.at(month, 0, ProgrammeMeasure::adopted));
        }
    }
}

TEST_CASE("IOM selects the highest proven-offence counts up to its caseload", "[programmes]") {
    SECTION("the most prolific are selected") {
        // 4,000 people aged 10-19; those 15 and over offend 3 times a month, the
        // younger ones 0.1 times, and every offence is proven in its month. At
        // the end of month 0 the 100th highest count is at least 6 (2,000 people
        // with Poisson(3) counts: about 170 have 6 or more), which a younger
        // person (Poisson(0.1)) reaches with probability 1e-9. IOM's 100 places
        // therefore go to people 15 and over, who stop offending (ratio 0).
        auto p = test::simple_parameters();
        p.place.population = 4000;
        p.simulation.horizon_months = 4;
        p.offending.base_rate_per_month = 0.1;
        p.offending.age_curve = {1, 1, 1, 1, 1, 30, 30, 30, 30, 30};
        test::prove_sanctions_at_once(p, 1.0);
        auto iom = test::neutral_programme(ProgrammeKind::iom, "iom", 4, 100.0);
        iom.effects.offending_hazard_ratio.fill(0.0);
        p.programmes = {iom};
        model::PersonCounts counts_with;
        model::PersonCounts counts_without;
        const auto run = test::run_once(p, 0, &counts_with);
        const auto control = test::run_once(without_programmes(p), 0, &counts_without);
        CHECK(run.at(0, 0, ProgrammeMeasure::starts) == 100.0);
        for (int month = 0; month < 4; ++month) {
            CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == 100.0);
        }
        // Offences at 10-13 are by people under 14 at the start: none selected.
        for (std::size_t age = 10; age <= 13; ++age) {
            INFO("age " << age);
            CHECK(counts_with.offences_by_age.at(age) == counts_without.offences_by_age.at(age));
        }
        // The selected 100 would have committed Poisson(100 x 3 x 3) offences in
        // months 1-3.
        const double removed = control.total(Outcome::offences_committed, 1) -
                               run.total(Outcome::offences_committed, 1);
        check_poisson_mean(removed, 100.0 * 3.0 * 3.0);
    }
    SECTION("only people with the minimum proven offences in the window") {
        // One month, unlimited places: IOM starts exactly the people with 3 or
        // more proven offences that month.
        auto p = test::simple_parameters();
        p.place.population = 2000;
        p.simulation.horizon_months = 1;
        p.offending.base_rate_per_month = 1.5;
        test::prove_sanctions_at_once(p, 1.0);
        auto iom = test::neutral_programme(ProgrammeKind::iom, "iom", 1);
        iom.iom_min_proven_offences = 3;
        p.programmes = {iom};
        model::PersonCounts counts;
        const auto run = test::run_once(p, 0, &counts);
        const auto prolific =
            std::count_if(counts.proven_offences.begin(), counts.proven_offences.end(),
                          [](std::uint32_t proven) { return proven >= 3; });
        CHECK(prolific > 100);
        CHECK(run.at(0, 0, ProgrammeMeasure::starts) == static_cast<double>(prolific));
    }
}

TEST_CASE("a monthly source refers anyone in the age range for other kinds", "[programmes]") {
    // programmes.hpp: monthly sources refer "gang members for gang exit, people
    // vulnerable to radicalisation for Channel, anyone in the age range
    // otherwise". A perpetrator programme for all ages with a monthly source of
    // 0.2 refers about 0.2 x 2,000 people in month 0.
    auto p = test::simple_parameters();
    p.place.population = 2000;
    p.simulation.horizon_months = 2;
    auto programme =
        test::neutral_programme(ProgrammeKind::domestic_abuse_perpetrators, "perpetrators", 2);
    programme.referral_sources = {test::referral_source(ReferralEvent::monthly, 0.2)};
    p.programmes = {programme};
    const auto run = test::run_once(p);
    check_binomial_share(run.at(0, 0, ProgrammeMeasure::referrals), run.at(0, Outcome::population),
                         0.2);
}

TEST_CASE("prevention reaches entrants in proportion to its places", "[programmes]") {
    // Half of 10,000 residents are under 10, a tenth of them aged 9: 500 / 12 =
    // 41.67 enter at 10 each month. 250 places of a 12-month programme start
    // 250 / 12 children a month, over the 41.67 a month born: half of each cohort.
    auto p = test::simple_parameters();
    p.place.age_band_share = {0.5, 0.5, 0.0};
    p.simulation.horizon_months = 24;
    auto prevention = test::neutral_programme(ProgrammeKind::prevention, "prevention", 24, 250.0);
    prevention.duration_mean_months = 12.0;
    prevention.prevention_reach_age_min_years = 0.0;
    prevention.prevention_reach_age_max_years = 10.0;
    p.programmes = {prevention};
    const auto run = test::run_once(p);
    for (int month = 0; month < 24; ++month) {
        INFO("month " << month);
        CHECK(run.at(month, 0, ProgrammeMeasure::caseload) == 250.0);
        CHECK(run.at(month, 0, ProgrammeMeasure::starts) == Approx(250.0 / 12.0));
    }
    // Nobody dies: each month's rise in population is its entrants.
    const double entrants = run.at(23, Outcome::population) - run.at(0, Outcome::population);
    CHECK(entrants == Approx(41.67 * 23).margin(1.0));
    check_binomial_share(run.total(0, ProgrammeMeasure::entrants_reached, 1), entrants, 0.5);
}

namespace {

// A place with every mechanism switched on and one programme of each kind.
model::Parameters everything_on() {
    auto p = test::simple_parameters();
    p.place.population = 5000;
    p.place.age_band_lower = {0, 10, 30};
    p.place.age_band_share = {0.1, 0.6, 0.3};
    p.place.male_share = 0.5;
    p.simulation.warmup_months = 6;
    p.simulation.horizon_months = 18;
    p.offending.base_rate_per_month = 0.03;
    p.offending.propensity_shape = 0.5;
    p.offending.female_multiplier = 0.3;
    p.offending.career_mean_months = 60;
    p.offending.desisted_multiplier = 0.1;
    p.offending.type_share = {0.1, 0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.1};
    p.risk.gang.join_probability = 0.2;
    p.risk.gang.join_age_min_years = 12;
    p.risk.gang.join_age_max_years = 24;
    p.risk.gang.membership_mean_months = 36;
    p.risk.gang.offending_multiplier = 2.0;
    p.risk.gang.type_multiplier = {2, 1.5, 3, 2, 1, 1, 1.2, 1};
    p.risk.gang.rival_victim_share = 0.3;
    p.risk.radicalisation = {0.05, 10.0, 30.0, 24.0, 0.01};
    p.victims.partnered_share = 0.5;
    p.victims.age_band_victimisation = {0.2, 1.0, 0.8};
    p.contagion = {true, 0.5, 2.0};
    p.justice.sanction_probability.fill(0.3);
    p.justice.youth_out_of_court_share = 0.5;
    p.justice.adult_out_of_court_share = 0.3;
    p.justice.youth_community_resolution_share = 0.5;
    p.justice.adult_community_resolution_share = 0.5;
    p.justice.conviction_probability = 0.8;
    p.justice.charge_to_sentence_mean_months = 2;
    p.justice.custody_probability.fill(0.2);
    p.justice.recall_probability = 0.3;
    p.justice.recall_months = 2;
    const int months = p.simulation.horizon_months;
    auto add = [&](ProgrammeKind kind, std::string id, double places,
                   std::vector<model::ReferralSource> sources, double ratio) {
        auto programme = test::neutral_programme(kind, std::move(id), months, places);
        programme.referral_sources = std::move(sources);
        programme.consent_probability = 0.7;
        programme.duration_mean_months = 6.0;
        programme.max_wait_months = 2;
        programme.effects.offending_hazard_ratio.fill(ratio);
        programme.effects.fade_months = 6.0;
        p.programmes.push_back(programme);
        return p.programmes.size() - 1;
    };
    using test::referral_source;
    const auto iom = add(ProgrammeKind::iom, "iom", 30, {}, 0.8);
    p.programmes[iom].effects.detection_multiplier = 1.5;
    p.programmes[iom].effects.recall_multiplier = 1.5;
    const auto gang = add(ProgrammeKind::gang_exit, "gang_exit", 20,
                          {referral_source(ReferralEvent::arrest, 0.5, "police"),
                           referral_source(ReferralEvent::monthly, 0.05, "schools")},
                          0.6);
    p.programmes[gang].effects.gang_exit_hazard_ratio = 2.0;
    const auto triage = add(ProgrammeKind::youth_triage, "triage", 15, {}, 0.7);
    p.programmes[triage].max_age_years = 18;
    p.programmes[triage].triage_includes_knife_offences = true;
    const auto channel = add(ProgrammeKind::channel, "channel", 10,
                             {referral_source(ReferralEvent::monthly, 0.1, "education")}, 1.0);
    p.programmes[channel].channel_panel_probability = 0.5;
    p.programmes[channel].effects.radicalisation_hazard_ratio = 0.5;
    add(ProgrammeKind::domestic_abuse_victims, "idva", 20,
        {referral_source(ReferralEvent::domestic_abuse_victim, 0.5, "police")}, 0.7);
    // A ratio above 1 on some types exercises the raised envelope.
    const auto perpetrators =
        add(ProgrammeKind::domestic_abuse_perpetrators, "perpetrators", 20,
            {referral_source(ReferralEvent::domestic_abuse_perpetrator, 0.5, "police"),
             referral_source(ReferralEvent::release_from_custody, 0.5, "probation"),
             referral_source(ReferralEvent::violent_victimisation, 0.2, "victims")},
            0.8);
    p.programmes[perpetrators]
        .effects.offending_hazard_ratio[model::index_of(model::OffenceType::acquisitive)] = 1.5;
    const auto prevention = add(ProgrammeKind::prevention, "prevention", 100, {}, 1.0);
    p.programmes[prevention].effects.risk_factor_ratio = 0.8;
    p.programmes[prevention].effects.gang_join_ratio = 0.5;
    return p;
}

}  // namespace

TEST_CASE("runs with programmes are reproducible", "[programmes]") {
    const auto p = everything_on();
    model::AbmEngine engine;
    model::MonthlyOutcomes first;
    model::MonthlyOutcomes again;
    model::MonthlyOutcomes other_replicate;
    engine.run(p, {21, 0}, first);
    engine.run(p, {21, 1}, other_replicate);
    engine.run(p, {21, 0}, again);  // the same engine, after another replicate
    CHECK(test::same_values(first, again));
    CHECK_FALSE(test::same_values(first, other_replicate));
    const auto fresh = test::run_once(p, 0, nullptr, 21);  // a new engine
    CHECK(test::same_values(first, fresh.out));
    // Every programme did something, so the equality covers them all.
    for (std::size_t programme = 0; programme < p.programmes.size(); ++programme) {
        INFO(p.programmes[programme].id);
        CHECK(fresh.total(programme, ProgrammeMeasure::starts) > 0.0);
    }
}

TEST_CASE("a programme with no effects changes nothing else", "[programmes]") {
    // Common random numbers: a gang exit programme whose ratios and multipliers
    // are all 1 leaves every fixed outcome exactly as without it.
    auto p = everything_on();
    p.programmes = {p.programmes[1]};  // gang exit
    p.programmes[0].effects = model::ProgrammeEffects{};
    const auto with = test::run_once(p);
    const auto without = test::run_once(without_programmes(p));
    CHECK(with.total(0, ProgrammeMeasure::starts) > 0.0);
    for (int month = 0; month < with.months(); ++month) {
        for (std::size_t k = 0; k < model::kOutcomeCount; ++k) {
            const auto outcome = static_cast<Outcome>(k);
            const double a = with.at(month, outcome);
            const double b = without.at(month, outcome);
            INFO("month " << month << ", " << model::kOutcomeNames[k]);
            CHECK((a == b || (std::isnan(a) && std::isnan(b))));
        }
    }
}
