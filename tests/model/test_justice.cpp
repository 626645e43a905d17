// Justice: recording, sanctions, disposals, custody and first-time entrants,
// checked against the probabilities set and against accounting identities.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_replicates.hpp"
#include "simple_parameters.hpp"

using namespace vrsim;
using model::Outcome;

namespace {

double sum_over_months(const model::MonthlyOutcomes& out, Outcome outcome, int from = 0) {
    double sum = 0.0;
    for (int month = from; month < out.months(); ++month) {
        sum += out.at(month, outcome);
    }
    return sum;
}

void check_binomial_share(double successes, double trials, double probability) {
    INFO(successes << " of " << trials << ", expected share " << probability);
    CHECK(std::abs(successes / trials - probability) <
          4.0 * std::sqrt(probability * (1 - probability) / trials));
}

}  // namespace

TEST_CASE("Offences are recorded and sanctioned with the set probabilities", "[justice]") {
    auto p = test::simple_parameters();
    p.justice.recording_probability.fill(0.4);
    p.justice.sanction_probability.fill(0.25);
    p.justice.adult_out_of_court_share = 0.5;
    p.justice.youth_out_of_court_share = 0.5;
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    const int replicates = 10;
    double committed = sum_over_months(result.mean, Outcome::offences_committed) * replicates;
    double recorded = sum_over_months(result.mean, Outcome::recorded_total) * replicates;
    double out_of_court =
        sum_over_months(result.mean, Outcome::out_of_court_disposals) * replicates;
    double convictions = sum_over_months(result.mean, Outcome::convictions) * replicates;
    check_binomial_share(recorded, committed, 0.4);
    // With court the same month and conviction certain, every sanction is proven.
    check_binomial_share(out_of_court + convictions, recorded, 0.25);
    check_binomial_share(out_of_court, out_of_court + convictions, 0.5);
    double proven = sum_over_months(result.mean, Outcome::proven_offences) * replicates;
    CHECK(proven == Approx(out_of_court + convictions));
}

TEST_CASE("First-time entrants: people proven for the first time, given their records",
          "[justice]") {
    auto p = test::simple_parameters();
    p.justice.sanction_probability.fill(0.5);
    p.justice.adult_out_of_court_share = 1.0;  // every sanction a caution, the month of the offence
    p.justice.youth_out_of_court_share = 1.0;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    model::PersonCounts counts;
    engine.run(p, {3, 0}, out, &counts);
    double entrants = sum_over_months(out, Outcome::first_time_entrants_youth) +
                      sum_over_months(out, Outcome::first_time_entrants_adult);
    // Everyone offends at r = 0.01 a month from age 10 and half of offences are
    // proven (s = 0.5). A person m months past their 10th birthday at the start
    // has a record with probability 1 - exp(-r s m); with m uniform on 0..119
    // that is 1 - (1 - e^-0.6) / (120 (1 - e^-0.005)) = 0.24613. Of them,
    // 1 - exp(-r s 24) = 0.11308 are proven again within the 24 months without
    // being first-time entrants: 10,000 x 0.24613 x 0.11308 = 278.3 people.
    double proven_people = static_cast<double>(counts.proven_offences.size());
    double with_record = proven_people - entrants;
    INFO("proven people " << proven_people << ", first-time entrants " << entrants);
    CHECK(std::abs(with_record - 278.3) < 4.0 * std::sqrt(278.3));
    CHECK(sum_over_months(out, Outcome::first_time_entrants_youth) > 0);
    CHECK(sum_over_months(out, Outcome::first_time_entrants_adult) > 0);
}

TEST_CASE("Community resolutions are not proven offences", "[justice]") {
    auto p = test::simple_parameters();
    p.justice.sanction_probability.fill(1.0);
    p.justice.adult_out_of_court_share = 1.0;
    p.justice.youth_out_of_court_share = 1.0;
    p.justice.adult_community_resolution_share = 1.0;
    p.justice.youth_community_resolution_share = 1.0;
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(p, {6, 0}, out);
    CHECK(sum_over_months(out, Outcome::out_of_court_disposals) ==
          sum_over_months(out, Outcome::recorded_total));
    CHECK(sum_over_months(out, Outcome::proven_offences) == 0);
    CHECK(sum_over_months(out, Outcome::first_time_entrants_youth) == 0);
    CHECK(sum_over_months(out, Outcome::first_time_entrants_adult) == 0);
}

TEST_CASE("Custody holds people for the custodial part of the sentence, then licence",
          "[justice]") {
    auto p = test::simple_parameters();
    p.justice.sanction_probability.fill(1.0);
    p.justice.custody_probability.fill(1.0);
    p.justice.sentence_mean_months.fill(24.0);
    p.justice.sentence_lognormal_sigma = 0.0;  // every sentence 24 months: 12 in, 12 on licence
    model::AbmEngine engine;
    model::MonthlyOutcomes out;
    engine.run(p, {4, 0}, out);
    for (int month = 11; month < 24; ++month) {
        // Sentenced in month s: in custody at the end of months s..s+11. Two sentences
        // of one person in one month run concurrently, so the identity may fall
        // short by those few.
        double sentenced_last_year = 0.0;
        for (int s = month - 11; s <= month; ++s) {
            sentenced_last_year += out.at(s, Outcome::custodial_sentences);
        }
        INFO("month " << month);
        CHECK(out.at(month, Outcome::custody_population) <= sentenced_last_year);
        CHECK(out.at(month, Outcome::custody_population) >= 0.98 * sentenced_last_year);
    }
    // Licences start 12 months after sentence: month 12 has the releases of month 0.
    CHECK(out.at(11, Outcome::licence_population) == 0);
    CHECK(out.at(12, Outcome::licence_population) > 0);
}

TEST_CASE("People in custody do not offend", "[justice]") {
    auto p = test::simple_parameters();
    p.justice.sanction_probability.fill(1.0);
    p.justice.custody_probability.fill(1.0);
    p.justice.sentence_mean_months.fill(24.0);
    p.justice.sentence_lognormal_sigma = 0.0;
    auto result = test::run_replicates(p, 10, Outcome::offences_committed);
    // Expected offences in month m: rate x people free at its start. Those
    // sentenced in month m itself offended before sentence, so use m - 1's count.
    double expected = 0.0;
    double simulated = 0.0;
    for (int month = 12; month < 24; ++month) {
        expected += 0.01 * (10000 - result.mean.at(month - 1, Outcome::custody_population));
        simulated += result.mean.at(month, Outcome::offences_committed);
    }
    INFO("simulated " << simulated << ", expected " << expected);
    CHECK(std::abs(simulated - expected) < 4.0 * std::sqrt(expected / 10));
}

TEST_CASE("The proven reoffending rate matches a constant-rate offender's",
          "[justice][reoffending]") {
    // Every offence is cautioned the month it is committed. An offender indexed
    // in month I reoffends if they offend in months I+1..I+12, which at a
    // constant rate r has probability 1 - exp(-12 r), whatever their past.
    auto p = test::simple_parameters();
    p.justice.sanction_probability.fill(1.0);
    p.justice.adult_out_of_court_share = 1.0;
    p.justice.youth_out_of_court_share = 1.0;
    const int replicates = 10;
    auto result = test::run_replicates(p, replicates, Outcome::offences_committed);
    double cohort = 0.0;
    double reoffenders = 0.0;
    for (int month = 0; month < 24; ++month) {
        cohort += result.mean.at(month, Outcome::proven_reoffending_cohort) * replicates;
        reoffenders += result.mean.at(month, Outcome::proven_reoffenders) * replicates;
    }
    // Quarters starting in months 0 and 3 complete their 18 months within 24.
    REQUIRE(cohort > 0);
    CHECK(result.mean.at(2, Outcome::proven_reoffending_cohort) > 0);
    CHECK(result.mean.at(5, Outcome::proven_reoffending_cohort) > 0);
    CHECK(result.mean.at(8, Outcome::proven_reoffending_cohort) == 0);  // incomplete: not reported
    check_binomial_share(reoffenders, cohort, 1.0 - std::exp(-12 * 0.01));
}

TEST_CASE("A recall holds a licensee for recall_months: steady-state custody by hand",
          "[justice][recall]") {
    // Everyone offends at r a month; every offence is charged, convicted the same
    // month and sentenced to 2 months (1 in custody, 1 on licence). An offence in
    // the licence month recalls the person for R months (R >= 2, so the licence
    // has ended by release). Month-end states form a Markov chain: free F,
    // sentenced C, licence L, recall R_j. With q = 1 - exp(-r), the stationary
    // shares give custody q (1 + R q) / (1 + q - q^2 + R q^2).
    auto p = test::simple_parameters();
    p.place.age_band_lower = {0, 20, 30};
    p.place.age_band_share = {0.0, 1.0, 0.0};  // adults: no youth custody rules
    p.offending.base_rate_per_month = 0.1;
    p.justice.sanction_probability.fill(1.0);
    p.justice.custody_probability.fill(1.0);
    p.justice.sentence_mean_months.fill(2.0);
    p.justice.sentence_lognormal_sigma = 0.0;
    p.justice.recall_probability = 1.0;
    p.simulation.warmup_months = 36;
    p.simulation.horizon_months = 60;
    const double q = 1.0 - std::exp(-0.1);
    for (int recall_months : {2, 4, 6}) {
        p.justice.recall_months = recall_months;
        const double r_months = recall_months;
        const double share = q * (1 + r_months * q) / (1 + q - q * q + r_months * q * q);
        const int replicates = 4;
        auto result = test::run_replicates(p, replicates, Outcome::custody_population);
        double mean_custody = result.mean_total() / 60.0;
        // Month-end counts are binomial(N, share); neighbouring months are
        // correlated, so count one independent month in twelve.
        double standard_error = std::sqrt(10000 * share * (1 - share) / (replicates * 60.0 / 12.0));
        INFO("recall months " << recall_months << ": custody " << mean_custody << ", expected "
                              << 10000 * share);
        CHECK(std::abs(mean_custody - 10000 * share) < 4.0 * standard_error);
    }
}
