// Difference from base: per alternative, the replicate-by-replicate difference
// (alternative minus base) summarised per month as a median line with 50% and
// 90% bands, around a dashed zero line.
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "chart_builders.hpp"
#include "vrsim/plots/differences.hpp"
#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots::detail {

std::optional<ChartSpec> difference_chart(const ChartContext& context, const Timeseries& timeseries,
                                          const std::string& outcome) {
    if (context.scenarios.size() < 2) {
        return std::nullopt;
    }
    const std::string& base = context.scenarios.front();
    const std::vector<ReplicateValue>* base_values = timeseries.find(base, outcome);
    if (base_values == nullptr) {
        return std::nullopt;
    }
    ChartSpec chart;
    chart.name = "difference_" + file_stem(outcome);
    model::YearMonth first{std::numeric_limits<int>::max()};
    model::YearMonth last{std::numeric_limits<int>::min()};
    double smallest = std::numeric_limits<double>::infinity();
    double largest = -std::numeric_limits<double>::infinity();
    std::vector<std::string> layers;
    std::size_t most_pairs = 0;
    for (std::size_t s = 1; s < context.scenarios.size(); ++s) {
        const std::string& alternative = context.scenarios[s];
        const std::vector<ReplicateValue>* values = timeseries.find(alternative, outcome);
        if (values == nullptr) {
            continue;
        }
        std::vector<DifferenceBand> bands;
        try {
            bands = paired_difference_bands(*base_values, *values);
        } catch (const std::invalid_argument& error) {
            throw InputError("timeseries.csv: outcome " + outcome + " of \"" + base + "\" or \"" +
                             alternative + "\": " + error.what() +
                             "; expected one value per replicate and month");
        }
        if (bands.empty()) {
            continue;
        }
        std::string data;
        for (const DifferenceBand& band : bands) {
            append_band_row(data, band.month.index, band.quantiles);
            first = std::min(first, band.month);
            last = std::max(last, band.month);
            smallest = std::min(smallest, band.quantiles.p05);
            largest = std::max(largest, band.quantiles.p95);
            most_pairs = std::max(most_pairs, band.pairs);
        }
        const std::string file = chart.name + ".s" + std::to_string(s) + ".dat";
        chart.data_files.emplace_back(file, std::move(data));
        layers.push_back(fan_layers(file, context.colour(alternative), alternative));
    }
    if (layers.empty()) {
        return std::nullopt;
    }
    const OutcomeDescription description = describe_outcome(outcome);
    std::string& script = chart.script;
    script.append(title_command(context.where(description.title + ": difference from " + base),
                                "Paired by replicate: median, 50% and 90% of " +
                                    std::to_string(most_pairs) + " differences"));
    script.append("set ylabel ")
        .append(gnuplot_string(description.unit + ", difference from base"))
        .append("\n");
    script.append(month_axis_commands(context, first, last));
    script.append(zero_based_yrange(smallest, largest));
    script.append("set xzeroaxis lt 1 lw 1 dt 2 lc rgb '")
        .append(kReferenceLineColour)
        .append("'\nplot ");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        script.append(i == 0 ? "" : ", \\\n  ").append(layers[i]);
    }
    script.append("\n");
    return chart;
}

}  // namespace vrsim::plots::detail
