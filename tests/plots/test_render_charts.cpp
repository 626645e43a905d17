// render_charts on the hand-made three-scenario folder: every chart as a valid
// SVG, PNG and PDF with the expected series, byte-identical on a re-run, and
// clear errors for bad input and a missing or failing gnuplot.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "plot_test_files.hpp"
#include "vrsim/plots/charts.hpp"
#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/house_style.hpp"
#include "vrsim/plots/pdf_dates.hpp"

using namespace vrsim::plots;
using namespace vrsim::plots::testing;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFormats = {"svg", "png", "pdf"};

ChartOptions small_options() {
    ChartOptions options;
    options.outcomes = {"recorded_violence_with_injury"};
    return options;
}

// Files in `folder`, names only, sorted; hidden ones included.
std::vector<std::string> listing(const fs::path& folder) {
    std::vector<std::string> names;
    if (fs::exists(folder)) {
        for (const auto& entry : fs::directory_iterator(folder)) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The gnuplot colour of an Okabe-Ito hex colour as gnuplot's SVG writes it.
std::string svg_rgb(std::string_view hex) {
    const auto byte = [&](std::size_t at) {
        return std::stoi(std::string(hex.substr(at, 2)), nullptr, 16);
    };
    char text[32];
    std::snprintf(text, sizeof text, "rgb(%3d, %3d, %3d)", byte(1), byte(3), byte(5));
    return text;
}

// A fake gnuplot that fails the way a broken script makes the real one fail.
fs::path failing_gnuplot(const TemporaryFolder& folder) {
    const fs::path program = folder.path() / "fake-gnuplot";
    write_file(program,
               "#!/bin/sh\necho '\"chart.gp\" line 3: unknown or ambiguous terminal type' >&2\n"
               "exit 1\n");
    fs::permissions(program, fs::perms::owner_all);
    return program;
}

}  // namespace

TEST_CASE("every chart of a three-scenario folder, in three formats", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path folder = copy_fixture("three_scenarios", temp);
    ChartOptions options;
    options.outcomes = {"recorded_violence_with_injury", "programme.iom.caseload"};
    options.observed = folder / "observed.csv";
    const ChartReport report = render_charts(folder, options);

    CHECK(report.folder == folder / "charts");
    CHECK(report.charts == std::vector<std::string>{
                               "fan_recorded_violence_with_injury", "fan_programme.iom.caseload",
                               "difference_recorded_violence_with_injury",
                               "difference_programme.iom.caseload", "programme_iom", "cost_benefit",
                               "cost_effectiveness_plane"});
    CHECK(report.notes.empty());
    REQUIRE(report.files.size() == report.charts.size() * 3);
    // Nothing but the charts: the working folder is gone.
    CHECK(listing(report.folder).size() == report.files.size());

    for (const std::string& chart : report.charts) {
        INFO(chart);
        const bool tall = chart.starts_with("programme_");
        const ChartSize size = chart_size(tall ? ChartShape::tall : ChartShape::wide);
        const auto svg = parse_svg(report.folder / (chart + ".svg"));
        CHECK(svg.get<int>("svg.<xmlattr>.width") == size.svg_width_px);
        CHECK(svg.get<int>("svg.<xmlattr>.height") == size.svg_height_px);
        const std::string text = svg_text(report.folder / (chart + ".svg"));
        CHECK_THAT(text, Catch::Contains("Testville"));  // where, in the title
        CHECK_THAT(text, Catch::Contains("Scenarios: Baseline, IOM, triage & more, Mayor's plan "
                                         "| 3 replicates | seed 42 | vrsim 0.1.0"));
        const PngSize png = png_size(report.folder / (chart + ".png"));
        CHECK(png.width == static_cast<std::uint32_t>(size.png_width_px));
        CHECK(png.height == static_cast<std::uint32_t>(size.png_height_px));
        CHECK(looks_like_pdf(report.folder / (chart + ".pdf")));
        // Not Catch::Contains: a failure would print the whole PDF.
        const std::string pdf = read_file(report.folder / (chart + ".pdf"));
        CHECK(pdf.find("/CreationDate (D:" + fixed_pdf_date()) != std::string::npos);
    }

    // One render, checked chart by chart (sections would render it again each).
    const fs::path charts = report.folder;
    {  // fan chart: a line per scenario in its colour, observed points, months
        const std::string text = svg_text(charts / "fan_recorded_violence_with_injury.svg");
        CHECK_THAT(text, Catch::Contains("Recorded violence with injury, Testville\n") &&
                             Catch::Contains("Baseline\nIOM, triage & more\nMayor's plan\n"
                                             "Observed\n"));
        CHECK_THAT(text, Catch::Contains("offences per month"));
        // The observed history starts six months before the run.
        CHECK_THAT(text, Catch::Contains("2018-10") && Catch::Contains("2019-08"));
        const std::string svg = read_file(charts / "fan_recorded_violence_with_injury.svg");
        for (std::size_t s = 0; s < 3; ++s) {
            CHECK_THAT(svg, Catch::Contains(svg_rgb(kScenarioColours[s])));
        }
    }
    {  // difference chart: the alternatives, not the base
        const std::string text = svg_text(charts / "difference_recorded_violence_with_injury.svg");
        CHECK_THAT(text, Catch::Contains("Recorded violence with injury: difference from "
                                         "Baseline, Testville"));
        CHECK_THAT(text, Catch::Contains("\nIOM, triage & more\nMayor's plan\n"));
        CHECK_THAT(text, Catch::Contains("offences per month, difference from base"));
    }
    {  // programme chart: caseload and waiting list panels
        const std::string text = svg_text(charts / "programme_iom.svg");
        CHECK_THAT(text, Catch::Contains("Programme iom: caseload and waiting list, Testville"));
        CHECK_THAT(text, Catch::Contains("Caseload at the end of the month") &&
                             Catch::Contains("Waiting list at the end of the month"));
    }
    {  // cost-benefit summary: three measures, probability of breaking even
        const std::string text = svg_text(charts / "cost_benefit.svg");
        CHECK_THAT(text, Catch::Contains("Costs\nBenefits\nNet present value\n"));
        // probability_better of net_present_value_gbp: 0.73 and 0.35 in the fixture.
        CHECK_THAT(text, Catch::Contains("probability of breaking even: 73%") &&
                             Catch::Contains("probability of breaking even: 35%"));
        // The largest magnitude is 2,100,000 (a p95), so millions.
        CHECK_THAT(text, Catch::Contains("GBP million"));
    }
    {  // cost-effectiveness plane: one series per alternative
        const std::string text = svg_text(charts / "cost_effectiveness_plane.svg");
        CHECK_THAT(text, Catch::Contains("IOM, triage & more\nMayor's plan\n"));
        CHECK_THAT(text, Catch::Contains("One point per replicate (6 in all)"));
        CHECK_THAT(text, Catch::Contains("GBP thousand"));  // at most 252,000
    }
}

TEST_CASE("the same files give byte-identical charts", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path first = copy_fixture("three_scenarios", temp);
    const fs::path second = temp.path() / "again";
    fs::copy(first, second, fs::copy_options::recursive);
    const ChartReport a = render_charts(first, small_options());
    const ChartReport b = render_charts(second, small_options());
    REQUIRE(a.charts == b.charts);
    REQUIRE(a.files.size() == 12);
    for (const std::string& chart : a.charts) {
        for (const std::string& format : kFormats) {
            const std::string name = chart + "." + format;
            INFO(name);
            CHECK(read_file(a.folder / name) == read_file(b.folder / name));
        }
    }
}

TEST_CASE("charts the files cannot support are left out with a note", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path folder = copy_fixture("three_scenarios", temp);
    fs::remove(folder / "timeseries.csv");
    fs::remove(folder / "comparison.csv");
    fs::remove(folder / "comparison_replicates.csv");
    const ChartReport report = render_charts(folder, small_options());
    CHECK(report.charts == std::vector<std::string>{"fan_recorded_violence_with_injury"});
    REQUIRE(report.notes.size() == 1);
    CHECK_THAT(report.notes[0], Catch::Contains("no timeseries.csv"));
}

TEST_CASE("bad input: InputError naming what is wrong, and no chart", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path folder = copy_fixture("three_scenarios", temp);
    CHECK_THROWS_WITH(render_charts(temp.path() / "absent"),
                      Catch::Contains("absent: no such folder"));
    ChartOptions unknown;
    unknown.outcomes = {"victims_spared"};
    CHECK_THROWS_WITH(render_charts(folder, unknown),
                      Catch::Contains("\"victims_spared\" is not an outcome of") &&
                          Catch::Contains("it has recorded_violence_with_injury, "
                                          "custody_population"));
    ChartOptions missing_observed = small_options();
    missing_observed.observed = folder / "nothing.csv";
    CHECK_THROWS_WITH(render_charts(folder, missing_observed),
                      Catch::Contains("nothing.csv: no such file (--observed)"));

    std::string summary = read_file(folder / "summary.csv");
    summary.replace(summary.find("37.3"), 4, "37,3");  // a decimal comma on line 2
    write_file(folder / "summary.csv", summary);
    CHECK_THROWS_AS(render_charts(folder, small_options()), InputError);
    CHECK_THROWS_WITH(render_charts(folder, small_options()),
                      Catch::Contains("summary.csv:2: more fields than the header has columns"));

    fs::remove(folder / "summary.csv");
    CHECK_THROWS_WITH(render_charts(folder), Catch::Contains("summary.csv: missing"));
    CHECK(listing(folder / "charts").empty());
}

TEST_CASE("gnuplot missing or failing: RenderError, and no chart left behind", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path folder = copy_fixture("three_scenarios", temp);
    ChartOptions options = small_options();
    options.gnuplot = "vrsim-no-such-gnuplot";
    CHECK_THROWS_AS(render_charts(folder, options), RenderError);
    CHECK_THROWS_WITH(render_charts(folder, options),
                      Catch::Contains("cannot run vrsim-no-such-gnuplot") &&
                          Catch::Contains("apt-get install gnuplot-nox"));
    CHECK(listing(folder / "charts").empty());

    options.gnuplot = failing_gnuplot(temp).string();
    CHECK_THROWS_WITH(render_charts(folder, options),
                      Catch::Contains("failed with exit code 1") &&
                          Catch::Contains("line 3: unknown or ambiguous terminal type"));
    CHECK(listing(folder / "charts").empty());
}

TEST_CASE("names from the files cannot run commands in gnuplot", "[plots][render]") {
    TemporaryFolder temp;
    const fs::path folder = copy_fixture("three_scenarios", temp);
    const fs::path witness = temp.path() / "pwned";
    // Backquotes run a shell command in gnuplot's double-quoted strings; a bare
    // quote would end a single-quoted string, and `;` start a new command.
    const std::string name =
        "Mayor`touch " + witness.string() + "`'; system('touch " + witness.string() + "'); print '";
    for (const char* file : {"summary.csv", "timeseries.csv"}) {
        std::string text = read_file(folder / file);
        for (std::size_t at = text.find("Mayor's plan"); at != std::string::npos;
             at = text.find("Mayor's plan", at)) {
            text.replace(at, 12, name);
            at += name.size();
        }
        write_file(folder / file, text);
    }
    const ChartReport report = render_charts(folder, small_options());
    CHECK_FALSE(fs::exists(witness));
    // The name is drawn as written.
    CHECK_THAT(svg_text(report.folder / "fan_recorded_violence_with_injury.svg"),
               Catch::Contains(name));
}
