#include "vrsim/notebooks/narrative.hpp"

#include <cmath>
#include <string_view>
#include <vector>

#include "outcome_descriptions.hpp"
#include "text_format.hpp"
#include "vrsim/notebooks/headline.hpp"

namespace vrsim::notebooks {

namespace {

std::vector<std::string> escaped(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const std::string& name : names) {
        out.push_back(markdown_text(name));
    }
    return out;
}

std::vector<std::string> files_present(const RunFiles& run) {
    std::vector<std::string> files = {"`manifest.json`", "`summary.csv`"};
    if (run.has_timeseries) {
        files.emplace_back("`timeseries.csv`");
    }
    if (run.has_comparison) {
        files.emplace_back("`comparison.csv`");
    }
    if (run.has_comparison_replicates) {
        files.emplace_back("`comparison_replicates.csv`");
    }
    return files;
}

std::string window_heading(const RunFiles& run, MonthWindow window, bool only) {
    std::string heading = only ? "All " + std::to_string(window.months()) + " months"
                               : (window.first == 0 ? "First 12 months" : "Last 12 months");
    return heading + " (" + run.month_name(window.first) + " to " + run.month_name(window.last) +
           ")";
}

std::string total_cell(const WindowTotal& total) {
    if (!total.available) {
        return "not available";
    }
    std::string cell = format_number(total.mean, 1);
    if (total.has_interval) {
        cell += " (" + format_number(total.p05, 1) + " to " + format_number(total.p95, 1) + ")";
    }
    return cell;
}

// How a comparison measure prints: its label and the formatter for its values.
struct MeasureFormat {
    std::string_view measure;
    std::string_view label;
    std::string (*format)(double);
};

std::string one_decimal(double value) {
    return format_number(value, 1);
}
std::string two_decimals(double value) {
    return format_number(value, 2);
}

constexpr MeasureFormat kHeadlineMeasures[] = {
    {"offences_averted", "Offences averted", one_decimal},
    {"violence_averted", "Violent offences averted", one_decimal},
    {"present_value_costs_gbp", "Costs (present value)", format_pounds},
    {"present_value_benefits_gbp", "Benefits (present value)", format_pounds},
    {"net_present_value_gbp", "Net present value", format_pounds},
    {"benefit_cost_ratio", "Benefit-cost ratio", two_decimals},
};

}  // namespace

std::string title_markdown(const RunFiles& run) {
    const std::vector<std::string> names = escaped(run.scenarios);
    std::string text = "# ";
    if (!run.place.empty()) {
        text += markdown_text(run.place) + ": ";
    }
    text += joined_list(names) + "\n\n";
    text += "A report on a vrsim run: ";
    if (names.size() == 1) {
        text += "the scenario **" + names[0] + "**";
    } else {
        text += std::to_string(names.size()) + " scenarios, **" + names[0] +
                "** (the base, which the others are compared with) and **" +
                joined_list(std::vector<std::string>(names.begin() + 1, names.end())) + "**";
    }
    if (!run.place.empty()) {
        text += " for " + markdown_text(run.place);
    }
    text += ", over " + std::to_string(run.horizon_months) + " months from **" + run.month_name(0) +
            "** to **" + run.month_name(run.horizon_months - 1) + "**, with **" +
            std::to_string(run.replicates) + " replicates** from seed **" +
            std::to_string(run.seed) + "**";
    if (!run.engine.empty() || !run.version.empty()) {
        text += " (";
        text += run.engine.empty() ? "" : "engine " + markdown_text(run.engine);
        text += !run.engine.empty() && !run.version.empty() ? ", " : "";
        text += run.version.empty() ? "" : "vrsim " + markdown_text(run.version);
        text += ")";
    }
    text += ".\n\n";
    text +=
        "Each replicate is one possible future of the place; the spread across replicates is "
        "the uncertainty. Scenarios share their random numbers replicate by replicate (common "
        "random numbers), so a difference between scenarios in the same replicate is the "
        "effect of the policy, not chance.\n\n";
    text += "The code below reads the run's files from this notebook's own folder (" +
            joined_list(files_present(run)) +
            "): keep the notebook beside them, and move or copy the folder whole. Run all cells "
            "to redraw every chart; the style cell at the top sets the colours, sizes and "
            "labels of all of them.\n";
    return text;
}

std::string outcomes_markdown(const RunFiles& run) {
    std::string text = "## What the outcomes mean\n\n";
    bool any = false;
    for (const OutcomeDescription& description : main_outcomes()) {
        if (run.has_outcome(description.outcome)) {
            text += "- **" + description.title + "** (`" + description.outcome + "`, " +
                    description.unit + "): " + description.meaning + "\n";
            any = true;
        }
    }
    for (const std::string& outcome : run.outcomes) {
        if (const auto description = programme_outcome(outcome)) {
            text += "- **" + markdown_text(description->title) + "** (`" + outcome + "`, " +
                    description->unit + "): " + description->meaning + "\n";
            any = true;
        }
    }
    if (!any) {
        text += "The run has none of the outcomes this notebook charts.\n";
    }
    text += "\n`summary.csv` holds " + std::to_string(run.outcomes.size()) +
            " outcomes in all; the project's README describes every one.\n";
    return text;
}

std::string headline_markdown(const RunFiles& run) {
    std::string text = "## Headline results\n\n";
    if (!run.has_outcome(kHeadlineOutcome)) {
        text += "`" + std::string(kHeadlineOutcome) +
                "` is not in `summary.csv`, so there are no headline figures.\n";
        return text;
    }
    const std::vector<MonthWindow> windows = headline_windows(run.horizon_months);
    const bool only = windows.size() == 1;
    text += "Recorded violence against the person";
    text += only ? " over the horizon" : " per year";
    text += run.has_timeseries
                ? ": the mean across replicates, and in brackets the 90% interval (5th to 95th "
                  "percentile of the replicates' totals).\n\n"
                : ": the mean across replicates. `timeseries.csv` is not in the folder (a "
                  "`--summary-only` run), so these are sums of `summary.csv`'s monthly means and "
                  "there are no intervals.\n\n";
    text += "| Scenario |";
    for (const MonthWindow& window : windows) {
        text.append(" ").append(window_heading(run, window, only)).append(" |");
    }
    text += only ? "\n|---|---|\n" : " Change |\n|---|---|---|---|\n";
    for (std::size_t scenario = 0; scenario < run.scenarios.size(); ++scenario) {
        text.append("| ").append(markdown_text(run.scenarios[scenario])).append(" |");
        std::vector<WindowTotal> totals;
        for (const MonthWindow& window : windows) {
            totals.push_back(headline_total(run, scenario, window));
            text.append(" ").append(total_cell(totals.back())).append(" |");
        }
        if (!only) {
            const bool comparable =
                totals[0].available && totals[1].available && totals[0].mean != 0.0;
            text.append(" ")
                .append(comparable ? format_change(totals[1].mean / totals[0].mean - 1.0)
                                   : std::string("not available"))
                .append(" |");
        }
        text += "\n";
    }
    if (!only) {
        text += "\nChange is from the first 12 months' mean to the last 12 months' mean.\n";
    }
    return text;
}

std::string comparison_markdown(const RunFiles& run) {
    if (!run.has_comparison) {
        return {};
    }
    std::string text = "## Comparisons\n\n";
    text +=
        "From `comparison.csv`: each alternative against the base, measured in the same "
        "replicate (paired), over the horizon. Money is in real terms, discounted to present "
        "values; the 90% interval runs from the 5th to the 95th percentile across "
        "replicates.\n";
    const auto pairs = compared_pairs(run);
    if (pairs.empty()) {
        return text + "\n`comparison.csv` has no rows.\n";
    }
    for (const auto& [base, alternative] : pairs) {
        text += "\n### " + markdown_text(alternative) + " against " + markdown_text(base) + "\n\n";
        text += "| Measure | Mean | 90% interval |\n|---|---|---|\n";
        for (const MeasureFormat& format : kHeadlineMeasures) {
            if (const ComparisonRow* row =
                    find_comparison(run, base, alternative, format.measure)) {
                text += "| " + std::string(format.label) + " | " + format.format(row->mean) +
                        " | " + format.format(row->p05) + " to " + format.format(row->p95) + " |\n";
            }
        }
        const ComparisonRow* npv = find_comparison(run, base, alternative, "net_present_value_gbp");
        text += "\nProbability that " + markdown_text(alternative) +
                " at least breaks even (a net present value of £0 or more) against " +
                markdown_text(base) + ": ";
        text += npv != nullptr && std::isfinite(npv->probability_better)
                    ? "**" + format_percent(npv->probability_better) + "** of replicates.\n"
                    : "not available (`comparison.csv` has no net_present_value_gbp "
                      "probability).\n";
    }
    return text;
}

std::string charts_markdown(const RunFiles& run) {
    if (run.charts.empty()) {
        return {};
    }
    std::string text =
        "## Charts drawn by vrsim\n\nThe run's own chart files, in `charts/` beside this "
        "notebook; the code below redraws the main ones so they can be restyled.\n\n";
    for (const std::string& chart : run.charts) {
        text += "- [" + markdown_text(chart) + "](" + link_target(chart) + ")\n";
    }
    return text;
}

}  // namespace vrsim::notebooks
