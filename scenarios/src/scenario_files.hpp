#pragma once
// The run files of one or more scenarios in one folder: timeseries.csv and
// summary.csv hold every scenario (the scenario column tells them apart), and
// manifest.json describes them all. Files are opened before anything runs and
// committed together, manifest last.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vrsim/scenarios/ensemble.hpp"
#include "vrsim/scenarios/output_files.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::scenarios::detail {

class ScenarioFiles {
  public:
    // `extra_files` are other files the caller writes into the folder, listed in
    // the manifest.
    ScenarioFiles(const std::filesystem::path& folder, std::vector<const Scenario*> scenarios,
                  const EnsembleOptions& options, const std::vector<std::string>& command_line,
                  const std::vector<std::string>& extra_files = {});

    // Runs scenario `index`'s ensemble into the files; `extra` (when set) sees
    // each replicate too, in replicate order.
    void run(std::size_t index, const ReplicateSink& extra, const ProgressCallback& progress);

    // Renames the files into place, manifest.json last.
    void commit();

  private:
    std::filesystem::path folder_;
    std::vector<const Scenario*> scenarios_;
    EnsembleOptions options_;
    std::string manifest_text_;
    AtomicFile manifest_file_;
    AtomicFile summary_file_;
    std::optional<AtomicFile> timeseries_file_;
};

}  // namespace vrsim::scenarios::detail
