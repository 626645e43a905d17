// Fan chart: per scenario the median of the replicates as a line, with the 50%
// (p25-p75) and 90% (p05-p95) intervals shaded, and observed history as points.
#include <algorithm>
#include <limits>

#include "chart_builders.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots::detail {

std::string file_stem(std::string_view text) {
    std::string stem(text);
    for (char& c : stem) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!safe) {
            c = '_';
        }
    }
    return stem;
}

std::optional<ChartSpec> fan_chart(const ChartContext& context, const Summary& summary,
                                   const std::string& outcome, const ObservedSeries* observed) {
    ChartSpec chart;
    chart.name = "fan_" + file_stem(outcome);
    model::YearMonth first{std::numeric_limits<int>::max()};
    model::YearMonth last{std::numeric_limits<int>::min()};
    double smallest = std::numeric_limits<double>::infinity();
    double largest = -std::numeric_limits<double>::infinity();
    const auto extend = [&](model::YearMonth month, double low, double high) {
        first = std::min(first, month);
        last = std::max(last, month);
        smallest = std::min(smallest, low);
        largest = std::max(largest, high);
    };
    std::vector<std::string> layers;
    for (std::size_t s = 0; s < context.scenarios.size(); ++s) {
        const std::string& scenario = context.scenarios[s];
        const std::vector<SummaryPoint>* points = summary.find(scenario, outcome);
        if (points == nullptr || points->empty()) {
            continue;
        }
        std::string data;
        for (const SummaryPoint& point : *points) {
            append_band_row(data, point.month.index, point.quantiles);
            extend(point.month, point.quantiles.p05, point.quantiles.p95);
        }
        const std::string file = chart.name + ".s" + std::to_string(s) + ".dat";
        chart.data_files.emplace_back(file, std::move(data));
        layers.push_back(fan_layers(file, context.colour(scenario), scenario));
    }
    if (layers.empty()) {
        return std::nullopt;
    }
    if (observed != nullptr && !observed->points.empty()) {
        std::string data;
        for (const auto& [month, value] : observed->points) {
            data.append(std::to_string(month.index)).append(" ").append(gnuplot_number(value));
            data.append("\n");
            extend(month, value, value);
        }
        const std::string file = chart.name + ".observed.dat";
        chart.data_files.emplace_back(file, std::move(data));
        layers.push_back(
            gnuplot_string(file) + " using 1:2 with points pt 7 ps 1.1 lc rgb '" +
            std::string(kObservedColour) + "' title " +
            gnuplot_string(observed->summed_over_areas ? "Observed (sum of areas)" : "Observed"));
    }
    const OutcomeDescription description = describe_outcome(outcome);
    std::string& script = chart.script;
    script.append(title_command(
        context.where(description.title),
        "Median, 50% and 90% of " + std::to_string(context.replicates) + " replicates"));
    script.append("set ylabel ").append(gnuplot_string(description.unit)).append("\n");
    script.append(month_axis_commands(context, first, last));
    script.append(zero_based_yrange(smallest, largest));
    script.append("plot ");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        script.append(i == 0 ? "" : ", \\\n  ").append(layers[i]);
    }
    script.append("\n");
    return chart;
}

}  // namespace vrsim::plots::detail
