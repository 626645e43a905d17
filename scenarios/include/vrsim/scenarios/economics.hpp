#pragma once
// The money side of scenario comparisons, HM Treasury Green Book style:
// unit costs (Home Office cost of crime, cost per prisoner) read from a TOML
// file, converted to real prices of one base financial year with the GDP
// deflator, discounted by financial year, and turned into per-replicate
// comparison measures (offences averted, net present value, benefit-cost
// ratio...) summarised over paired replicates. The conventions are written out
// in README.md ("Money").
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vrsim/model/calendar.hpp"
#include "vrsim/model/offence_types.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios {

// A wrong input to the economics (a price year outside the deflator series,
// series of different lengths); the message says which and what was expected.
class EconomicsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// ---- Financial years ----------------------------------------------------------
// UK financial years (April to March) are named by the calendar year they start
// in: 2015 is "2015-16".
std::string format_financial_year(int start_year);
// Parses "2015-16"; nullopt unless the second part is the next year's last two digits.
std::optional<int> parse_financial_year(std::string_view text);

// ---- Unit costs -----------------------------------------------------------------

// A cost per offence split as the Home Office splits it.
struct CostSplit {
    double anticipation_gbp = 0.0;  // defensive spending, insurance
    double consequence_gbp = 0.0;   // harm to victims, property, lost output, health services
    double response_gbp = 0.0;      // police and criminal justice
    double total_gbp() const { return anticipation_gbp + consequence_gbp + response_gbp; }
};

struct CrimeCategoryCost {
    std::string name;  // e.g. "violence_with_injury", "rape"
    CostSplit per_offence;
};

struct CategoryWeight {
    std::string category;
    double weight = 0.0;
};

// The HM Treasury GDP deflator by financial year, consecutive from first_year.
struct GdpDeflator {
    int first_year = 0;
    std::vector<double> index;
    std::optional<int> forecast_from;  // first year that is a forecast, not outturn

    int last_year() const { return first_year + static_cast<int>(index.size()) - 1; }
    bool covers(int year) const { return year >= first_year && year <= last_year(); }
    // Throws EconomicsError naming the series' years when `year` is outside it.
    double at(int year) const;
    // `gbp` in prices of financial year `from_year` expressed in prices of `to_year`.
    double convert(double gbp, int from_year, int to_year) const;
};

struct JusticeCosts {
    double cost_per_prisoner_year_gbp = 0.0;
    int price_year = 0;
    // Share of the Home Office response cost that is prison; removed from the
    // cost of crime because custody months are valued separately.
    double prison_share_of_response = 0.0;
};

struct UnitCosts {
    std::filesystem::path file;
    int price_year = 0;  // financial year of the crime costs' prices
    std::vector<CrimeCategoryCost> categories;
    model::PerOffenceType<std::vector<CategoryWeight>> mapping;
    model::PerOffenceType<CostSplit> per_offence;  // the weighted mixes, in price_year prices
    JusticeCosts justice;
    GdpDeflator deflator;
};

// Reads and checks a unit-costs file (format: scenarios/library/costs/
// home_office_2018.toml). Throws ScenarioError listing every problem as
// "file:line:column: field: message".
UnitCosts load_unit_costs(const std::filesystem::path& file);

// ---- Prices and discounting ---------------------------------------------------

// Every unit cost in real prices of one base financial year.
struct AppraisalPrices {
    int base_year = 0;
    // Per committed offence; the response part is net of the prison share.
    model::PerOffenceType<CostSplit> crime_cost_per_offence;
    double custody_cost_per_month_gbp = 0.0;
    GdpDeflator deflator;  // the unit-costs file's, for programme spend
};

// Throws EconomicsError when the base year or a price year of the file is
// outside its deflator series.
AppraisalPrices appraisal_prices(const UnitCosts& costs, int base_year);

// A scenario's programme spend a month for `months` months from its start
// month, in real prices of prices.base_year: each funding entry's budget (a
// year's, spread evenly over its months) moved from its price year with the
// GDP deflator. The same money as the programmes' spend_gbp outcome, there in
// each entry's own prices. Throws EconomicsError naming the entry when its
// price year is outside the deflator series.
std::vector<double> programme_spend_in_base_prices(const Scenario& scenario,
                                                   const AppraisalPrices& prices, int months);

// From year `first_year` on (until the next band) money is discounted at `rate`
// a year.
struct DiscountBand {
    int first_year = 1;
    double rate = 0.0;
};

// Discount factors by appraisal year, Green Book convention: year 0 is not
// discounted; the factor of year t is 1 / ((1 + r_1)(1 + r_2)...(1 + r_t)), r_k
// the rate of the band holding year k. With the Green Book schedule that is
// 1/1.035^t up to year 30 and 1/(1.035^30 * 1.03^(t-30)) for years 31-75.
class DiscountSchedule {
  public:
    // HM Treasury Green Book (2022) Annex A6: 3.5% for years 1-30, 3.0% 31-75,
    // 2.5% 76-125, 2.0% 126-200, 1.5% 201-300, 1.0% from 301.
    static DiscountSchedule green_book();
    static DiscountSchedule flat(double annual_rate);
    // Bands start at year 1 and in increasing year order; rates > -1. Throws
    // std::invalid_argument otherwise.
    explicit DiscountSchedule(std::vector<DiscountBand> bands);

    double rate(int year) const;                   // the rate between year-1 and year; year >= 1
    double factor(int year) const;                 // year >= 0
    std::vector<double> factors(int years) const;  // years 0 .. years-1
    const std::vector<DiscountBand>& bands() const { return bands_; }
    // "3.5% a year for years 1-30, 3% for years 31-75, ..."
    std::string describe() const;

  private:
    std::vector<DiscountBand> bands_;
};

// Appraisal year of `month`: its financial year minus that of the appraisal's
// first month (year 0 is the first financial year, however few of its months
// are in the appraisal).
int appraisal_year(model::YearMonth month, model::YearMonth first_month);

// ---- Comparison measures --------------------------------------------------------

// One replicate of one scenario, month by month from start_month. Every vector
// has one value per month.
struct ScenarioSeries {
    model::YearMonth start_month{};
    model::PerOffenceType<std::vector<double>> committed_offences;
    std::vector<double> recorded_violence;  // recorded violence against the person
    std::vector<double> victims;
    std::vector<double> first_time_entrants;  // youth + adult
    std::vector<double> custody_population;   // people in custody that month
    std::vector<double> programme_spend_gbp;  // real prices of AppraisalPrices::base_year
    int months() const { return static_cast<int>(recorded_violence.size()); }
};

enum class Measure : unsigned char {
    offences_averted,
    violence_averted,
    victims_spared,
    first_time_entrants_avoided,
    custody_months_avoided,
    programme_spend_gbp,
    present_value_costs_gbp,
    cost_of_crime_saved_gbp,
    cost_of_crime_saved_anticipation_gbp,
    cost_of_crime_saved_consequence_gbp,
    cost_of_crime_saved_response_gbp,
    justice_cost_saved_gbp,
    present_value_benefits_gbp,
    net_present_value_gbp,
    benefit_cost_ratio,
    return_per_pound,
    cost_per_offence_averted_gbp,
    // Offences averted by type (committed, recorded or not), in offence type order.
    violence_with_injury_averted,
    violence_without_injury_averted,
    knife_enabled_averted,
    robbery_averted,
    sexual_averted,
    domestic_abuse_averted,
    acquisitive_averted,
    other_averted,
};
inline constexpr std::size_t kMeasureCount = 25;

inline constexpr std::array<std::string_view, kMeasureCount> kMeasureNames = {
    "offences_averted",
    "violence_averted",
    "victims_spared",
    "first_time_entrants_avoided",
    "custody_months_avoided",
    "programme_spend_gbp",
    "present_value_costs_gbp",
    "cost_of_crime_saved_gbp",
    "cost_of_crime_saved_anticipation_gbp",
    "cost_of_crime_saved_consequence_gbp",
    "cost_of_crime_saved_response_gbp",
    "justice_cost_saved_gbp",
    "present_value_benefits_gbp",
    "net_present_value_gbp",
    "benefit_cost_ratio",
    "return_per_pound",
    "cost_per_offence_averted_gbp",
    "violence_with_injury_averted",
    "violence_without_injury_averted",
    "knife_enabled_averted",
    "robbery_averted",
    "sexual_averted",
    "domestic_abuse_averted",
    "acquisitive_averted",
    "other_averted",
};

// The offences-averted measure of one offence type.
constexpr Measure averted_measure(model::OffenceType type) {
    return static_cast<Measure>(static_cast<std::size_t>(Measure::violence_with_injury_averted) +
                                model::index_of(type));
}

constexpr std::size_t index_of(Measure measure) {
    return static_cast<std::size_t>(measure);
}

// When the alternative counts as better on a measure (probability_better):
// higher: value > 0 (net_present_value_gbp: >= 0, i.e. breaks even);
// lower: value < 0 (extra spend); none: ratios, no probability reported.
enum class Better { higher, lower, none };
Better better_when(Measure measure);

// The measure in words with its unit, for comparison.md.
std::string_view measure_label(Measure measure);

// Differences alternative minus base, signed so that positive is "saved" or
// "averted" (base minus alternative) for outcomes and costs of crime, and
// "extra" (alternative minus base) for spend. Money is in base-year prices and,
// except programme_spend_gbp, discounted. Undefined values are NaN:
// benefit_cost_ratio and return_per_pound when present_value_costs_gbp <= 0,
// cost_per_offence_averted_gbp when offences_averted <= 0.
struct ReplicateMeasures {
    std::uint32_t replicate = 0;
    std::array<double, kMeasureCount> values{};
    double& operator[](Measure measure) { return values[index_of(measure)]; }
    double operator[](Measure measure) const { return values[index_of(measure)]; }
};

// Throws EconomicsError when the two series do not cover the same months or a
// vector has the wrong length or a value that is not finite.
ReplicateMeasures compare_replicate(std::uint32_t replicate, const ScenarioSeries& base,
                                    const ScenarioSeries& alternative,
                                    const AppraisalPrices& prices,
                                    const DiscountSchedule& discounting);

struct MeasureSummary {
    Measure measure{};
    std::size_t count = 0;  // replicates where the measure is defined
    double mean = 0.0;
    double median = 0.0;
    double p05 = 0.0;
    double p95 = 0.0;                 // type 7 quantiles, as summary.csv
    double probability_better = 0.0;  // NaN for Better::none
};

// The benefit-cost ratio, the return per £1 and the cost per offence averted.
bool is_ratio(Measure measure);

// One row per measure, in Measure order; NaN values are left out of the
// statistics (all NaN when a measure is never defined). A ratio's mean is the
// ratio of the means over every replicate (mean benefits / mean costs, mean
// costs / mean offences averted; NaN where that denominator or the costs are
// not above 0); its median and percentiles are of the replicates' own ratios,
// where defined.
std::vector<MeasureSummary> summarise_measures(std::span<const ReplicateMeasures> replicates);

struct Comparison {
    std::string base;
    std::string alternative;
    std::vector<ReplicateMeasures> replicates;
};

// What comparison.md states about the money.
struct AppraisalNotes {
    int base_year = 0;
    model::YearMonth first_month{};
    DiscountSchedule discounting = DiscountSchedule::green_book();
    std::filesystem::path unit_costs_file;
};

inline constexpr std::string_view kComparisonFile = "comparison.csv";
inline constexpr std::string_view kComparisonReplicatesFile = "comparison_replicates.csv";
inline constexpr std::string_view kComparisonMarkdownFile = "comparison.md";
inline constexpr std::string_view kComparisonHeader =
    "base,alternative,measure,mean,median,p05,p95,probability_better\n";
inline constexpr std::string_view kComparisonReplicatesHeader =
    "base,alternative,replicate,measure,value\n";

// One row per alternative and measure; undefined statistics print as "nan".
void write_comparison_csv(AtomicFile& file, std::span<const Comparison> comparisons);
// One row per alternative, replicate and measure; undefined values are left out.
void write_comparison_replicates_csv(AtomicFile& file, std::span<const Comparison> comparisons);
void write_comparison_markdown(AtomicFile& file, std::span<const Comparison> comparisons,
                               const AppraisalNotes& notes);
// Writes the three files into `folder`, committing them only when all are written.
void write_comparison_files(const std::filesystem::path& folder,
                            std::span<const Comparison> comparisons, const AppraisalNotes& notes);

// Formatting for comparison.md: "£1,234,567", "-£12,000" (nearest pound);
// counts "1,235" (nearest whole number) or "12.4" below 100 in size; ratios
// "4.10"; probabilities "87%"; "n/a" for NaN.
std::string format_gbp(double value);
std::string format_count(double value);
std::string format_ratio(double value);
std::string format_percent(double probability);

}  // namespace vrsim::scenarios
