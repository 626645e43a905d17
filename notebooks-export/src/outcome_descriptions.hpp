#pragma once
// What each charted outcome means, in a sentence, for the narrative. The main
// outcomes are the ones, in the same order, that the notebook's code charts (its
// OUTCOME_LABELS), so a reader finds each chart explained.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::notebooks {

struct OutcomeDescription {
    std::string outcome;
    std::string title;
    std::string unit;
    std::string meaning;
};

// The main outcomes the notebook draws as fan charts and differences from base.
const std::vector<OutcomeDescription>& main_outcomes();

// "programme.<id>.<measure>" described when the measure is one programmes
// report (caseload, waiting_list, referrals, starts, completions, exits,
// spend_gbp); nothing otherwise.
std::optional<OutcomeDescription> programme_outcome(std::string_view outcome);

// The programme ids that have a caseload outcome, in the order `outcomes` lists them.
std::vector<std::string> programmes_with_caseload(const std::vector<std::string>& outcomes);

}  // namespace vrsim::notebooks
