// Cost-effectiveness plane: one point per replicate and alternative, offences
// averted (x) against the difference in programme spend (y), both alternative
// against base; the axes through zero split it into its four quadrants.
#include <algorithm>
#include <cmath>
#include <map>

#include "chart_builders.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots::detail {

namespace {

constexpr std::string_view kEffect = "offences_averted";
constexpr std::string_view kCost = "programme_spend_gbp";

// [low, high] widened by 12% each side (room for the quadrant names) and made
// to include 0.
std::string range_with_zero(double low, double high) {
    low = std::min(low, 0.0);
    high = std::max(high, 0.0);
    const double pad = high > low ? 0.12 * (high - low) : 1.0;
    std::string range = "[";
    return range.append(gnuplot_number(low - pad))
        .append(":")
        .append(gnuplot_number(high + pad))
        .append("]");
}

}  // namespace

std::optional<ChartSpec> cost_effectiveness_chart(const ChartContext& context,
                                                  const std::vector<ComparisonReplicateRow>& rows) {
    // (alternative, replicate) -> (effect, cost)
    std::map<std::pair<std::string, std::uint32_t>, std::pair<double, double>> points;
    std::map<std::pair<std::string, std::uint32_t>, int> seen;  // bit 1: effect, bit 2: cost
    std::vector<std::string> alternatives;
    std::string base;
    for (const ComparisonReplicateRow& row : rows) {
        const bool effect = row.measure == kEffect;
        if (!effect && row.measure != kCost) {
            continue;
        }
        if (std::find(alternatives.begin(), alternatives.end(), row.alternative) ==
            alternatives.end()) {
            alternatives.push_back(row.alternative);
        }
        base = row.base;
        auto& point = points[{row.alternative, row.replicate}];
        (effect ? point.first : point.second) = row.value;
        seen[{row.alternative, row.replicate}] |= effect ? 1 : 2;
    }
    double largest_cost = 0.0;
    double x_low = 0.0;
    double x_high = 0.0;
    double y_low = 0.0;
    double y_high = 0.0;
    for (const auto& [key, point] : points) {
        if (seen[key] == 3 && std::isfinite(point.first) && std::isfinite(point.second)) {
            largest_cost = std::max(largest_cost, std::fabs(point.second));
        }
    }
    const MoneyScale scale = money_scale(largest_cost);
    ChartSpec chart;
    chart.name = "cost_effectiveness_plane";
    std::string layers;
    std::size_t drawn = 0;
    for (const std::string& alternative : alternatives) {
        std::string data;
        for (const auto& [key, point] : points) {
            if (key.first != alternative || seen[key] != 3 || !std::isfinite(point.first) ||
                !std::isfinite(point.second)) {
                continue;
            }
            const double cost = point.second / scale.divisor;
            data.append(gnuplot_number(point.first)).append(" ").append(gnuplot_number(cost));
            data.append("\n");
            x_low = std::min(x_low, point.first);
            x_high = std::max(x_high, point.first);
            y_low = std::min(y_low, cost);
            y_high = std::max(y_high, cost);
            ++drawn;
        }
        if (data.empty()) {
            continue;
        }
        const std::string file =
            "cost_effectiveness_plane.a" + std::to_string(chart.data_files.size()) + ".dat";
        chart.data_files.emplace_back(file, std::move(data));
        layers.append(layers.empty() ? "" : ", \\\n  ")
            .append(gnuplot_string(file))
            .append(" using 1:2 with points pt 7 ps 1.2 lc rgb '")
            .append(context.colour(alternative))
            .append("' title ")
            .append(gnuplot_string(alternative));
    }
    if (layers.empty()) {
        return std::nullopt;
    }
    std::string& script = chart.script;
    script.append(title_command(context.where("Cost-effectiveness plane against " + base),
                                "One point per replicate (" + std::to_string(drawn) +
                                    " in all), alternative minus base over the horizon"));
    script.append("set xlabel 'offences averted (count over the horizon)'\n");
    script.append("set ylabel ")
        .append(gnuplot_string("difference in programme spend, " + scale.unit))
        .append("\n");
    script.append("set xrange ").append(range_with_zero(x_low, x_high)).append("\n");
    script.append("set yrange ").append(range_with_zero(y_low, y_high)).append("\n");
    script.append("set grid xtics ytics\n");
    const std::string axis = "lt 1 lw 1.5 lc rgb '" + std::string(kReferenceLineColour) + "'";
    script.append("set xzeroaxis ").append(axis).append("\nset yzeroaxis ").append(axis);
    script.append("\n");
    // Quadrant names behind the points, so they never hide one.
    const std::string label_style = " back font ',9' tc rgb '" + std::string(kFooterColour) + "'\n";
    script.append("set label 11 'averts offences, costs more' at graph 0.98, graph 0.96 right")
        .append(label_style);
    script.append("set label 12 'averts offences, costs less' at graph 0.98, graph 0.04 right")
        .append(label_style);
    script.append("set label 13 'more offences, costs more' at graph 0.02, graph 0.96 left")
        .append(label_style);
    script.append("set label 14 'more offences, costs less' at graph 0.02, graph 0.04 left")
        .append(label_style);
    script.append("plot ").append(layers).append("\n");
    return chart;
}

}  // namespace vrsim::plots::detail
