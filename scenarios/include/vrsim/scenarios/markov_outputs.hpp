#pragma once
// The files `vrsim markov` writes, each atomically (AtomicFile): totals.csv,
// icer.csv, trace.csv and, with PSA samples, psa.csv and psa_summary.csv.
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/model/markov.hpp"
#include "vrsim/scenarios/markov_file.hpp"

namespace vrsim::scenarios {

// Writes the files into `folder` (created if missing); returns their names.
// `psa` may be null. Throws OutputError.
std::vector<std::string> write_markov_outputs(const MarkovDefinition& definition,
                                              const model::MarkovResult& result,
                                              const MarkovPsa* psa,
                                              const std::filesystem::path& folder);

// A short plain-text table of the totals and ICERs for the terminal.
std::string markov_totals_table(const MarkovDefinition& definition,
                                const model::MarkovResult& result);

// ICER rows for the definition's cost and effect rewards (discounted); empty
// when the file names none.
std::vector<model::IcerRow> markov_definition_icers(const MarkovDefinition& definition,
                                                    const model::MarkovResult& result);

}  // namespace vrsim::scenarios
