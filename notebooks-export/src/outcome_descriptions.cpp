#include "outcome_descriptions.hpp"

#include <array>
#include <utility>

namespace vrsim::notebooks {

const std::vector<OutcomeDescription>& main_outcomes() {
    // Meanings as the root README's outcome table defines them.
    static const std::vector<OutcomeDescription> outcomes = {
        {"recorded_violence_against_the_person", "Recorded violence against the person",
         "offences per month",
         "violence with and without injury, knife-enabled violence and domestic abuse recorded "
         "by the police in the month: the police category \"violence against the person\"."},
        {"recorded_knife_enabled", "Recorded knife-enabled violence", "offences per month",
         "knife-enabled violence recorded by the police in the month."},
        {"recorded_total", "All recorded offences", "offences per month",
         "every offence recorded by the police in the month, of any type."},
        {"offences_committed", "Offences committed (recorded or not)", "offences per month",
         "every offence committed in the month, whether or not the police recorded it."},
        {"victims", "Victims of violent, robbery and sexual offences", "people per month",
         "people who were victims of a recorded violent, robbery or sexual offence in the "
         "month, each counted once however often victimised."},
        {"first_time_entrants_youth", "First-time entrants aged 10-17", "people per month",
         "young people aged 10-17 receiving their first caution or conviction in the month."},
        {"custody_population", "Residents in custody", "people at month end",
         "residents of the place in custody at the end of the month."},
        {"proven_reoffending_rate", "Proven reoffending rate (quarterly cohorts)",
         "share of the cohort",
         "the Ministry of Justice's proven reoffending measure: the share of a calendar "
         "quarter's offenders (released from custody, convicted or cautioned) who commit an "
         "offence in the next 12 months that is proven within a further 6 months; reported in "
         "the last month of each quarter whose follow-up ends within the horizon."},
    };
    return outcomes;
}

namespace {

struct ProgrammeMeasure {
    std::string_view measure;
    std::string_view title;
    std::string_view unit;
    std::string_view meaning;  // follows "the <id> programme's ..." or "people ..."
};

constexpr std::array<ProgrammeMeasure, 7> kProgrammeMeasures = {{
    {"caseload", "caseload", "people at month end",
     "people in the programme at the end of the month."},
    {"waiting_list", "waiting list", "people at month end",
     "people waiting for a place at the end of the month."},
    {"referrals", "referrals", "people per month",
     "people referred to the programme in the month."},
    {"starts", "starts", "people per month", "people who started the programme in the month."},
    {"completions", "completions", "people per month",
     "people who completed the programme in the month."},
    {"exits", "exits", "people per month",
     "people who left the programme in the month, for any reason."},
    {"spend_gbp", "spend", "£ per month", "money spent on the programme in the month."},
}};

constexpr std::string_view kProgrammePrefix = "programme.";

}  // namespace

std::optional<OutcomeDescription> programme_outcome(std::string_view outcome) {
    if (outcome.substr(0, kProgrammePrefix.size()) != kProgrammePrefix) {
        return std::nullopt;
    }
    const std::string_view rest = outcome.substr(kProgrammePrefix.size());
    const std::size_t dot = rest.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return std::nullopt;
    }
    const std::string_view id = rest.substr(0, dot);
    const std::string_view measure = rest.substr(dot + 1);
    for (const ProgrammeMeasure& known : kProgrammeMeasures) {
        if (known.measure == measure) {
            std::string title = "Programme ";
            title.append(id).append(": ").append(known.title);
            return OutcomeDescription{std::string(outcome), std::move(title),
                                      std::string(known.unit), std::string(known.meaning)};
        }
    }
    return std::nullopt;
}

std::vector<std::string> programmes_with_caseload(const std::vector<std::string>& outcomes) {
    std::vector<std::string> ids;
    constexpr std::string_view kCaseload = ".caseload";
    for (const std::string& outcome : outcomes) {
        const std::string_view name = outcome;
        if (name.size() > kProgrammePrefix.size() + kCaseload.size() &&
            name.substr(0, kProgrammePrefix.size()) == kProgrammePrefix &&
            name.substr(name.size() - kCaseload.size()) == kCaseload) {
            ids.emplace_back(name.substr(kProgrammePrefix.size(),
                                         name.size() - kProgrammePrefix.size() - kCaseload.size()));
        }
    }
    return ids;
}

}  // namespace vrsim::notebooks
