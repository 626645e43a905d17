// Comparison measures of one pair of replicates (the same random streams under
// two scenarios) and their summary over replicates.
#include <algorithm>
#include <cmath>
#include <limits>

#include "vrsim/scenarios/economics.hpp"
#include "vrsim/scenarios/summary.hpp"

namespace vrsim::scenarios {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_vector(const std::vector<double>& values, std::size_t months, std::string_view scenario,
                  std::string_view name) {
    if (values.size() != months) {
        throw EconomicsError(std::string(scenario) + " series " + std::string(name) + " has " +
                             std::to_string(values.size()) + " months, expected " +
                             std::to_string(months));
    }
    for (std::size_t month = 0; month < values.size(); ++month) {
        if (!std::isfinite(values[month])) {
            throw EconomicsError(std::string(scenario) + " series " + std::string(name) +
                                 " is not a finite number in month " + std::to_string(month));
        }
    }
}

void check_series(const ScenarioSeries& series, std::size_t months, std::string_view scenario) {
    for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
        check_vector(series.committed_offences[type], months, scenario,
                     "committed_" + std::string(model::kOffenceTypeNames[type]));
    }
    check_vector(series.recorded_violence, months, scenario, "recorded_violence");
    // The cohort engine does not count victims as people: a series of NaN only
    // leaves victims_spared n/a.
    const bool victims_reported = std::any_of(series.victims.begin(), series.victims.end(),
                                              [](double value) { return !std::isnan(value); });
    if (victims_reported) {
        check_vector(series.victims, months, scenario, "victims");
    }
    check_vector(series.first_time_entrants, months, scenario, "first_time_entrants");
    check_vector(series.custody_population, months, scenario, "custody_population");
    check_vector(series.programme_spend_gbp, months, scenario, "programme_spend_gbp");
}

}  // namespace

Better better_when(Measure measure) {
    switch (measure) {
        case Measure::programme_spend_gbp:
        case Measure::present_value_costs_gbp:
            return Better::lower;
        case Measure::benefit_cost_ratio:
        case Measure::return_per_pound:
        case Measure::cost_per_offence_averted_gbp:
            return Better::none;
        default:
            return Better::higher;
    }
}

std::string_view measure_label(Measure measure) {
    switch (measure) {
        case Measure::violence_with_injury_averted:
            return "Violence with injury averted (committed)";
        case Measure::violence_without_injury_averted:
            return "Violence without injury averted (committed)";
        case Measure::knife_enabled_averted:
            return "Knife-enabled offences averted (committed)";
        case Measure::robbery_averted:
            return "Robberies averted (committed)";
        case Measure::sexual_averted:
            return "Sexual offences averted (committed)";
        case Measure::domestic_abuse_averted:
            return "Domestic abuse offences averted (committed)";
        case Measure::acquisitive_averted:
            return "Acquisitive offences averted (committed)";
        case Measure::other_averted:
            return "Other offences averted (committed)";
        case Measure::offences_averted:
            return "Offences averted (committed, all types)";
        case Measure::violence_averted:
            return "Recorded violent offences averted";
        case Measure::victims_spared:
            return "Victims spared";
        case Measure::first_time_entrants_avoided:
            return "First-time entrants to the justice system avoided";
        case Measure::custody_months_avoided:
            return "Custody months avoided (prisoner-months)";
        case Measure::programme_spend_gbp:
            return "Extra programme spend, undiscounted (£)";
        case Measure::present_value_costs_gbp:
            return "Present value of extra programme spend (£)";
        case Measure::cost_of_crime_saved_gbp:
            return "Cost of crime saved, present value (£)";
        case Measure::cost_of_crime_saved_anticipation_gbp:
            return "of which in anticipation of crime (£)";
        case Measure::cost_of_crime_saved_consequence_gbp:
            return "of which as a consequence of crime (£)";
        case Measure::cost_of_crime_saved_response_gbp:
            return "of which police and courts, prison excluded (£)";
        case Measure::justice_cost_saved_gbp:
            return "Custody cost saved, present value (£)";
        case Measure::present_value_benefits_gbp:
            return "Present value of benefits (£)";
        case Measure::net_present_value_gbp:
            return "Net present value (£)";
        case Measure::benefit_cost_ratio:
            return "Benefit-cost ratio";
        case Measure::return_per_pound:
            return "Return per £1 of extra spend (£)";
        case Measure::cost_per_offence_averted_gbp:
            return "Cost per offence averted (£)";
    }
    return "";
}

ReplicateMeasures compare_replicate(std::uint32_t replicate, const ScenarioSeries& base,
                                    const ScenarioSeries& alternative,
                                    const AppraisalPrices& prices,
                                    const DiscountSchedule& discounting) {
    const auto months = static_cast<std::size_t>(base.months());
    if (alternative.start_month != base.start_month || alternative.months() != base.months()) {
        throw EconomicsError("paired replicates must cover the same months: base " +
                             base.start_month.to_string() + " for " +
                             std::to_string(base.months()) + " months, alternative " +
                             alternative.start_month.to_string() + " for " +
                             std::to_string(alternative.months()) + " months");
    }
    check_series(base, months, "base");
    check_series(alternative, months, "alternative");

    ReplicateMeasures result;
    result.replicate = replicate;
    auto& m = result;
    double crime_saved[3] = {0.0, 0.0, 0.0};
    for (std::size_t month = 0; month < months; ++month) {
        const model::YearMonth when = base.start_month.plus_months(static_cast<int>(month));
        const double discount = discounting.factor(appraisal_year(when, base.start_month));
        for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
            const double averted =
                base.committed_offences[type][month] - alternative.committed_offences[type][month];
            const CostSplit& cost = prices.crime_cost_per_offence[type];
            m[Measure::offences_averted] += averted;
            m[averted_measure(static_cast<model::OffenceType>(type))] += averted;
            crime_saved[0] += averted * cost.anticipation_gbp * discount;
            crime_saved[1] += averted * cost.consequence_gbp * discount;
            crime_saved[2] += averted * cost.response_gbp * discount;
        }
        m[Measure::violence_averted] +=
            base.recorded_violence[month] - alternative.recorded_violence[month];
        m[Measure::victims_spared] += base.victims[month] - alternative.victims[month];
        m[Measure::first_time_entrants_avoided] +=
            base.first_time_entrants[month] - alternative.first_time_entrants[month];
        const double custody_avoided =
            base.custody_population[month] - alternative.custody_population[month];
        m[Measure::custody_months_avoided] += custody_avoided;
        m[Measure::justice_cost_saved_gbp] +=
            custody_avoided * prices.custody_cost_per_month_gbp * discount;
        const double extra_spend =
            alternative.programme_spend_gbp[month] - base.programme_spend_gbp[month];
        m[Measure::programme_spend_gbp] += extra_spend;
        m[Measure::present_value_costs_gbp] += extra_spend * discount;
    }
    m[Measure::cost_of_crime_saved_anticipation_gbp] = crime_saved[0];
    m[Measure::cost_of_crime_saved_consequence_gbp] = crime_saved[1];
    m[Measure::cost_of_crime_saved_response_gbp] = crime_saved[2];
    m[Measure::cost_of_crime_saved_gbp] = crime_saved[0] + crime_saved[1] + crime_saved[2];
    const double benefits =
        m[Measure::cost_of_crime_saved_gbp] + m[Measure::justice_cost_saved_gbp];
    const double costs = m[Measure::present_value_costs_gbp];
    m[Measure::present_value_benefits_gbp] = benefits;
    m[Measure::net_present_value_gbp] = benefits - costs;
    // A ratio to a cost that is zero or a saving means nothing; NPV says it.
    m[Measure::benefit_cost_ratio] = costs > 0.0 ? benefits / costs : kNaN;
    m[Measure::return_per_pound] = m[Measure::benefit_cost_ratio];
    // Only where the alternative costs more and averts offences: a saving that
    // averts offences dominates, and costs with none averted buy nothing.
    const double averted = m[Measure::offences_averted];
    m[Measure::cost_per_offence_averted_gbp] =
        costs > 0.0 && averted > 0.0 ? costs / averted : kNaN;
    return result;
}

namespace {

// The mean of a measure over every replicate (none is undefined).
double mean_over(std::span<const ReplicateMeasures> replicates, Measure measure) {
    double sum = 0.0;
    for (const ReplicateMeasures& replicate : replicates) {
        sum += replicate.values[index_of(measure)];
    }
    return replicates.empty() ? kNaN : sum / static_cast<double>(replicates.size());
}

}  // namespace

bool is_ratio(Measure measure) {
    return measure == Measure::benefit_cost_ratio || measure == Measure::return_per_pound ||
           measure == Measure::cost_per_offence_averted_gbp;
}

std::vector<MeasureSummary> summarise_measures(std::span<const ReplicateMeasures> replicates) {
    std::vector<MeasureSummary> rows;
    rows.reserve(kMeasureCount);
    std::vector<double> values;
    for (std::size_t index = 0; index < kMeasureCount; ++index) {
        const auto measure = static_cast<Measure>(index);
        values.clear();
        std::size_t better = 0;
        for (const ReplicateMeasures& replicate : replicates) {
            const double value = replicate.values[index];
            if (std::isnan(value)) {
                continue;
            }
            values.push_back(value);
            const Better direction = better_when(measure);
            if ((direction == Better::higher &&
                 (measure == Measure::net_present_value_gbp ? value >= 0.0 : value > 0.0)) ||
                (direction == Better::lower && value < 0.0)) {
                ++better;
            }
        }
        MeasureSummary row{measure, values.size(), kNaN, kNaN, kNaN, kNaN, kNaN};
        if (!values.empty()) {
            double sum = 0.0;
            for (double value : values) {
                sum += value;
            }
            row.mean = sum / static_cast<double>(values.size());
            std::sort(values.begin(), values.end());
            row.median = quantile_type7(values, 0.5);
            row.p05 = quantile_type7(values, 0.05);
            row.p95 = quantile_type7(values, 0.95);
            if (better_when(measure) != Better::none) {
                row.probability_better =
                    static_cast<double>(better) / static_cast<double>(values.size());
            }
        }
        if (is_ratio(measure)) {
            // The ratio of the means, as an incremental cost-effectiveness ratio
            // is taken: a mean of the replicates' ratios is unstable where their
            // denominators come near 0, and leaves out the replicates where the
            // ratio is undefined.
            const double costs = mean_over(replicates, Measure::present_value_costs_gbp);
            const double benefits = mean_over(replicates, Measure::present_value_benefits_gbp);
            const double averted = mean_over(replicates, Measure::offences_averted);
            row.mean = measure == Measure::cost_per_offence_averted_gbp
                           ? (costs > 0.0 && averted > 0.0 ? costs / averted : kNaN)
                           : (costs > 0.0 ? benefits / costs : kNaN);
        }
        rows.push_back(row);
    }
    return rows;
}

}  // namespace vrsim::scenarios
