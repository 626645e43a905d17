#pragma once
// One builder per kind of chart. Each returns nullopt when the files hold
// nothing to draw for it. Internal to vrsim_plots.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart_spec.hpp"
#include "vrsim/plots/run_files.hpp"

namespace vrsim::plots::detail {

// A name made safe for a file name: characters outside [A-Za-z0-9._-] become '_'.
std::string file_stem(std::string_view text);

std::optional<ChartSpec> fan_chart(const ChartContext& context, const Summary& summary,
                                   const std::string& outcome, const ObservedSeries* observed);

// Throws InputError when a replicate repeats within a month.
std::optional<ChartSpec> difference_chart(const ChartContext& context, const Timeseries& timeseries,
                                          const std::string& outcome);

std::optional<ChartSpec> programme_chart(const ChartContext& context, const Summary& summary,
                                         const std::string& programme_id);

std::optional<ChartSpec> cost_benefit_chart(const ChartContext& context,
                                            const std::vector<ComparisonRow>& rows);

std::optional<ChartSpec> cost_effectiveness_chart(const ChartContext& context,
                                                  const std::vector<ComparisonReplicateRow>& rows);

}  // namespace vrsim::plots::detail
