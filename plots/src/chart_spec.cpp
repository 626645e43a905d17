#include "chart_spec.hpp"

#include <algorithm>

#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/month_axis.hpp"

namespace vrsim::plots::detail {

std::string_view ChartContext::colour(const std::string& scenario) const {
    const auto found = std::find(scenarios.begin(), scenarios.end(), scenario);
    return scenario_colour(static_cast<std::size_t>(found - scenarios.begin()));
}

std::string ChartContext::where(const std::string& title) const {
    return place.empty() ? title : title + ", " + place;
}

std::string title_command(const std::string& title, const std::string& subtitle) {
    std::string command = "set title ";
    command.append(gnuplot_string(title));
    if (!subtitle.empty()) {
        command.append(".\"\\n\".").append(gnuplot_string(subtitle));
    }
    return command.append("\n");
}

std::string month_axis_commands(const ChartContext& context, model::YearMonth first,
                                model::YearMonth last) {
    // Half a month either side, so a one-month series still has a range.
    std::string commands = "set xrange [";
    commands.append(std::to_string(first.index))
        .append("-0.5:")
        .append(std::to_string(last.index))
        .append("+0.5]\nset xtics (");
    const std::vector<MonthTick> ticks = month_ticks(first, last, context.anchor);
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        commands.append(i == 0 ? "" : ", ")
            .append(gnuplot_tic_label(ticks[i].label))
            .append(" ")
            .append(std::to_string(ticks[i].month.index));
    }
    return commands.append(")\nset xlabel 'Month'\n");
}

std::string zero_based_yrange(double smallest, double largest) {
    if (smallest >= 0.0 && largest > 0.0) {
        return "set yrange [0:*]\n";
    }
    if (largest <= 0.0 && smallest < 0.0) {
        return "set yrange [*:0]\n";
    }
    if (smallest == 0.0 && largest == 0.0) {
        return "set yrange [-1:1]\n";  // all zero: gnuplot cannot autoscale an empty range
    }
    return "set yrange [*:*]\n";
}

void append_band_row(std::string& data, int x, const Quantiles& quantiles) {
    data.append(std::to_string(x));
    for (double value :
         {quantiles.p05, quantiles.p25, quantiles.p50, quantiles.p75, quantiles.p95}) {
        data.append(" ").append(gnuplot_number(value));
    }
    data.append("\n");
}

std::string fan_layers(const std::string& data_file, std::string_view colour,
                       const std::string& title) {
    const std::string rgb = "lc rgb '" + std::string(colour) + "'";
    const std::string fill = "fc rgb '" + std::string(colour) + "'";
    char outer[32];
    char inner[32];
    std::snprintf(outer, sizeof outer, "%.2f", kOuterBandOpacity);
    std::snprintf(inner, sizeof inner, "%.2f", kInnerBandOpacity);
    std::string layers = gnuplot_string(data_file);
    layers.append(" using 1:2:6 with filledcurves ")
        .append(fill)
        .append(" fs transparent solid ")
        .append(outer)
        .append(" noborder notitle, \\\n  '' using 1:3:5 with filledcurves ")
        .append(fill)
        .append(" fs transparent solid ")
        .append(inner)
        .append(" noborder notitle, \\\n  '' using 1:4 with lines ")
        .append(rgb)
        .append(" lw 2 title ")
        .append(gnuplot_string(title));
    return layers;
}

}  // namespace vrsim::plots::detail
