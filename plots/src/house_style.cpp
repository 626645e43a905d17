#include "vrsim/plots/house_style.hpp"

#include <cstdio>

#include "vrsim/plots/gnuplot.hpp"

namespace vrsim::plots {

namespace {

// Text and lines are sized for the SVG; the other formats scale them by their
// width over the SVG's, so all three look alike.
constexpr int kFontSize = 12;
constexpr std::string_view kFontFamily = "Sans";

std::string format_scale(double scale) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", scale);
    return text;
}

}  // namespace

std::string_view scenario_colour(std::size_t index) {
    return kScenarioColours[index % kScenarioColours.size()];
}

std::string_view extension(ChartFormat format) {
    switch (format) {
        case ChartFormat::svg:
            return "svg";
        case ChartFormat::png:
            return "png";
        case ChartFormat::pdf:
            return "pdf";
    }
    return "svg";
}

ChartSize chart_size(ChartShape shape) {
    if (shape == ChartShape::tall) {
        return {960, 720, 1600, 1200, 8.0, 6.0};
    }
    return {960, 540, 1600, 900, 8.0, 4.5};
}

std::string terminal_command(ChartFormat format, ChartShape shape) {
    const ChartSize size = chart_size(shape);
    std::string font = std::string(kFontFamily) + "," + std::to_string(kFontSize);
    std::string command = "set terminal ";
    switch (format) {
        case ChartFormat::svg:
            command.append("svg size ")
                .append(std::to_string(size.svg_width_px))
                .append(",")
                .append(std::to_string(size.svg_height_px))
                .append(" fixed font ")
                .append(gnuplot_string(font))
                .append(" linewidth 1");
            break;
        case ChartFormat::png: {
            const std::string scale = format_scale(static_cast<double>(size.png_width_px) /
                                                   static_cast<double>(size.svg_width_px));
            command.append("pngcairo size ")
                .append(std::to_string(size.png_width_px))
                .append(",")
                .append(std::to_string(size.png_height_px))
                .append(" font ")
                .append(gnuplot_string(font))
                .append(" fontscale ")
                .append(scale)
                .append(" linewidth ")
                .append(scale);
            break;
        }
        case ChartFormat::pdf: {
            // Cairo's PDF unit is the point (1/72 inch); its lines are drawn half
            // as wide as in PNG for the same linewidth, hence the factor 2.
            const double scale = size.pdf_width_in * 72.0 / static_cast<double>(size.svg_width_px);
            command.append("pdfcairo size ")
                .append(format_scale(size.pdf_width_in))
                .append("in,")
                .append(format_scale(size.pdf_height_in))
                .append("in font ")
                .append(gnuplot_string(font))
                .append(" fontscale ")
                .append(format_scale(scale))
                .append(" linewidth ")
                .append(format_scale(2.0 * scale));
            break;
        }
    }
    // noenhanced: names are drawn as written (an underscore is not a subscript).
    command.append(" noenhanced background '#ffffff'\n");
    return command;
}

std::string house_style_script(std::string_view footer) {
    std::string script =
        "set encoding utf8\n"
        "set border 3 lc rgb '#444444'\n"
        "set tics nomirror out scale 0.6\n"
        "set grid ytics lt 1 lw 1 lc rgb '#e3e3e3'\n"
        "set key outside right top vertical Left reverse samplen 2.5 spacing 1.3 noautotitle\n"
        "set style fill transparent solid 0.3 noborder\n"
        "set title font ',14'\n"
        "set xlabel offset 0,0.3\n"
        "set lmargin 11\n"
        "set bmargin 6\n"
        "set tmargin 4.5\n";
    script.append("set label 1 ")
        .append(gnuplot_string(footer))
        .append(" at screen 0.01, screen 0.025 left font ',9' tc rgb '")
        .append(kFooterColour)
        .append("'\n");
    return script;
}

}  // namespace vrsim::plots
