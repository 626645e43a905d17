#pragma once
// The charts of a run folder, drawn with gnuplot into FOLDER/charts/ as SVG, PNG
// and PDF. `vrsim plot` calls this; `vrsim run` and `vrsim compare` can call it
// after writing their files.
#include <filesystem>
#include <string>
#include <vector>

namespace vrsim::plots {

struct ChartOptions {
    // Outcomes for the fan and difference charts. Empty: every outcome in
    // summary.csv except programme.* ones (those have their programme charts).
    // A programme's chart is drawn, when this is not empty, only if one of its
    // outcomes (programme.<id>.*) is listed.
    std::vector<std::string> outcomes;
    // A tidy CSV of observed history (month,outcome,value[,area]) drawn over the
    // fan charts of the outcomes it has; empty for none.
    std::filesystem::path observed;
    // The gnuplot program, found on PATH unless it holds a slash.
    std::string gnuplot = "gnuplot";
};

struct ChartReport {
    std::filesystem::path folder;              // FOLDER/charts
    std::vector<std::string> charts;           // file names without extension, in drawing order
    std::vector<std::filesystem::path> files;  // every file written
    std::vector<std::string> notes;            // charts left out and why; gnuplot's warnings
};

// Reads FOLDER's summary.csv and manifest.json (and timeseries.csv,
// comparison.csv, comparison_replicates.csv when present) and writes, each as
// .svg, .png and .pdf:
//   fan_<outcome>                 median, 50% and 90% bands per scenario (+ observed)
//   difference_<outcome>          with 2+ scenarios and timeseries.csv: alternative
//                                 minus base per replicate, median, 50% and 90% bands
//   programme_<id>                caseload and waiting list per scenario
//   cost_benefit                  with comparison.csv: present values of costs,
//                                 benefits and NPV per alternative, 5-95% whiskers
//   cost_effectiveness_plane      with comparison_replicates.csv: each replicate's
//                                 offences averted against extra programme spend
// Characters outside [A-Za-z0-9._-] in a name become '_'. Each file appears
// under its real name only when complete (drawn in a hidden folder inside
// FOLDER/charts, then renamed); the same files give byte-identical charts.
// Throws InputError for a bad folder, file or option and RenderError when
// gnuplot is missing or fails or a chart cannot be written.
ChartReport render_charts(const std::filesystem::path& folder, const ChartOptions& options = {});

}  // namespace vrsim::plots
