#include "vrsim/plots/labels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace vrsim::plots {

namespace {

struct KnownOutcome {
    std::string_view name;
    std::string_view title;
    std::string_view unit;
};

// Meanings as README.md's outcome table gives them.
constexpr std::array<KnownOutcome, 27> kKnownOutcomes = {{
    {"recorded_violence_with_injury", "Recorded violence with injury", "offences per month"},
    {"recorded_violence_without_injury", "Recorded violence without injury", "offences per month"},
    {"recorded_knife_enabled", "Recorded knife-enabled violence", "offences per month"},
    {"recorded_robbery", "Recorded robbery", "offences per month"},
    {"recorded_sexual", "Recorded sexual offences", "offences per month"},
    {"recorded_domestic_abuse", "Recorded domestic abuse", "offences per month"},
    {"recorded_acquisitive", "Recorded acquisitive crime", "offences per month"},
    {"recorded_other", "Other recorded offences", "offences per month"},
    {"recorded_violence_against_the_person", "Recorded violence against the person",
     "offences per month"},
    {"recorded_total", "All recorded offences", "offences per month"},
    {"offences_committed", "Offences committed, recorded or not", "offences per month"},
    {"victims", "Victims of recorded violence, robbery or sexual offences", "people per month"},
    {"repeat_victims", "Repeat victims (also victims in the previous 12 months)",
     "people per month"},
    {"first_time_entrants_youth", "First-time entrants aged 10-17", "people per month"},
    {"first_time_entrants_adult", "First-time entrants aged 18 and over", "people per month"},
    {"proven_offences", "Proven offences (cautions and convictions)", "offences per month"},
    {"out_of_court_disposals", "Out-of-court disposals", "disposals per month"},
    {"convictions", "Convictions", "convictions per month"},
    {"custodial_sentences", "Custodial sentences", "sentences per month"},
    {"custody_population", "Residents in custody", "people at the end of the month"},
    {"licence_population", "Residents on licence", "people at the end of the month"},
    {"active_offenders", "Active offenders (offended in the last 12 months)", "people"},
    {"gang_members", "Gang members", "people at the end of the month"},
    {"population", "Population", "residents at the end of the month"},
    {"proven_reoffending_cohort", "Proven reoffending cohort", "offenders in the quarter's cohort"},
    {"proven_reoffenders", "Proven reoffenders", "offenders in the quarter's cohort"},
    {"proven_reoffending_rate", "Proven reoffending rate", "proportion of the quarter's cohort"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kProgrammeMeasures = {{
    {"caseload", "people in the programme"},
    {"waiting_list", "people waiting"},
    {"referrals", "people per month"},
    {"starts", "people per month"},
    {"completions", "people per month"},
    {"exits", "people per month"},
    {"spend_gbp", "GBP per month"},
}};

std::string words(std::string_view name) {
    std::string text(name);
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') {
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    }
    return text;
}

std::string unit_from_suffix(std::string_view name) {
    if (name.ends_with("_gbp")) {
        return "GBP per month";
    }
    if (name.ends_with("_rate")) {
        return "proportion";
    }
    return "count per month";
}

}  // namespace

OutcomeDescription describe_outcome(std::string_view outcome) {
    for (const KnownOutcome& known : kKnownOutcomes) {
        if (known.name == outcome) {
            return {std::string(known.title), std::string(known.unit)};
        }
    }
    if (outcome.starts_with("committed_")) {
        std::string type = words(outcome.substr(std::string_view("committed_").size()));
        return {"Offences committed: " + type + ", recorded or not", "offences per month"};
    }
    if (outcome.starts_with("programme.")) {
        const std::string_view rest = outcome.substr(std::string_view("programme.").size());
        const std::size_t dot = rest.find('.');
        if (dot != std::string_view::npos && dot > 0) {
            const std::string_view id = rest.substr(0, dot);
            const std::string_view measure = rest.substr(dot + 1);
            std::string title = "Programme ";
            title.append(id).append(": ");
            for (const auto& [name, unit] : kProgrammeMeasures) {
                if (name == measure) {
                    std::string measure_words =
                        measure == "spend_gbp" ? std::string("spend") : words(measure);
                    if (measure == "caseload" || measure == "waiting_list") {
                        measure_words.append(" at the end of the month");
                    }
                    return {title + measure_words, std::string(unit)};
                }
            }
            return {title + words(measure), unit_from_suffix(measure)};
        }
    }
    return {capitalised(words(outcome)), unit_from_suffix(outcome)};
}

std::vector<std::string> programme_ids(const std::vector<std::string>& outcomes) {
    std::vector<std::string> ids;
    for (const std::string& outcome : outcomes) {
        if (!outcome.starts_with("programme.")) {
            continue;
        }
        const std::string_view rest = std::string_view(outcome).substr(10);
        const std::size_t dot = rest.find('.');
        if (dot == std::string_view::npos || dot == 0) {
            continue;
        }
        const std::string_view measure = rest.substr(dot + 1);
        const std::string id(rest.substr(0, dot));
        if ((measure == "caseload" || measure == "waiting_list") &&
            std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(id);
        }
    }
    return ids;
}

MoneyScale money_scale(double largest_magnitude) {
    const double magnitude = std::fabs(largest_magnitude);
    if (magnitude >= 1e6) {
        return {1e6, "GBP million"};
    }
    if (magnitude >= 1e3) {
        return {1e3, "GBP thousand"};
    }
    return {1.0, "GBP"};
}

}  // namespace vrsim::plots
