#include "vrsim/scenarios/run_folder.hpp"

#include <optional>
#include <system_error>

#include "vrsim/scenarios/manifest.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/summary.hpp"

namespace vrsim::scenarios {

namespace {

void create_folder(const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw OutputError("cannot create output folder " + folder.string() + ": " +
                          error.message());
    }
}

}  // namespace

void write_run_folder(const Scenario& scenario, const EnsembleOptions& options,
                      const std::filesystem::path& folder,
                      const std::vector<std::string>& command_line,
                      const ProgressCallback& progress) {
    create_folder(folder);
    const nlohmann::json manifest = make_manifest(command_line, {&scenario}, options);
    const model::SimulationParameters& simulation = scenario.parameters.simulation;
    const model::OutcomeLayout layout(scenario.parameters);

    AtomicFile manifest_file(folder / kManifestFile);
    AtomicFile summary_file(folder / kSummaryFile);
    std::optional<AtomicFile> timeseries_file;
    std::optional<TimeseriesWriter> timeseries;
    if (!options.summary_only) {
        timeseries_file.emplace(folder / kTimeseriesFile);
        timeseries.emplace(*timeseries_file, scenario.name, simulation.start_month,
                           simulation.horizon_months, true, layout);
    }
    SummaryAccumulator summary(simulation.horizon_months,
                               options.summary_only ? SummaryMode::streaming : SummaryMode::exact,
                               layout.size());

    std::vector<ReplicateSink> sinks;
    sinks.emplace_back(
        [&](std::uint32_t, const model::MonthlyOutcomes& outcomes) { summary.add(outcomes); });
    if (timeseries) {
        sinks.emplace_back([&](std::uint32_t replicate, const model::MonthlyOutcomes& outcomes) {
            timeseries->write(replicate, outcomes);
        });
    }
    run_ensemble(scenario, options, sinks, progress);

    write_summary_csv(summary_file, scenario.name, simulation.start_month, summary.rows(), true,
                      layout);
    write_json(manifest_file, manifest);
    if (timeseries_file) {
        timeseries_file->commit();
    } else {
        std::error_code ignored;
        std::filesystem::remove(folder / kTimeseriesFile, ignored);
    }
    summary_file.commit();
    manifest_file.commit();
}

}  // namespace vrsim::scenarios
