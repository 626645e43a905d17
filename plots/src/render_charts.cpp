// Which charts a run folder gets, from what its files hold.
#include <algorithm>
#include <limits>
#include <set>

#include "chart_builders.hpp"
#include "renderer.hpp"
#include "vrsim/plots/charts.hpp"
#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots {

namespace {

namespace fs = std::filesystem;
using detail::ChartContext;
using detail::ChartSpec;

bool is_programme_outcome(std::string_view outcome) {
    return outcome.starts_with("programme.");
}

bool is_programme_panel(std::string_view outcome) {
    return is_programme_outcome(outcome) &&
           (outcome.ends_with(".caseload") || outcome.ends_with(".waiting_list"));
}

// "Scenarios: A, B | 100 replicates | seed 1 | vrsim 0.1.0"
std::string footer_text(const RunManifest& manifest, const std::vector<std::string>& scenarios) {
    std::string footer = scenarios.size() == 1 ? "Scenario: " : "Scenarios: ";
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        footer.append(i == 0 ? "" : ", ").append(scenarios[i]);
    }
    footer.append(" | ")
        .append(std::to_string(manifest.replicates))
        .append(manifest.replicates == 1 ? " replicate" : " replicates")
        .append(" | seed ")
        .append(std::to_string(manifest.seed))
        .append(" | vrsim ")
        .append(manifest.version);
    return footer;
}

std::string place_names(const RunManifest& manifest) {
    std::vector<std::string> places;
    for (const std::string& place : manifest.places) {
        if (!place.empty() && std::find(places.begin(), places.end(), place) == places.end()) {
            places.push_back(place);
        }
    }
    std::string text;
    for (std::size_t i = 0; i < places.size(); ++i) {
        text.append(i == 0 ? "" : " / ").append(places[i]);
    }
    return text;
}

model::YearMonth first_month(const Summary& summary) {
    model::YearMonth first{std::numeric_limits<int>::max()};
    for (const auto& [key, points] : summary.series) {
        if (!points.empty()) {
            first = std::min(first, points.front().month);
        }
    }
    return first;
}

void check_listed_outcomes(const std::vector<std::string>& listed, const Summary& summary,
                           const fs::path& summary_file) {
    for (const std::string& outcome : listed) {
        if (std::find(summary.outcomes.begin(), summary.outcomes.end(), outcome) ==
            summary.outcomes.end()) {
            std::string known;
            for (std::size_t i = 0; i < summary.outcomes.size(); ++i) {
                known.append(i == 0 ? "" : ", ").append(summary.outcomes[i]);
            }
            throw InputError("--outcomes: \"" + outcome + "\" is not an outcome of " +
                             summary_file.string() + "; it has " + known);
        }
    }
}

}  // namespace

ChartReport render_charts(const fs::path& folder, const ChartOptions& options) {
    if (!fs::is_directory(folder)) {
        throw InputError(folder.string() +
                         ": no such folder; expected a run folder written by vrsim run");
    }
    const fs::path summary_file = folder / kSummaryFile;
    if (!fs::is_regular_file(summary_file)) {
        throw InputError(summary_file.string() +
                         ": missing; expected a run folder written by vrsim run");
    }
    const RunManifest manifest = read_manifest(folder / kManifestFile);

    // Which outcomes to read: what was listed (plus its programmes' panels), or
    // everything but the programmes' other measures.
    const std::vector<std::string>& listed = options.outcomes;
    std::set<std::string> listed_programmes;
    for (const std::string& outcome : listed) {
        if (is_programme_outcome(outcome)) {
            const std::vector<std::string> ids =
                programme_ids({outcome.substr(0, outcome.rfind('.')) + ".caseload"});
            listed_programmes.insert(ids.begin(), ids.end());
        }
    }
    const auto wanted_programme = [&](std::string_view outcome) {
        if (!is_programme_panel(outcome)) {
            return false;
        }
        if (listed.empty()) {
            return true;
        }
        const std::vector<std::string> ids = programme_ids({std::string(outcome)});
        return !ids.empty() && listed_programmes.count(ids.front()) > 0;
    };
    const auto wanted_fan = [&](std::string_view outcome) {
        return listed.empty() ? !is_programme_outcome(outcome)
                              : std::find(listed.begin(), listed.end(), outcome) != listed.end();
    };
    const Summary summary = read_summary_csv(summary_file, [&](std::string_view outcome) {
        return wanted_fan(outcome) || wanted_programme(outcome);
    });
    if (summary.scenarios.empty()) {
        throw InputError(summary_file.string() + ": no rows after the header");
    }
    check_listed_outcomes(listed, summary, summary_file);

    ChartContext context;
    context.scenarios = summary.scenarios;
    context.place = place_names(manifest);
    context.replicates = manifest.replicates;
    // Month ticks fall on the run's start month and whole steps from it.
    context.anchor = manifest.start_month.value_or(first_month(summary));

    ChartReport report;
    report.folder = folder / "charts";
    std::vector<std::string> fan_outcomes;
    for (const std::string& outcome : summary.outcomes) {
        if (wanted_fan(outcome)) {
            fan_outcomes.push_back(outcome);
        }
    }

    std::map<std::string, ObservedSeries> observed;
    if (!options.observed.empty()) {
        if (!fs::is_regular_file(options.observed)) {
            throw InputError(options.observed.string() + ": no such file (--observed)");
        }
        observed = observed_for_place(read_observed_csv(options.observed), context.place);
        const bool any = std::any_of(fan_outcomes.begin(), fan_outcomes.end(),
                                     [&](const std::string& o) { return observed.count(o) > 0; });
        if (!any) {
            report.notes.push_back(options.observed.string() +
                                   ": none of its outcomes is charted, so no observed points");
        }
    }

    std::vector<ChartSpec> charts;
    for (const std::string& outcome : fan_outcomes) {
        const auto found = observed.find(outcome);
        if (auto chart = detail::fan_chart(context, summary, outcome,
                                           found == observed.end() ? nullptr : &found->second)) {
            charts.push_back(std::move(*chart));
        }
    }

    if (context.scenarios.size() >= 2) {
        const fs::path timeseries_file = folder / kTimeseriesFile;
        if (fs::is_regular_file(timeseries_file)) {
            const std::set<std::string> fan_set(fan_outcomes.begin(), fan_outcomes.end());
            const Timeseries timeseries = read_timeseries_csv(
                timeseries_file,
                [&](std::string_view outcome) { return fan_set.count(std::string(outcome)) > 0; });
            for (const std::string& outcome : fan_outcomes) {
                if (auto chart = detail::difference_chart(context, timeseries, outcome)) {
                    charts.push_back(std::move(*chart));
                }
            }
        } else {
            report.notes.push_back(
                "no timeseries.csv (a --summary-only run): difference-from-base charts need "
                "each replicate's values and were not drawn");
        }
    }

    for (const std::string& id : programme_ids(summary.outcomes)) {
        if (listed.empty() || listed_programmes.count(id) > 0) {
            if (auto chart = detail::programme_chart(context, summary, id)) {
                charts.push_back(std::move(*chart));
            }
        }
    }

    const fs::path comparison_file = folder / kComparisonFile;
    if (fs::is_regular_file(comparison_file)) {
        if (auto chart =
                detail::cost_benefit_chart(context, read_comparison_csv(comparison_file))) {
            charts.push_back(std::move(*chart));
        } else {
            report.notes.push_back(comparison_file.string() +
                                   ": no present-value measures, so no cost-benefit chart");
        }
    }
    const fs::path replicates_file = folder / kComparisonReplicatesFile;
    if (fs::is_regular_file(replicates_file)) {
        if (auto chart = detail::cost_effectiveness_chart(
                context, read_comparison_replicates_csv(replicates_file))) {
            charts.push_back(std::move(*chart));
        } else {
            report.notes.push_back(replicates_file.string() +
                                   ": no replicate with both offences_averted and "
                                   "programme_spend_gbp, so no cost-effectiveness plane");
        }
    }

    // Two names that differ only in unsafe characters must not overwrite each other.
    std::set<std::string> names;
    for (ChartSpec& chart : charts) {
        const std::string stem = chart.name;
        for (int copy = 2; !names.insert(chart.name).second; ++copy) {
            chart.name = stem + "_" + std::to_string(copy);
        }
    }

    report.files = detail::render(charts, report.folder, footer_text(manifest, context.scenarios),
                                  options.gnuplot, report.notes);
    for (const ChartSpec& chart : charts) {
        report.charts.push_back(chart.name);
    }
    return report;
}

}  // namespace vrsim::plots
