// The [programmes.<id>] sections: each programme's kind, eligibility, referral
// sources, consent, time in programme, effects and the rules of its kind, and its
// funding, checked like every other field and turned into model programmes with
// places and spend per month.
#include "programme_decode.hpp"

#include <algorithm>
#include <optional>

#include "programme_decode_support.hpp"
#include "vrsim/scenarios/funding.hpp"

namespace vrsim::scenarios::detail {
namespace {

using model::ProgrammeKind;
using model::ProgrammeParameters;

// Keys every programme may have, and those only some kinds have.
constexpr std::array<std::string_view, 12> kGenericKeys = {"kind",
                                                           "name",
                                                           "min_age_years",
                                                           "max_age_years",
                                                           "consent_probability",
                                                           "duration_mean_months",
                                                           "max_wait_months",
                                                           "referral_sources",
                                                           "cost_per_place_per_year_gbp",
                                                           "ramp_up_months",
                                                           "wind_down_months",
                                                           "funding"};

struct KindRules {
    std::vector<std::string_view> effects;  // effect keys the kind takes (all required)
    std::vector<std::string_view> rules;    // rules.<key> the kind takes (all required)
    bool takes_offending_effect = true;
    bool needs_referral_sources = true;
    bool takes_referral_sources = true;
};

KindRules rules_of(ProgrammeKind kind) {
    switch (kind) {
        case ProgrammeKind::iom:
            return {{"detection_multiplier", "recall_multiplier"},
                    {"score_window_months", "min_proven_offences"},
                    true,
                    false,
                    true};
        case ProgrammeKind::gang_exit:
            return {{"gang_exit_hazard_ratio"}, {}, true, true, true};
        case ProgrammeKind::youth_triage:
            return {{}, {"includes_knife_offences"}, true, false, false};
        case ProgrammeKind::channel:
            return {{"radicalisation_hazard_ratio"},
                    {"panel_probability", "adoption_probability", "review_months",
                     "exit_at_review_probability", "no_further_concern_share"},
                    true,
                    true,
                    true};
        case ProgrammeKind::prevention:
            return {{"risk_factor_ratio", "gang_join_ratio"},
                    {"reach_age_min_years", "reach_age_max_years"},
                    false,
                    false,
                    false};
        default:
            return {{}, {}, true, true, true};
    }
}

bool valid_id(std::string_view id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

class ProgrammeDecoder {
  public:
    ProgrammeDecoder(ParameterDecoder& decoder, Scenario& scenario,
                     std::vector<Diagnostic>& diagnostics)
        : decoder_(decoder), scenario_(scenario), diagnostics_(diagnostics) {}

    void decode(const MergedNode& root) {
        const MergedNode* programmes = root.find("programmes");
        if (programmes == nullptr) {
            return;
        }
        if (!programmes->is_table) {
            decoder_.report(
                *programmes->value, "programmes",
                "expected tables [programmes.<id>], got " + describe_value(*programmes->value));
            return;
        }
        for (const MergedNode& programme : programmes->children) {
            decode_programme(programme);
        }
    }

  private:
    void report_at(const MergedNode& node, const std::string& path, std::string message) {
        diagnostics_.push_back(diagnostic_at(node.key->source(), path, std::move(message)));
    }

    void decode_programme(const MergedNode& node) {
        const std::string path = "programmes." + node.name;
        if (!valid_id(node.name)) {
            report_at(node, path,
                      "expected a programme id of lower-case letters, digits and _ (it names "
                      "the outcomes programme.<id>.*), got \"" +
                          node.name + "\"");
            return;
        }
        if (!node.is_table) {
            decoder_.report(*node.value, path,
                            "expected a table [" + path + "], got " + describe_value(*node.value));
            return;
        }
        if (scenario_.parameters.programmes.size() >= 16) {
            report_at(node, path, "expected at most 16 programmes");
            return;
        }
        std::optional<ProgrammeKind> kind = read_kind(node, path);
        if (!kind) {
            return;
        }
        const std::size_t index = scenario_.parameters.programmes.size();
        scenario_.parameters.programmes.emplace_back();
        scenario_.funding.emplace_back();
        ProgrammeParameters& programme = scenario_.parameters.programmes.back();
        programme.id = node.name;
        programme.kind = *kind;
        const KindRules rules = rules_of(*kind);
        check_keys(node, path, rules, *kind);

        auto number = [&](std::string_view key, double ProgrammeParameters::*member, Range range,
                          bool required = true) {
            const MergedNode* value = node.find(key);
            const std::string field = path + "." + std::string(key);
            if (value == nullptr) {
                if (required) {
                    decoder_.report_missing(field);
                }
                return;
            }
            decoder_.decode_leaf(*value->value, field, range, programme.*member,
                                 Locator([index, member](model::Parameters& parameters) {
                                     return &(parameters.programmes[index].*member);
                                 }));
        };
        auto integer = [&](const MergedNode& table, std::string_view key, const std::string& at,
                           int& target, Range range) {
            const MergedNode* value = table.find(key);
            const std::string field = at + "." + std::string(key);
            if (value == nullptr) {
                decoder_.report_missing(field);
                return;
            }
            decoder_.decode_leaf(*value->value, field, range, target, Locator());
        };

        const bool individual = *kind != ProgrammeKind::prevention;
        if (individual) {
            number("min_age_years", &ProgrammeParameters::min_age_years, {0.0, 120.0});
            number("max_age_years", &ProgrammeParameters::max_age_years, {0.0, 121.0});
            number("consent_probability", &ProgrammeParameters::consent_probability, {0.0, 1.0});
            integer(node, "max_wait_months", path, programme.max_wait_months, {0.0, 120.0});
        }
        if (const MergedNode* name = node.find("name")) {
            std::string title;
            decoder_.decode_leaf(*name->value, path + ".name", Range{}, title, Locator());
        }
        number("duration_mean_months", &ProgrammeParameters::duration_mean_months,
               {0.0, 600.0, true, false}, *kind != ProgrammeKind::channel);
        decode_effects(node, path, index, rules);
        decode_rules(node, path, programme, rules);
        if (rules.takes_referral_sources) {
            decode_referral_sources(node, path, index, rules.needs_referral_sources);
        }
        decode_funding(decoder_, diagnostics_, node, path, scenario_.funding.back());
        scenario_.funding.back().programme = programme.id;
        if (individual && programme.min_age_years >= programme.max_age_years &&
            node.find("min_age_years") != nullptr && node.find("max_age_years") != nullptr) {
            decoder_.report(*written(node, "max_age_years"), path + ".max_age_years",
                            "expected max_age_years above min_age_years (" +
                                format_number(programme.min_age_years) + ")");
        }
    }

    static const toml::node* written(const MergedNode& node, std::string_view key) {
        const MergedNode* child = node.find(key);
        if (child == nullptr) {
            return nullptr;
        }
        if (const toml::table* wrapped = child->value->as_table()) {
            if (const toml::node* value = wrapped->get("value")) {
                return value;
            }
        }
        return child->value;
    }

    std::optional<ProgrammeKind> read_kind(const MergedNode& node, const std::string& path) {
        const MergedNode* kind = node.find("kind");
        if (kind == nullptr) {
            decoder_.report_missing(path + ".kind");
            return std::nullopt;
        }
        std::string text;
        if (!decoder_.decode_leaf(*kind->value, path + ".kind", Range{}, text, Locator())) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < model::kProgrammeKindCount; ++i) {
            if (model::kProgrammeKindNames[i] == text) {
                return static_cast<ProgrammeKind>(i);
            }
        }
        decoder_.report(*kind->value, path + ".kind",
                        unknown_name_message(text, model::kProgrammeKindNames, "programme kind"));
        return std::nullopt;
    }

    void check_keys(const MergedNode& node, const std::string& path, const KindRules& rules,
                    ProgrammeKind kind) {
        std::vector<std::string_view> known(kGenericKeys.begin(), kGenericKeys.end());
        known.push_back("effects");
        if (!rules.rules.empty()) {
            known.push_back("rules");
        }
        const bool individual = kind != ProgrammeKind::prevention;
        for (const MergedNode& child : node.children) {
            const bool known_key = std::find(known.begin(), known.end(), child.name) != known.end();
            const bool not_for_kind =
                (child.name == "referral_sources" && !rules.takes_referral_sources) ||
                (!individual &&
                 (child.name == "min_age_years" || child.name == "max_age_years" ||
                  child.name == "consent_probability" || child.name == "max_wait_months")) ||
                (child.name == "duration_mean_months" && kind == ProgrammeKind::channel);
            if (!known_key) {
                report_at(child, path + "." + child.name, unknown_name_message(child.name, known));
            } else if (not_for_kind) {
                report_at(
                    child, path + "." + child.name,
                    "a " + std::string(model::kProgrammeKindNames[static_cast<std::size_t>(kind)]) +
                        " programme takes no " + child.name + "; remove it");
            }
        }
    }

    void decode_effects(const MergedNode& node, const std::string& path, std::size_t index,
                        const KindRules& rules) {
        const std::string at = path + ".effects";
        const MergedNode* effects = node.find("effects");
        if (effects == nullptr) {
            decoder_.report_missing(
                at + "." +
                std::string(rules.takes_offending_effect ? "fade_months" : rules.effects.front()));
            return;
        }
        if (!effects->is_table) {
            decoder_.report(
                *effects->value, at,
                "expected a table [" + at + "], got " + describe_value(*effects->value));
            return;
        }
        model::ProgrammeEffects& target = scenario_.parameters.programmes[index].effects;
        std::vector<std::string_view> known = rules.effects;
        if (rules.takes_offending_effect) {
            known.push_back("offending_hazard_ratio");
            known.push_back("fade_months");
        }
        for (const MergedNode& child : effects->children) {
            if (std::find(known.begin(), known.end(), child.name) == known.end()) {
                report_at(child, at + "." + child.name,
                          unknown_name_message(child.name, known, "effect for this kind"));
            }
        }
        using Member = double model::ProgrammeEffects::*;
        auto number = [&](std::string_view key, Member member, Range range) {
            const MergedNode* value = effects->find(key);
            const std::string field = at + "." + std::string(key);
            if (value == nullptr) {
                decoder_.report_missing(field);
                return;
            }
            decoder_.decode_leaf(*value->value, field, range, target.*member,
                                 Locator([index, member](model::Parameters& parameters) {
                                     return &(parameters.programmes[index].effects.*member);
                                 }));
        };
        const Range ratio{0.0, 100.0};
        for (std::string_view key : rules.effects) {
            static const std::vector<std::pair<std::string_view, Member>> kMembers = {
                {"gang_exit_hazard_ratio", &model::ProgrammeEffects::gang_exit_hazard_ratio},
                {"radicalisation_hazard_ratio",
                 &model::ProgrammeEffects::radicalisation_hazard_ratio},
                {"detection_multiplier", &model::ProgrammeEffects::detection_multiplier},
                {"recall_multiplier", &model::ProgrammeEffects::recall_multiplier},
                {"risk_factor_ratio", &model::ProgrammeEffects::risk_factor_ratio},
                {"gang_join_ratio", &model::ProgrammeEffects::gang_join_ratio}};
            for (const auto& [name, member] : kMembers) {
                if (name == key) {
                    number(key, member, {0.0, 100.0, true, false});
                }
            }
        }
        if (!rules.takes_offending_effect) {
            return;
        }
        number("fade_months", &model::ProgrammeEffects::fade_months, {0.0, 600.0});
        const MergedNode* ratios = effects->find("offending_hazard_ratio");
        const std::string ratios_at = at + ".offending_hazard_ratio";
        if (ratios == nullptr) {
            decoder_.report_missing(ratios_at);
            return;
        }
        if (!ratios->is_table) {
            decoder_.report(*ratios->value, ratios_at,
                            "expected a table with a hazard ratio for each offence type, got " +
                                describe_value(*ratios->value));
            return;
        }
        for (const MergedNode& child : ratios->children) {
            if (std::find(model::kOffenceTypeNames.begin(), model::kOffenceTypeNames.end(),
                          child.name) == model::kOffenceTypeNames.end()) {
                report_at(
                    child, ratios_at + "." + child.name,
                    unknown_name_message(child.name, model::kOffenceTypeNames, "offence type"));
            }
        }
        for (std::size_t type = 0; type < model::kOffenceTypeCount; ++type) {
            const std::string_view name = model::kOffenceTypeNames[type];
            const MergedNode* value = ratios->find(name);
            const std::string field = ratios_at + "." + std::string(name);
            if (value == nullptr) {
                decoder_.report(*ratios->value, field,
                                "required, not set; give " + std::string(name) +
                                    " a hazard ratio (1 for no effect): every offence type "
                                    "needs one");
                continue;
            }
            decoder_.decode_leaf(
                *value->value, field, ratio, target.offending_hazard_ratio[type],
                Locator([index, type](model::Parameters& parameters) {
                    return &parameters.programmes[index].effects.offending_hazard_ratio[type];
                }));
        }
    }

    void decode_rules(const MergedNode& node, const std::string& path,
                      ProgrammeParameters& programme, const KindRules& rules) {
        if (rules.rules.empty()) {
            return;
        }
        const std::string at = path + ".rules";
        const MergedNode* table = node.find("rules");
        if (table == nullptr) {
            decoder_.report_missing(at + "." + std::string(rules.rules.front()));
            return;
        }
        if (!table->is_table) {
            decoder_.report(*table->value, at,
                            "expected a table [" + at + "], got " + describe_value(*table->value));
            return;
        }
        for (const MergedNode& child : table->children) {
            if (std::find(rules.rules.begin(), rules.rules.end(), child.name) ==
                rules.rules.end()) {
                report_at(child, at + "." + child.name,
                          unknown_name_message(child.name, rules.rules, "rule for this kind"));
            }
        }
        auto leaf = [&](std::string_view key, auto& target, Range range) {
            const MergedNode* value = table->find(key);
            const std::string field = at + "." + std::string(key);
            if (value == nullptr) {
                decoder_.report_missing(field);
                return;
            }
            decoder_.decode_leaf(*value->value, field, range, target, Locator());
        };
        switch (programme.kind) {
            case ProgrammeKind::iom:
                leaf("score_window_months", programme.iom_score_window_months, {1.0, 120.0});
                leaf("min_proven_offences", programme.iom_min_proven_offences, {1.0, 1000.0});
                break;
            case ProgrammeKind::youth_triage:
                leaf("includes_knife_offences", programme.triage_includes_knife_offences, {});
                break;
            case ProgrammeKind::channel:
                leaf("panel_probability", programme.channel_panel_probability, {0.0, 1.0});
                leaf("adoption_probability", programme.channel_adoption_probability, {0.0, 1.0});
                leaf("review_months", programme.channel_review_months, {1.0, 60.0});
                leaf("exit_at_review_probability", programme.channel_exit_at_review_probability,
                     {0.0, 1.0});
                leaf("no_further_concern_share", programme.channel_no_further_concern_share,
                     {0.0, 1.0});
                break;
            case ProgrammeKind::prevention:
                leaf("reach_age_min_years", programme.prevention_reach_age_min_years, {0.0, 10.0});
                leaf("reach_age_max_years", programme.prevention_reach_age_max_years,
                     {0.0, 10.0, true, false});
                if (programme.prevention_reach_age_min_years >=
                        programme.prevention_reach_age_max_years &&
                    table->find("reach_age_max_years") != nullptr) {
                    decoder_.report(*table->find("reach_age_max_years")->value,
                                    at + ".reach_age_max_years",
                                    "expected reach_age_max_years above reach_age_min_years");
                }
                break;
            default:
                break;
        }
    }

    // An array of tables; reports and returns null when it is something else.

    void decode_referral_sources(const MergedNode& node, const std::string& path, std::size_t index,
                                 bool required) {
        const std::string field = path + ".referral_sources";
        if (node.find("referral_sources") == nullptr) {
            if (required) {
                decoder_.report_missing(field);
            }
            return;
        }
        const toml::array* sources =
            array_of_tables(decoder_, node, "referral_sources", field,
                            "name = \"police\", event = \"arrest\", probability = 0.1");
        if (sources == nullptr) {
            return;
        }
        static constexpr std::array<std::string_view, 4> kKeys = {"name", "event", "probability",
                                                                  "source"};
        auto& programme_sources = scenario_.parameters.programmes[index].referral_sources;
        for (std::size_t i = 0; i < sources->size(); ++i) {
            const toml::table& entry = *sources->get(i)->as_table();
            const std::string at = field + "[" + std::to_string(i) + "]";
            unknown_entry_keys(diagnostics_, entry, at, kKeys);
            model::ReferralSource source;
            bool valid = true;
            auto required_value = [&](std::string_view key) -> const toml::node* {
                const toml::node* value = entry.get(key);
                if (value == nullptr) {
                    diagnostics_.push_back(diagnostic_at(
                        entry.source(), at + "." + std::string(key), "required, not set"));
                    valid = false;
                }
                return value;
            };
            if (const toml::node* name = required_value("name")) {
                valid =
                    decoder_.decode_leaf(*name, at + ".name", Range{}, source.name, Locator()) &&
                    valid;
                if (valid && !valid_id(source.name)) {
                    decoder_.report(*name, at + ".name",
                                    "expected a name of lower-case letters, digits and _ (it "
                                    "names the outcome referrals_<name>), got \"" +
                                        source.name + "\"");
                    valid = false;
                }
                for (const model::ReferralSource& earlier : programme_sources) {
                    if (valid && earlier.name == source.name) {
                        decoder_.report(*name, at + ".name",
                                        "expected a name not already used by another source of "
                                        "this programme, got \"" +
                                            source.name + "\"");
                        valid = false;
                    }
                }
            }
            if (const toml::node* event = required_value("event")) {
                std::string text;
                if (decoder_.decode_leaf(*event, at + ".event", Range{}, text, Locator())) {
                    auto found = std::find(model::kReferralEventNames.begin(),
                                           model::kReferralEventNames.end(), text);
                    if (found == model::kReferralEventNames.end()) {
                        decoder_.report(*event, at + ".event",
                                        unknown_name_message(text, model::kReferralEventNames,
                                                             "referral event"));
                        valid = false;
                    } else {
                        source.event = static_cast<model::ReferralEvent>(
                            found - model::kReferralEventNames.begin());
                    }
                } else {
                    valid = false;
                }
            }
            if (const toml::node* probability = required_value("probability")) {
                const std::size_t source_index = programme_sources.size();
                valid = decoder_.decode_leaf(
                            *probability, at + ".probability", Range{0.0, 1.0}, source.probability,
                            Locator([index, source_index](model::Parameters& parameters) {
                                return &parameters.programmes[index]
                                            .referral_sources[source_index]
                                            .probability;
                            })) &&
                        valid;
            }
            if (const toml::node* source_text = entry.get("source");
                source_text != nullptr && !source_text->is_string()) {
                decoder_.report(*source_text, at + ".source",
                                "expected a string saying where the value comes from, got " +
                                    describe_value(*source_text));
            }
            // Kept even when invalid so later sources' indices stay in place.
            programme_sources.push_back(source);
        }
    }

    ParameterDecoder& decoder_;
    Scenario& scenario_;
    std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

void decode_programmes(const MergedNode& root, const std::filesystem::path& named_file,
                       Scenario& scenario, std::vector<Diagnostic>& diagnostics) {
    ParameterDecoder decoder(named_file, scenario, diagnostics);
    ProgrammeDecoder(decoder, scenario, diagnostics).decode(root);
}

void schedule_programmes(Scenario& scenario) {
    const model::SimulationParameters& simulation = scenario.parameters.simulation;
    for (std::size_t i = 0; i < scenario.parameters.programmes.size(); ++i) {
        FundingSchedule schedule = schedule_funding(scenario.funding[i], simulation.start_month,
                                                    simulation.horizon_months);
        scenario.parameters.programmes[i].places_by_month = std::move(schedule.places);
        scenario.parameters.programmes[i].spend_gbp_by_month = std::move(schedule.spend_gbp);
    }
}

}  // namespace vrsim::scenarios::detail
