// Programme chart: two stacked panels, the programme's caseload and its waiting
// list, each with every scenario's median and 50% and 90% bands.
#include <algorithm>
#include <limits>

#include "chart_builders.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/labels.hpp"

namespace vrsim::plots::detail {

namespace {

struct Panel {
    std::string title;
    std::string unit;
    std::vector<std::string> layers;
    double smallest = std::numeric_limits<double>::infinity();
    double largest = -std::numeric_limits<double>::infinity();
};

}  // namespace

std::optional<ChartSpec> programme_chart(const ChartContext& context, const Summary& summary,
                                         const std::string& programme_id) {
    ChartSpec chart;
    chart.name = "programme_" + file_stem(programme_id);
    chart.shape = ChartShape::tall;
    model::YearMonth first{std::numeric_limits<int>::max()};
    model::YearMonth last{std::numeric_limits<int>::min()};
    std::vector<Panel> panels;
    for (const char* measure : {"caseload", "waiting_list"}) {
        const std::string outcome = "programme." + programme_id + "." + measure;
        Panel panel;
        const OutcomeDescription description = describe_outcome(outcome);
        // The chart's title names the programme; the panel names the measure.
        panel.title = description.title.substr(description.title.find(": ") + 2);
        if (panel.title[0] >= 'a' && panel.title[0] <= 'z') {
            panel.title[0] = static_cast<char>(panel.title[0] - 'a' + 'A');
        }
        panel.unit = description.unit;
        for (std::size_t s = 0; s < context.scenarios.size(); ++s) {
            const std::string& scenario = context.scenarios[s];
            const std::vector<SummaryPoint>* points = summary.find(scenario, outcome);
            if (points == nullptr || points->empty()) {
                continue;
            }
            std::string data;
            for (const SummaryPoint& point : *points) {
                append_band_row(data, point.month.index, point.quantiles);
                first = std::min(first, point.month);
                last = std::max(last, point.month);
                panel.smallest = std::min(panel.smallest, point.quantiles.p05);
                panel.largest = std::max(panel.largest, point.quantiles.p95);
            }
            const std::string file = chart.name + "." + measure + ".s" + std::to_string(s) + ".dat";
            chart.data_files.emplace_back(file, std::move(data));
            // Only the first panel's key names the scenarios; the colours match.
            panel.layers.push_back(
                fan_layers(file, context.colour(scenario), panels.empty() ? scenario : ""));
        }
        if (!panel.layers.empty()) {
            panels.push_back(std::move(panel));
        }
    }
    if (panels.empty()) {
        return std::nullopt;
    }
    std::string& script = chart.script;
    script.append("set multiplot title ")
        .append(gnuplot_string(
            context.where("Programme " + programme_id + ": caseload and waiting list")))
        .append(" font ',14'\n");
    // Panels placed by hand: room on the right for the key, at the bottom for
    // the footer, at the top for the title.
    const double top = 0.88;
    const double bottom = 0.12;
    const double gap = 0.10;
    const double height = (top - bottom - gap * static_cast<double>(panels.size() - 1)) /
                          static_cast<double>(panels.size());
    for (std::size_t p = 0; p < panels.size(); ++p) {
        const Panel& panel = panels[p];
        const double panel_top = top - static_cast<double>(p) * (height + gap);
        script.append("set lmargin at screen 0.10\nset rmargin at screen 0.78\n");
        script.append("set tmargin at screen ")
            .append(gnuplot_number(panel_top))
            .append("\nset bmargin at screen ")
            .append(gnuplot_number(panel_top - height))
            .append("\n");
        script.append("set title ")
            .append(gnuplot_string(panel.title + ": median, 50% and 90% of " +
                                   std::to_string(context.replicates) + " replicates"))
            .append(" font ',12'\n");
        script.append("set ylabel ").append(gnuplot_string(panel.unit)).append("\n");
        script.append(month_axis_commands(context, first, last));
        if (p + 1 < panels.size()) {
            script.append("unset xlabel\n");  // the panels share their months
        }
        script.append(zero_based_yrange(panel.smallest, panel.largest));
        script.append("plot ");
        for (std::size_t i = 0; i < panel.layers.size(); ++i) {
            script.append(i == 0 ? "" : ", \\\n  ").append(panel.layers[i]);
        }
        // The footer label is drawn once, with the first panel.
        script.append("\nunset label 1\n");
    }
    script.append("unset multiplot\n");
    return chart;
}

}  // namespace vrsim::plots::detail
