// Cost-benefit summary: per alternative, bars of the mean present value of
// costs, of benefits and of the net present value (alternative against base),
// with whiskers from the 5th to the 95th percentile over replicates, and the
// probability that the alternative at least breaks even (NPV >= 0).
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "chart_builders.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots::detail {

namespace {

struct Measure {
    std::string_view name;
    std::string_view title;
    std::string_view colour;
};

constexpr std::array<Measure, 3> kMeasures = {{
    {"present_value_costs_gbp", "Costs", kCostColour},
    {"present_value_benefits_gbp", "Benefits", kBenefitColour},
    {"net_present_value_gbp", "Net present value", kNetValueColour},
}};

constexpr double kBarWidth = 0.26;

}  // namespace

std::optional<ChartSpec> cost_benefit_chart(const ChartContext& context,
                                            const std::vector<ComparisonRow>& rows) {
    std::vector<std::string> alternatives;
    std::string base;
    std::map<std::pair<std::string, std::string_view>, const ComparisonRow*> found;
    double largest = 0.0;
    for (const ComparisonRow& row : rows) {
        for (const Measure& measure : kMeasures) {
            if (row.measure != measure.name) {
                continue;
            }
            if (std::find(alternatives.begin(), alternatives.end(), row.alternative) ==
                alternatives.end()) {
                alternatives.push_back(row.alternative);
            }
            base = row.base;
            found[{row.alternative, measure.name}] = &row;
            for (double value : {row.mean, row.p05, row.p95}) {
                if (std::isfinite(value)) {
                    largest = std::max(largest, std::fabs(value));
                }
            }
        }
    }
    if (alternatives.empty()) {
        return std::nullopt;
    }
    const MoneyScale scale = money_scale(largest);
    ChartSpec chart;
    chart.name = "cost_benefit";
    std::string layers;
    for (std::size_t m = 0; m < kMeasures.size(); ++m) {
        const Measure& measure = kMeasures[m];
        std::string data;
        const double offset = (static_cast<double>(m) - 1.0) * (kBarWidth + 0.02);
        for (std::size_t a = 0; a < alternatives.size(); ++a) {
            const auto row = found.find({alternatives[a], measure.name});
            if (row == found.end()) {
                continue;
            }
            data.append(gnuplot_number(static_cast<double>(a) + offset));
            for (double value : {row->second->mean, row->second->p05, row->second->p95}) {
                data.append(" ").append(gnuplot_number(value / scale.divisor));
            }
            data.append("\n");
        }
        if (data.empty()) {
            continue;
        }
        const std::string file = "cost_benefit." + std::string(measure.name) + ".dat";
        chart.data_files.emplace_back(file, std::move(data));
        layers.append(layers.empty() ? "" : ", \\\n  ")
            .append(gnuplot_string(file))
            .append(" using 1:2 with boxes fc rgb '")
            .append(measure.colour)
            .append("' title ")
            .append(gnuplot_string(std::string(measure.title)));
        // Whiskers as line segments: gnuplot's errorbars leave a gap at the mean.
        const std::string whisker = " with vectors nohead lw 1.5 lc rgb '" +
                                    std::string(kReferenceLineColour) + "' notitle";
        layers.append(", \\\n  '' using 1:3:(0):($4-$3)")
            .append(whisker)
            .append(", \\\n  '' using ($1-0.05):3:(0.1):(0)")
            .append(whisker)
            .append(", \\\n  '' using ($1-0.05):4:(0.1):(0)")
            .append(whisker);
    }
    std::string& script = chart.script;
    script.append(title_command(context.where("Costs and benefits against " + base),
                                "Present values, mean of " + std::to_string(context.replicates) +
                                    " replicates; whiskers: 5th to 95th percentile"));
    script.append("set ylabel ")
        .append(gnuplot_string("present value, " + scale.unit + ", alternative minus base"))
        .append("\n");
    script.append("set boxwidth ").append(gnuplot_number(kBarWidth)).append(" absolute\n");
    script.append("set style fill solid 0.85 noborder\n");
    script.append("set xrange [-0.6:")
        .append(gnuplot_number(static_cast<double>(alternatives.size()) - 0.4))
        .append("]\nunset xtics\nunset xlabel\n");
    // Each alternative's name, and under it the probability of breaking even, as
    // labels: gnuplot cuts tic labels at 50 characters.
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        const std::string x = std::to_string(a);
        script.append("set label ")
            .append(gnuplot_string(alternatives[a]))
            .append(" at first ")
            .append(x)
            .append(", graph -0.05 center\n");
        const auto npv = found.find({alternatives[a], "net_present_value_gbp"});
        if (npv != found.end() && std::isfinite(npv->second->probability_better)) {
            char percent[64];
            std::snprintf(percent, sizeof percent, "probability of breaking even: %.0f%%",
                          100.0 * npv->second->probability_better);
            script.append("set label ")
                .append(gnuplot_string(percent))
                .append(" at first ")
                .append(x)
                .append(", graph -0.12 center font ',10'\n");
        }
    }
    script.append("set bmargin 7\n");
    script.append("set xzeroaxis lt 1 lw 1 lc rgb '").append(kReferenceLineColour).append("'\n");
    script.append("plot ").append(layers).append("\n");
    return chart;
}

}  // namespace vrsim::plots::detail
