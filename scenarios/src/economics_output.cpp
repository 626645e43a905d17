// comparison.csv, comparison_replicates.csv and comparison.md.
#include <cmath>
#include <cstdio>

#include "vrsim/scenarios/economics.hpp"

namespace vrsim::scenarios {
namespace {

// "1234567" -> "1,234,567" (digits only, no sign).
std::string with_separators(long long magnitude) {
    std::string digits = std::to_string(magnitude);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), 1, ',');
    }
    return digits;
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

bool is_money(Measure measure) {
    return kMeasureNames[index_of(measure)].ends_with("_gbp");
}

std::string format_measure(Measure measure, double value) {
    if (measure == Measure::benefit_cost_ratio) {
        return format_ratio(value);
    }
    if (measure == Measure::return_per_pound) {
        return std::isnan(value) ? "n/a"
                                 : (value < 0 ? "-£" : "£") + format_ratio(std::fabs(value));
    }
    return is_money(measure) ? format_gbp(value) : format_count(value);
}

void append_row_start(std::string& out, const Comparison& comparison) {
    out += csv_field(comparison.base);
    out += ',';
    out += csv_field(comparison.alternative);
    out += ',';
}

}  // namespace

std::string format_gbp(double value) {
    if (std::isnan(value)) {
        return "n/a";
    }
    const long long pounds = std::llround(value);
    std::string text = pounds < 0 ? "-£" : "£";
    return text + with_separators(pounds < 0 ? -pounds : pounds);
}

std::string format_count(double value) {
    if (std::isnan(value)) {
        return "n/a";
    }
    if (std::fabs(value) < 99.95) {
        return fixed(value, 1);
    }
    const long long rounded = std::llround(value);
    std::string text = rounded < 0 ? "-" : "";
    return text + with_separators(rounded < 0 ? -rounded : rounded);
}

std::string format_ratio(double value) {
    return std::isnan(value) ? "n/a" : fixed(value, 2);
}

std::string format_percent(double probability) {
    if (std::isnan(probability)) {
        return "n/a";
    }
    // Never 0% or 100% unless it is: a board reads 100% as certain.
    if (probability > 0.0 && probability < 0.005) {
        return "<1%";
    }
    if (probability < 1.0 && probability >= 0.995) {
        return ">99%";
    }
    return std::to_string(std::llround(probability * 100.0)) + "%";
}

void write_comparison_csv(AtomicFile& file, std::span<const Comparison> comparisons) {
    std::string out(kComparisonHeader);
    for (const Comparison& comparison : comparisons) {
        for (const MeasureSummary& row : summarise_measures(comparison.replicates)) {
            append_row_start(out, comparison);
            out += kMeasureNames[index_of(row.measure)];
            for (double value : {row.mean, row.median, row.p05, row.p95, row.probability_better}) {
                out += ',';
                append_value(out, value);
            }
            out += '\n';
        }
    }
    file.write(out);
}

void write_comparison_replicates_csv(AtomicFile& file, std::span<const Comparison> comparisons) {
    std::string out(kComparisonReplicatesHeader);
    for (const Comparison& comparison : comparisons) {
        for (const ReplicateMeasures& replicate : comparison.replicates) {
            for (std::size_t index = 0; index < kMeasureCount; ++index) {
                if (std::isnan(replicate.values[index])) {
                    continue;
                }
                append_row_start(out, comparison);
                out += std::to_string(replicate.replicate);
                out += ',';
                out += kMeasureNames[index];
                out += ',';
                append_value(out, replicate.values[index]);
                out += '\n';
            }
        }
        if (out.size() > (1u << 20)) {
            file.write(out);
            out.clear();
        }
    }
    file.write(out);
}

void write_comparison_markdown(AtomicFile& file, std::span<const Comparison> comparisons,
                               const AppraisalNotes& notes) {
    std::string out = "# Scenario comparison\n\n";
    out += "Money is in real " + format_financial_year(notes.base_year) +
           " prices (HM Treasury GDP deflator) and, except the undiscounted spend, discounted by "
           "financial year from " +
           format_financial_year(notes.first_month.financial_year()) +
           " (year 0, not discounted) at " + notes.discounting.describe() +
           " (HM Treasury Green Book). Offences are all offences committed, reported or not. "
           "Each figure is the mean over paired replicates (the same random numbers under both "
           "scenarios); the 90% interval runs from the 5th to the 95th percentile of the "
           "replicates.";
    if (!notes.unit_costs_file.empty()) {
        out += " Unit costs: `" + notes.unit_costs_file.string() + "`.";
    }
    out += "\n";
    for (const Comparison& comparison : comparisons) {
        const std::vector<MeasureSummary> rows = summarise_measures(comparison.replicates);
        const std::size_t total = comparison.replicates.size();
        out += "\n## " + comparison.alternative + " compared with " + comparison.base + "\n\n";
        out += std::to_string(total) + " paired replicates. Probability that " +
               comparison.alternative +
               " at least breaks even (net present value of £0 or more): " +
               format_percent(rows[index_of(Measure::net_present_value_gbp)].probability_better) +
               ".\n\n";
        out +=
            "| Measure | Mean (90% interval) | Median | Probability the alternative is better "
            "|\n";
        out += "|---|---|---|---|\n";
        for (const MeasureSummary& row : rows) {
            out += "| ";
            out += measure_label(row.measure);
            out += " | ";
            if (row.count == 0 && std::isnan(row.mean)) {
                out += "n/a | n/a | n/a |\n";
                continue;
            }
            out += format_measure(row.measure, row.mean);
            if (row.count == 0) {
                out += " (ratio of the means; no replicate's own ratio is defined) | n/a | " +
                       format_percent(row.probability_better) + " |\n";
                continue;
            }
            out += is_ratio(row.measure) ? " (ratio of the means; replicates' 90% interval "
                                         : " (90% interval ";
            out += format_measure(row.measure, row.p05) + " to " +
                   format_measure(row.measure, row.p95);
            if (row.count < total) {
                out += "; defined in " + std::to_string(row.count) + " of " +
                       std::to_string(total) + " replicates";
            }
            out += ") | " + format_measure(row.measure, row.median) + " | " +
                   format_percent(row.probability_better) + " |\n";
        }
    }
    out +=
        "\nAverted, spared, avoided and saved are the base scenario minus the alternative; "
        "spend is the alternative minus the base. The benefit-cost ratio and the return per "
        "£1 (the same number: benefits per £1 of extra spend, the convention of the Home "
        "Office's \"£4.10 per £1\" for Violence Reduction Units) are not defined when the "
        "alternative costs no more than the base; the cost per offence averted is not defined "
        "when it costs no more or averts no offences. A ratio's central figure is the ratio of "
        "the means (mean benefits / mean costs, mean costs / mean offences averted), as a "
        "cost-effectiveness ratio is; its interval and median are of the replicates' own "
        "ratios. Programme budgets are moved from their own price years (each funding entry's "
        "price_year, by default the year it starts) with the GDP deflator. For net present value "
        "\"better\" means breaking even "
        "(£0 or more); for spend it means spending less.\n";
    file.write(out);
}

void write_comparison_files(const std::filesystem::path& folder,
                            std::span<const Comparison> comparisons, const AppraisalNotes& notes) {
    AtomicFile summary(folder / kComparisonFile);
    AtomicFile replicates(folder / kComparisonReplicatesFile);
    AtomicFile markdown(folder / kComparisonMarkdownFile);
    write_comparison_csv(summary, comparisons);
    write_comparison_replicates_csv(replicates, comparisons);
    write_comparison_markdown(markdown, comparisons, notes);
    summary.commit();
    replicates.commit();
    markdown.commit();
}

}  // namespace vrsim::scenarios
