#include "vrsim/scenarios/run_folder.hpp"

#include <system_error>

#include "scenario_files.hpp"
#include "vrsim/scenarios/manifest.hpp"
#include "vrsim/scenarios/summary.hpp"

namespace vrsim::scenarios {

namespace detail {

namespace {

const std::filesystem::path& created(const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw OutputError("cannot create output folder " + folder.string() + ": " +
                          error.message());
    }
    return folder;
}

}  // namespace

ScenarioFiles::ScenarioFiles(const std::filesystem::path& folder,
                             std::vector<const Scenario*> scenarios, const EnsembleOptions& options,
                             const std::vector<std::string>& command_line,
                             const std::vector<std::string>& extra_files)
    : folder_(folder),
      scenarios_(std::move(scenarios)),
      options_(options),
      manifest_text_(make_manifest(command_line, scenarios_, options, extra_files)
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                     "\n"),
      manifest_file_(created(folder) / kManifestFile),
      summary_file_(folder / kSummaryFile) {
    if (!options_.summary_only) {
        timeseries_file_.emplace(folder / kTimeseriesFile);
    }
}

void ScenarioFiles::run(std::size_t index, const ReplicateSink& extra,
                        const ProgressCallback& progress) {
    const Scenario& scenario = *scenarios_[index];
    const model::SimulationParameters& simulation = scenario.parameters.simulation;
    const model::OutcomeLayout layout(scenario.parameters);
    const bool first = index == 0;
    std::optional<TimeseriesWriter> timeseries;
    if (timeseries_file_) {
        timeseries.emplace(*timeseries_file_, scenario.name, simulation.start_month,
                           simulation.horizon_months, first, layout);
    }
    SummaryAccumulator summary(simulation.horizon_months,
                               options_.summary_only ? SummaryMode::streaming : SummaryMode::exact,
                               layout.size());
    std::vector<ReplicateSink> sinks;
    sinks.emplace_back(
        [&](std::uint32_t, const model::MonthlyOutcomes& outcomes) { summary.add(outcomes); });
    if (timeseries) {
        sinks.emplace_back([&](std::uint32_t replicate, const model::MonthlyOutcomes& outcomes) {
            timeseries->write(replicate, outcomes);
        });
    }
    if (extra) {
        sinks.push_back(extra);
    }
    run_ensemble(scenario, options_, sinks, progress);
    write_summary_csv(summary_file_, scenario.name, simulation.start_month, summary.rows(), first,
                      layout);
}

void ScenarioFiles::commit() {
    manifest_file_.write(manifest_text_);
    if (timeseries_file_) {
        timeseries_file_->commit();
    } else {
        std::error_code ignored;
        std::filesystem::remove(folder_ / kTimeseriesFile, ignored);
    }
    summary_file_.commit();
    manifest_file_.commit();
}

}  // namespace detail

void write_run_folder(const Scenario& scenario, const EnsembleOptions& options,
                      const std::filesystem::path& folder,
                      const std::vector<std::string>& command_line,
                      const ProgressCallback& progress, const ReplicateSink& extra) {
    detail::ScenarioFiles files(folder, {&scenario}, options, command_line);
    files.run(0, extra, progress);
    files.commit();
}

}  // namespace vrsim::scenarios
