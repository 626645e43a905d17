#include "vrsim/notebooks/notebook.hpp"

#include <string_view>
#include <vector>

#include "outcome_descriptions.hpp"
#include "python_cells.hpp"
#include "vrsim/notebooks/narrative.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::notebooks {

using nlohmann::json;

namespace {

// nbformat keeps a cell's source as lines, each but the last ending in "\n".
json source_lines(std::string_view text) {
    while (!text.empty() && text.back() == '\n') {
        text.remove_suffix(1);
    }
    json lines = json::array();
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(std::string(text.substr(start)));
            break;
        }
        lines.push_back(std::string(text.substr(start, end - start + 1)));
        start = end + 1;
    }
    return lines;
}

// Cell ids (nbformat 4.5) are fixed names, so the same run gives the same file.
json markdown_cell(std::string_view id, std::string_view text) {
    return {{"cell_type", "markdown"},
            {"id", id},
            {"metadata", json::object()},
            {"source", source_lines(text)}};
}

json code_cell(std::string_view id, std::string_view code) {
    return {
        {"cell_type", "code"},        {"execution_count", nullptr}, {"id", id},
        {"metadata", json::object()}, {"outputs", json::array()},   {"source", source_lines(code)}};
}

json metadata() {
    return {
        {"kernelspec",
         {{"display_name", "Python 3 (ipykernel)"}, {"language", "python"}, {"name", "python3"}}},
        {"language_info", {{"name", "python"}, {"pygments_lexer", "ipython3"}}},
        {"vrsim", {{"generator", "vrsim notebook"}, {"version", VRSIM_VERSION}}}};
}

void add_markdown(json& cells, std::string_view id, const std::string& text) {
    if (!text.empty()) {
        cells.push_back(markdown_cell(id, text));
    }
}

}  // namespace

json build_notebook(const RunFiles& run) {
    json cells = json::array();
    add_markdown(cells, "title", title_markdown(run));
    add_markdown(cells, "outcomes", outcomes_markdown(run));
    add_markdown(cells, "headline", headline_markdown(run));
    add_markdown(cells, "comparisons", comparison_markdown(run));
    add_markdown(cells, "vrsim-charts", charts_markdown(run));

    cells.push_back(markdown_cell(
        "code-intro",
        "## Charts\n\nThe cells below load the run's files and draw its charts. Change "
        "colours, sizes, titles and axis labels in the style cell that follows; every chart "
        "takes them from there."));
    cells.push_back(code_cell("style", style_cell()));
    cells.push_back(code_cell("helpers", helpers_cell()));
    cells.push_back(code_cell(
        "load", load_cell(run.has_timeseries, run.has_comparison, run.has_comparison_replicates)));

    cells.push_back(markdown_cell(
        "fan-charts-intro",
        "### Main outcomes by scenario\n\nFan charts from `summary.csv`: the median across "
        "replicates (line), and the bands holding the middle 50% and 90% of replicates, month "
        "by month."));
    cells.push_back(code_cell("fan-charts", fan_chart_cell()));

    if (run.scenarios.size() >= 2) {
        if (run.has_timeseries) {
            cells.push_back(markdown_cell(
                "differences-intro",
                "### Differences from the base\n\nFor each alternative, its value minus the "
                "base's in the same replicate and month (paired, from `timeseries.csv`): the "
                "median and the 50% and 90% bands of those differences. Counts are cumulated "
                "from the start, so the last month shows the total difference over the "
                "horizon; populations and rates are month by month. Below zero means fewer than "
                "under the base."));
            cells.push_back(code_cell("differences", difference_cell()));
        } else {
            cells.push_back(markdown_cell(
                "differences-intro",
                "### Differences from the base\n\nNot drawn: paired differences need each "
                "replicate's values, and this run was written without `timeseries.csv` "
                "(`--summary-only`)."));
        }
    }

    if (!programmes_with_caseload(run.outcomes).empty()) {
        cells.push_back(markdown_cell(
            "programmes-intro",
            "### Programmes\n\nFor each programme, its caseload and waiting list at the end of "
            "each month (`programme.<id>.caseload` and `programme.<id>.waiting_list` in "
            "`summary.csv`): the median and the 50% and 90% bands, one colour per scenario."));
        cells.push_back(code_cell("programmes", programme_cell()));
    }

    if (run.has_comparison) {
        cells.push_back(markdown_cell(
            "comparison-intro",
            "### Costs and benefits\n\nThe headline measures of `comparison.csv`, then the "
            "present values of costs and benefits and the net present value of each "
            "alternative against the base: the mean, with error bars from the 5th to the 95th "
            "percentile across replicates."));
        cells.push_back(code_cell("comparison-table", comparison_table_cell()));
        cells.push_back(code_cell("cost-benefit", cost_benefit_cell()));
    }
    if (run.has_comparison && run.has_comparison_replicates) {
        cells.push_back(markdown_cell(
            "cost-effectiveness-intro",
            "### Cost-effectiveness plane\n\nEach point is one replicate: offences averted "
            "against the extra cost (present value) compared with the base, from "
            "`comparison_replicates.csv`; the cross is the mean. Points right of zero avert "
            "offences; points below zero save money."));
        cells.push_back(code_cell("cost-effectiveness", cost_effectiveness_cell()));
        cells.push_back(markdown_cell(
            "net-present-value-intro",
            "### Will it break even?\n\nThe net present value against the base in each "
            "replicate. The share of replicates at or right of £0 is the probability of at "
            "least breaking even."));
        cells.push_back(code_cell("net-present-value", net_present_value_cell()));
    }

    return {{"cells", cells}, {"metadata", metadata()}, {"nbformat", 4}, {"nbformat_minor", 5}};
}

std::string notebook_text(const RunFiles& run) {
    // Jupyter writes indent 1 and UTF-8 as is; invalid UTF-8 (from a file name)
    // is replaced rather than failing.
    return build_notebook(run).dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::filesystem::path write_notebook(const std::filesystem::path& folder) {
    const RunFiles run = read_run_files(folder);
    const std::string text = notebook_text(run);
    scenarios::AtomicFile file(folder / kNotebookFile);
    file.write(text);
    file.commit();
    return file.path();
}

}  // namespace vrsim::notebooks
