#pragma once
// What each chart builder hands the renderer, and what they share: the run's
// scenarios and colours, place, and the axis and title commands of the house
// style. Internal to vrsim_plots.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vrsim/model/calendar.hpp"
#include "vrsim/plots/house_style.hpp"
#include "vrsim/plots/run_files.hpp"

namespace vrsim::plots::detail {

// One chart: a gnuplot script and the data files it reads (by these names, in
// the folder gnuplot runs in).
struct ChartSpec {
    std::string name;  // the output files' name without extension
    ChartShape shape = ChartShape::wide;
    std::string script;
    std::vector<std::pair<std::string, std::string>> data_files;  // name, contents
};

struct ChartContext {
    std::vector<std::string> scenarios;  // base first; a scenario's colour is its position
    std::string place;                   // "" when the manifest names none
    std::uint32_t replicates = 0;
    model::YearMonth anchor;  // the run's first month: where month ticks fall

    std::string_view colour(const std::string& scenario) const;
    // "Title, Place" or "Title".
    std::string where(const std::string& title) const;
};

// `set title` with a second, explanatory line.
std::string title_command(const std::string& title, const std::string& subtitle);

// `set xrange` and `set xtics` for months [first, last] (x is YearMonth::index).
std::string month_axis_commands(const ChartContext& context, model::YearMonth first,
                                model::YearMonth last);

// `set yrange` that keeps 0 in view: [0:*] when every value is at least 0,
// [*:0] when every value is at most 0, [-1:1] when all are 0, autoscaled otherwise.
std::string zero_based_yrange(double smallest, double largest);

// One row "x p05 p25 p50 p75 p95" of a band data file.
void append_band_row(std::string& data, int x, const Quantiles& quantiles);

// The three layers of a fan for one data file of band rows: the 90% band, the
// 50% band and the median line titled `title`.
std::string fan_layers(const std::string& data_file, std::string_view colour,
                       const std::string& title);

}  // namespace vrsim::plots::detail
