#pragma once
// The one house style of every vrsim chart: colours, sizes, fonts and the
// gnuplot settings every chart starts from. Change the look here, nowhere else.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace vrsim::plots {

// Okabe and Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
// Design"; https://jfly.uni-koeln.de/color/), without black, which is kept for
// observed data and reference lines. Ordered so that the first colours are the
// most distinct from each other and yellow, faint on white, comes last.
inline constexpr std::array<std::string_view, 7> kScenarioColours = {
    "#0072B2",  // blue: the base scenario
    "#D55E00",  // vermillion
    "#009E73",  // bluish green
    "#CC79A7",  // reddish purple
    "#E69F00",  // orange
    "#56B4E9",  // sky blue
    "#F0E442",  // yellow
};
inline constexpr std::string_view kObservedColour = "#000000";
inline constexpr std::string_view kReferenceLineColour = "#444444";
inline constexpr std::string_view kFooterColour = "#555555";

// Cost-benefit bars are coloured by measure, from the same palette.
inline constexpr std::string_view kCostColour = "#D55E00";
inline constexpr std::string_view kBenefitColour = "#009E73";
inline constexpr std::string_view kNetValueColour = "#0072B2";

// Band shading (alpha): 90% interval lighter, 50% interval darker.
inline constexpr double kOuterBandOpacity = 0.18;
inline constexpr double kInnerBandOpacity = 0.35;

// The colour of the scenario at `index` in the run folder (base first); after
// seven scenarios the colours repeat.
std::string_view scenario_colour(std::size_t index);

enum class ChartFormat { svg, png, pdf };
inline constexpr std::array<ChartFormat, 3> kChartFormats = {ChartFormat::svg, ChartFormat::png,
                                                             ChartFormat::pdf};
std::string_view extension(ChartFormat format);  // "svg", "png", "pdf"

// wide: one panel, 16:9; tall: two stacked panels, 4:3.
enum class ChartShape { wide, tall };

struct ChartSize {
    int svg_width_px;
    int svg_height_px;
    int png_width_px;
    int png_height_px;
    double pdf_width_in;
    double pdf_height_in;
};

// SVG for the web, PNG at slide resolution, PDF at the width of an A4 page's
// text block (about 8 inches with margins).
ChartSize chart_size(ChartShape shape);

// The gnuplot `set terminal ...` command for a format and shape.
std::string terminal_command(ChartFormat format, ChartShape shape);

// gnuplot settings every chart starts from (after `reset`): encoding, borders,
// tics, grid, key and margins, and the footer text as a label at the bottom.
std::string house_style_script(std::string_view footer);

}  // namespace vrsim::plots
