// Comparison measures on a two-replicate example worked by hand, their summary
// (type 7 quantiles, probability better), and the files a comparison writes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "scenario_test_files.hpp"
#include "vrsim/scenarios/economics.hpp"

using namespace vrsim::scenarios;
using namespace vrsim::scenarios::testing;
using vrsim::model::index_of;
using vrsim::model::OffenceType;
using vrsim::model::YearMonth;

namespace {

// Two months, March and April 2021: financial years 2020-21 (year 0) and 2021-22
// (year 1). Nothing happens but what a test sets.
ScenarioSeries two_months() {
    ScenarioSeries series;
    series.start_month = YearMonth::of(2021, 3);
    for (auto& offences : series.committed_offences) {
        offences = {0.0, 0.0};
    }
    series.recorded_violence = {3.0, 3.0};
    series.victims = {5.0, 5.0};
    series.first_time_entrants = {1.0, 1.0};
    series.custody_population = {5.0, 5.0};
    series.programme_spend_gbp = {0.0, 0.0};
    return series;
}

struct HandExample {
    ScenarioSeries base = two_months();
    ScenarioSeries effective = two_months();  // replicate 1: the programme works
    ScenarioSeries no_effect = two_months();  // replicate 2: it costs but changes nothing
    HandExample() {
        base.committed_offences[index_of(OffenceType::violence_with_injury)] = {10.0, 10.0};
        no_effect.committed_offences = base.committed_offences;
        effective.committed_offences = base.committed_offences;
        effective.committed_offences[index_of(OffenceType::violence_with_injury)] = {8.0, 9.0};
        effective.recorded_violence = {2.0, 3.0};
        effective.victims = {4.0, 4.0};
        effective.first_time_entrants = {1.0, 0.0};
        effective.custody_population = {4.0, 5.0};
        effective.programme_spend_gbp = {1000.0, 2070.0};
        no_effect.programme_spend_gbp = {1000.0, 2070.0};
    }
};

AppraisalPrices small_prices() {
    return appraisal_prices(load_unit_costs(fixture("economics/small_costs.toml")), 2020);
}

ReplicateMeasures with_npv(std::uint32_t replicate, double npv) {
    ReplicateMeasures measures;
    measures.replicate = replicate;
    measures[Measure::net_present_value_gbp] = npv;
    return measures;
}

const MeasureSummary& row_of(const std::vector<MeasureSummary>& rows, Measure measure) {
    REQUIRE(rows.size() == kMeasureCount);
    return rows[index_of(measure)];
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace

TEST_CASE("one replicate's measures, worked by hand") {
    // Per violent offence (small_costs.toml): anticipation 100, consequence 600,
    // response 300 less the prison half = 150; 850 in all. Custody 1,000 a month.
    const HandExample example;
    const ReplicateMeasures m = compare_replicate(1, example.base, example.effective,
                                                  small_prices(), DiscountSchedule::green_book());
    CHECK(m.replicate == 1);
    CHECK(m[Measure::offences_averted] == 3.0);  // 2 in March, 1 in April
    CHECK(m[Measure::violence_averted] == 1.0);
    CHECK(m[Measure::victims_spared] == 2.0);
    CHECK(m[Measure::first_time_entrants_avoided] == 1.0);
    CHECK(m[Measure::custody_months_avoided] == 1.0);
    CHECK(m[Measure::programme_spend_gbp] == 3070.0);
    // March is year 0 (not discounted), April year 1: 1000 + 2070 / 1.035 = 3000.
    CHECK(m[Measure::present_value_costs_gbp] == Approx(3000.0));
    // 2 x 850 + 1 x 850 / 1.035 = 2521.256.
    CHECK(m[Measure::cost_of_crime_saved_gbp] == Approx(2521.256).margin(0.001));
    CHECK(m[Measure::cost_of_crime_saved_anticipation_gbp] == Approx(296.618).margin(0.001));
    CHECK(m[Measure::cost_of_crime_saved_consequence_gbp] == Approx(1779.710).margin(0.001));
    CHECK(m[Measure::cost_of_crime_saved_response_gbp] == Approx(444.928).margin(0.001));
    CHECK(m[Measure::justice_cost_saved_gbp] == Approx(1000.0));  // one month in year 0
    CHECK(m[Measure::present_value_benefits_gbp] == Approx(3521.256).margin(0.001));
    CHECK(m[Measure::net_present_value_gbp] == Approx(521.256).margin(0.001));
    CHECK(m[Measure::benefit_cost_ratio] == Approx(3521.256 / 3000.0).epsilon(1e-6));
    CHECK(m[Measure::return_per_pound] == m[Measure::benefit_cost_ratio]);
    CHECK(m[Measure::cost_per_offence_averted_gbp] == Approx(1000.0));  // 3000 / 3
}

TEST_CASE("undefined ratios are NaN: no extra cost, no offences averted") {
    const HandExample example;
    const AppraisalPrices prices = small_prices();
    const DiscountSchedule green_book = DiscountSchedule::green_book();
    const ReplicateMeasures costly =
        compare_replicate(2, example.base, example.no_effect, prices, green_book);
    CHECK(costly[Measure::net_present_value_gbp] == Approx(-3000.0));
    CHECK(costly[Measure::benefit_cost_ratio] == 0.0);
    CHECK(std::isnan(costly[Measure::cost_per_offence_averted_gbp]));
    // The alternative against itself: nothing spent, nothing averted.
    const ReplicateMeasures same =
        compare_replicate(3, example.base, example.base, prices, green_book);
    CHECK(std::isnan(same[Measure::benefit_cost_ratio]));
    CHECK(std::isnan(same[Measure::return_per_pound]));
    CHECK(std::isnan(same[Measure::cost_per_offence_averted_gbp]));
    CHECK(same[Measure::net_present_value_gbp] == 0.0);
}

TEST_CASE("replicates that do not pair are refused") {
    const HandExample example;
    ScenarioSeries shorter = example.effective;
    shorter.victims.pop_back();
    CHECK_THROWS_WITH(
        compare_replicate(1, example.base, shorter, small_prices(), DiscountSchedule::green_book()),
        Catch::Contains("alternative series victims has 1 months, expected 2"));
    ScenarioSeries later = example.effective;
    later.start_month = YearMonth::of(2021, 4);
    CHECK_THROWS_AS(
        compare_replicate(1, example.base, later, small_prices(), DiscountSchedule::green_book()),
        EconomicsError);
    ScenarioSeries missing = example.effective;
    missing.programme_spend_gbp[1] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(
        compare_replicate(1, example.base, missing, small_prices(), DiscountSchedule::green_book()),
        EconomicsError);
}

TEST_CASE("two replicates summarised: NPV, probability of breaking even, quantiles") {
    const HandExample example;
    const AppraisalPrices prices = small_prices();
    const DiscountSchedule green_book = DiscountSchedule::green_book();
    const std::vector<ReplicateMeasures> replicates = {
        compare_replicate(1, example.base, example.effective, prices, green_book),
        compare_replicate(2, example.base, example.no_effect, prices, green_book)};
    const auto rows = summarise_measures(replicates);

    const MeasureSummary& npv = row_of(rows, Measure::net_present_value_gbp);
    CHECK(npv.count == 2);
    // NPVs 521.256 and -3000: mean and median -1239.372; type 7 p05 = -3000 + 0.05 x
    // 3521.256 = -2823.937, p95 = -3000 + 0.95 x 3521.256 = 345.193.
    CHECK(npv.mean == Approx(-1239.372).margin(0.001));
    CHECK(npv.median == Approx(-1239.372).margin(0.001));
    CHECK(npv.p05 == Approx(-2823.937).margin(0.001));
    CHECK(npv.p95 == Approx(345.193).margin(0.001));
    CHECK(npv.probability_better == 0.5);  // breaks even in one replicate of two

    const MeasureSummary& averted = row_of(rows, Measure::offences_averted);
    CHECK(averted.mean == 1.5);
    CHECK(averted.probability_better == 0.5);  // 3 averted is better, 0 is not
    const MeasureSummary& spend = row_of(rows, Measure::programme_spend_gbp);
    CHECK(spend.mean == 3070.0);
    CHECK(spend.probability_better == 0.0);  // spending more is never better
    const MeasureSummary& per_offence = row_of(rows, Measure::cost_per_offence_averted_gbp);
    CHECK(per_offence.count == 1);  // defined only where offences were averted
    CHECK(per_offence.median == Approx(1000.0));
    // Its central figure is the ratio of the means: £3,000 of costs in each
    // replicate over (3 + 0) / 2 offences averted = £2,000.
    CHECK(per_offence.mean == Approx(2000.0));
    CHECK(std::isnan(per_offence.probability_better));
}

namespace {

ReplicateMeasures with_money(std::uint32_t replicate, double benefits, double costs,
                             double averted) {
    ReplicateMeasures measures;
    measures.replicate = replicate;
    measures[Measure::present_value_benefits_gbp] = benefits;
    measures[Measure::present_value_costs_gbp] = costs;
    measures[Measure::offences_averted] = averted;
    const double nan = std::nan("");
    measures[Measure::benefit_cost_ratio] = costs > 0.0 ? benefits / costs : nan;
    measures[Measure::return_per_pound] = measures[Measure::benefit_cost_ratio];
    measures[Measure::cost_per_offence_averted_gbp] =
        costs > 0.0 && averted > 0.0 ? costs / averted : nan;
    return measures;
}

}  // namespace

TEST_CASE("a ratio's central figure is the ratio of the means, not the mean of the ratios") {
    // Benefits £300 for £100 (ratio 3) and £100 for £300 (1/3): the mean of the
    // ratios would be 1.67; the money is £200 of benefits for £200 of costs, 1.
    // Offences: £100 for 1 and £300 for 100: £200 for 50.5, £3.96 an offence,
    // where the mean of the ratios would be £51.50.
    const std::vector<ReplicateMeasures> replicates = {with_money(0, 300.0, 100.0, 1.0),
                                                       with_money(1, 100.0, 300.0, 100.0)};
    const auto rows = summarise_measures(replicates);
    CHECK(row_of(rows, Measure::benefit_cost_ratio).mean == Approx(1.0));
    CHECK(row_of(rows, Measure::return_per_pound).mean == Approx(1.0));
    CHECK(row_of(rows, Measure::cost_per_offence_averted_gbp).mean == Approx(200.0 / 50.5));
    // The interval and median stay those of the replicates' own ratios.
    CHECK(row_of(rows, Measure::benefit_cost_ratio).median == Approx((3.0 + 1.0 / 3.0) / 2.0));
    CHECK(row_of(rows, Measure::cost_per_offence_averted_gbp).median == Approx((100.0 + 3.0) / 2));

    // A saving that averts offences dominates: no cost per offence, in a
    // replicate or on average.
    const ReplicateMeasures dominant = with_money(2, 500.0, -100.0, 5.0);
    CHECK(std::isnan(dominant[Measure::cost_per_offence_averted_gbp]));
    const auto saving = summarise_measures(std::vector<ReplicateMeasures>{dominant});
    CHECK(std::isnan(row_of(saving, Measure::cost_per_offence_averted_gbp).mean));
    CHECK(std::isnan(row_of(saving, Measure::benefit_cost_ratio).mean));
}

TEST_CASE("a replicate's cost per offence averted needs extra costs and offences averted") {
    const HandExample example;
    // The effective alternative costs £3,000 more and averts 3: £1,000 each.
    const ReplicateMeasures paid = compare_replicate(
        1, example.base, example.effective, small_prices(), DiscountSchedule::green_book());
    CHECK(paid[Measure::cost_per_offence_averted_gbp] == Approx(1000.0));
    // The same 3 offences averted by an alternative that spends nothing, against
    // a base that spends: it saves money too, so it dominates.
    ScenarioSeries spending_base = example.base;
    spending_base.programme_spend_gbp = {1000.0, 2070.0};
    ScenarioSeries free = example.effective;
    free.programme_spend_gbp = {0.0, 0.0};
    const ReplicateMeasures saving =
        compare_replicate(1, spending_base, free, small_prices(), DiscountSchedule::green_book());
    CHECK(saving[Measure::offences_averted] == Approx(3.0));
    CHECK(saving[Measure::present_value_costs_gbp] < 0.0);
    CHECK(std::isnan(saving[Measure::cost_per_offence_averted_gbp]));
}

TEST_CASE("quantiles are type 7 and break-even counts NPV of exactly zero") {
    std::vector<ReplicateMeasures> replicates;
    for (double npv : {5.0, -1.0, 3.0, 0.0, 2.0}) {  // sorted: -1, 0, 2, 3, 5
        replicates.push_back(with_npv(static_cast<std::uint32_t>(replicates.size()), npv));
    }
    const auto rows = summarise_measures(replicates);
    const MeasureSummary& npv = row_of(rows, Measure::net_present_value_gbp);
    CHECK(npv.mean == Approx(1.8));
    CHECK(npv.median == 2.0);
    CHECK(npv.p05 == Approx(-0.8));                // h = 4 x 0.05 = 0.2: -1 + 0.2 x (0 - -1)
    CHECK(npv.p95 == Approx(4.6));                 // h = 3.8: 3 + 0.8 x (5 - 3)
    CHECK(npv.probability_better == Approx(0.8));  // -1 is the only loss
    const MeasureSummary& ratio = row_of(rows, Measure::benefit_cost_ratio);
    CHECK(ratio.count == 5);  // zero-filled here, so defined
    CHECK(std::isnan(ratio.probability_better));
}

TEST_CASE("numbers for people: pounds, counts, ratios, percentages") {
    CHECK(format_gbp(1234567.4) == "£1,234,567");
    CHECK(format_gbp(-12000.0) == "-£12,000");
    CHECK(format_gbp(999.5) == "£1,000");
    CHECK(format_gbp(0.2) == "£0");
    CHECK(format_gbp(std::nan("")) == "n/a");
    CHECK(format_count(1234.6) == "1,235");
    CHECK(format_count(-2500.0) == "-2,500");
    CHECK(format_count(12.44) == "12.4");
    CHECK(format_count(3.0) == "3.0");
    CHECK(format_ratio(4.1) == "4.10");
    CHECK(format_percent(0.875) == "88%");
    CHECK(format_percent(1.0) == "100%");
    CHECK(format_percent(0.0) == "0%");
    // 199 of 200 is not certainty, nor 1 of 200 impossibility.
    CHECK(format_percent(0.995) == ">99%");
    CHECK(format_percent(0.005) == "1%");
    CHECK(format_percent(0.004) == "<1%");
}

TEST_CASE("a comparison writes its CSV files and a Markdown table for people") {
    const HandExample example;
    const AppraisalPrices prices = small_prices();
    const DiscountSchedule green_book = DiscountSchedule::green_book();
    const std::vector<Comparison> comparisons = {
        {"base",
         "more, iom",
         {compare_replicate(1, example.base, example.effective, prices, green_book),
          compare_replicate(2, example.base, example.no_effect, prices, green_book)}}};
    TemporaryFolder folder;
    AppraisalNotes notes;
    notes.base_year = 2020;
    notes.first_month = example.base.start_month;
    notes.unit_costs_file = "costs/small.toml";
    write_comparison_files(folder.path(), comparisons, notes);

    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names ==
          std::vector<std::string>{"comparison.csv", "comparison.md", "comparison_replicates.csv"});

    const auto summary = lines_of(read_file(folder.path() / "comparison.csv"));
    REQUIRE(summary.size() == 1 + kMeasureCount);
    CHECK(summary[0] == "base,alternative,measure,mean,median,p05,p95,probability_better");
    // Victims spared 2 and 0: mean and median 1, p05 0.1, p95 1.9.
    CHECK(summary[3] == "base,\"more, iom\",victims_spared,1,1,0.1,1.9,0.5");
    CHECK(summary[6] == "base,\"more, iom\",programme_spend_gbp,3070,3070,3070,3070,0");
    // Its mean is the ratio of the means: £3,000 over 1.5 offences averted.
    CHECK(summary[1 + index_of(Measure::cost_per_offence_averted_gbp)] ==
          "base,\"more, iom\",cost_per_offence_averted_gbp,2000,1000,1000,1000,nan");
    // By type: only violence with injury changes, by (10 - 8) + (10 - 9) = 3 and 0.
    CHECK(summary[1 + index_of(Measure::violence_with_injury_averted)].starts_with(
        "base,\"more, iom\",violence_with_injury_averted,1.5,1.5,"));
    const MeasureSummary by_type = row_of(summarise_measures(comparisons[0].replicates),
                                          Measure::violence_with_injury_averted);
    CHECK(by_type.p05 == Approx(0.15));  // h = 0.05: 0 + 0.05 x 3
    CHECK(by_type.p95 == Approx(2.85));  // h = 0.95: 0 + 0.95 x 3
    CHECK(by_type.probability_better == 0.5);
    CHECK(summary[1 + index_of(Measure::acquisitive_averted)] ==
          "base,\"more, iom\",acquisitive_averted,0,0,0,0,0");

    const auto replicates = lines_of(read_file(folder.path() / "comparison_replicates.csv"));
    CHECK(replicates[0] == "base,alternative,replicate,measure,value");
    CHECK(replicates[1] == "base,\"more, iom\",1,offences_averted,3");
    // Replicate 2 averts nothing, so its cost per offence averted is left out.
    CHECK(replicates.size() == 1 + kMeasureCount + (kMeasureCount - 1));
    CHECK(std::find(replicates.begin(), replicates.end(),
                    "base,\"more, iom\",2,return_per_pound,0") != replicates.end());
    CHECK(std::find(replicates.begin(), replicates.end(),
                    "base,\"more, iom\",1,violence_with_injury_averted,3") != replicates.end());
    CHECK(replicates.back() == "base,\"more, iom\",2,other_averted,0");

    const std::string markdown = read_file(folder.path() / "comparison.md");
    CHECK(markdown.starts_with("# Scenario comparison\n"));
    CHECK(markdown.find("real 2020-21 prices") != std::string::npos);
    CHECK(markdown.find("from 2020-21 (year 0, not discounted) at 3.5% a year for years 1-30") !=
          std::string::npos);
    CHECK(markdown.find("`costs/small.toml`") != std::string::npos);
    CHECK(markdown.find("## more, iom compared with base\n") != std::string::npos);
    CHECK(markdown.find("2 paired replicates. Probability that more, iom at least breaks even "
                        "(net present value of £0 or more): 50%.") != std::string::npos);
    CHECK(markdown.find("| Measure | Mean (90% interval) | Median | Probability the alternative "
                        "is better |\n|---|---|---|---|\n") != std::string::npos);
    CHECK(markdown.find("| Victims spared | 1.0 (90% interval 0.1 to 1.9) | 1.0 | 50% |") !=
          std::string::npos);
    CHECK(markdown.find("| Net present value (£) | -£1,239 (90% interval -£2,824 to £345) | "
                        "-£1,239 | 50% |") != std::string::npos);
    CHECK(markdown.find("| Extra programme spend, undiscounted (£) | £3,070 (90% interval £3,070 "
                        "to £3,070) | £3,070 | 0% |") != std::string::npos);
    CHECK(markdown.find("| Cost per offence averted (£) | £2,000 (ratio of the means; replicates' "
                        "90% interval £1,000 to £1,000; defined in 1 of 2 replicates) | £1,000 | "
                        "n/a |") != std::string::npos);
    // BCRs 1.1738 and 0: p05 0.06, p95 1.12; benefits 3,521.256 and 0 for
    // £3,000 each: ratio of the means 1,760.628 / 3,000 = 0.59.
    CHECK(markdown.find("| Benefit-cost ratio | 0.59 (ratio of the means; replicates' 90% "
                        "interval 0.06 to 1.12) | 0.59 | n/a |") != std::string::npos);
    CHECK(markdown.find("| Return per £1 of extra spend (£) | £0.59 (ratio of the means; "
                        "replicates' 90% interval £0.06 to £1.12) | £0.59 | n/a |") !=
          std::string::npos);
}
