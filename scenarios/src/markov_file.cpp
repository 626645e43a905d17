// Reading a Markov model file: every section checked, every problem reported
// with its place, then the deterministic model built and its rows checked.
#include "vrsim/scenarios/markov_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>

#include "distributions.hpp"
#include "markov_program.hpp"
#include "scenario_diagnostics.hpp"
#include "toml_checks.hpp"

namespace vrsim::scenarios {
namespace {

using detail::describe_value;
using detail::MarkovProgram;
using detail::MarkovSlot;
using detail::MarkovTerm;
using detail::unknown_name_message;

constexpr std::array<std::string_view, 6> kTopKeys = {"model",       "states",  "parameters",
                                                      "transitions", "rewards", "strategy"};
constexpr std::array<std::string_view, 7> kModelKeys = {
    "name", "cycles", "cycle_length_years", "counting", "discount_first_cycle", "cost", "effect"};
constexpr std::array<std::string_view, 2> kStatesKeys = {"names", "initial"};
constexpr std::array<std::string_view, 3> kRewardKeys = {"discount_rate", "states", "transitions"};
constexpr std::array<std::string_view, 3> kStrategyKeys = {"name", "parameters", "transitions"};
constexpr std::array<std::string_view, 2> kUncertainKeys = {"value", "distribution"};
constexpr std::array<std::string_view, 3> kCountings = {"start", "end", "half-cycle"};
constexpr std::array<std::string_view, 5> kReserved = {"cycle", "exp", "log", "min", "max"};
constexpr int kMaxCycles = 100000;

bool is_identifier(std::string_view name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

MarkovSlot make_slot(MarkovSlot::Kind kind, std::string name, double value = 0.0) {
    MarkovSlot slot;
    slot.kind = kind;
    slot.name = std::move(name);
    slot.value = value;
    return slot;
}

double distribution_mean(const Distribution& d) {
    switch (d.kind) {
        case Distribution::Kind::normal:
            return d.a;
        case Distribution::Kind::lognormal:
            return std::exp(d.a + d.b * d.b / 2.0);
        case Distribution::Kind::beta:
            return d.a / (d.a + d.b);
        case Distribution::Kind::gamma:
            return d.a * d.b;
        case Distribution::Kind::uniform:
            return (d.a + d.b) / 2.0;
    }
    return d.a;
}

class MarkovReader : detail::TomlChecks {
  public:
    MarkovReader(const toml::table& root, std::vector<Diagnostic>& diagnostics)
        : TomlChecks(diagnostics), root_(root) {}

    MarkovProgram read(std::string& cost, std::string& effect) {
        check_keys(root_, "", kTopKeys);
        program_.slots.push_back(make_slot(MarkovSlot::Kind::cycle, "cycle"));
        slot_of_["cycle"] = 0;
        read_model(cost, effect);
        read_states();
        read_parameters();
        read_rewards();
        read_strategies();
        if (!cost.empty()) {
            check_reward_name(cost, "model.cost");
            check_reward_name(effect, "model.effect");
        }
        return std::move(program_);
    }

  private:
    const toml::table* table_at(const toml::table& parent, std::string_view key,
                                const std::string& field, bool required) {
        const toml::node* node = present(parent, key, field, required);
        if (node == nullptr) {
            return nullptr;
        }
        if (!node->is_table()) {
            report(*node, field, "expected a table, got " + describe_value(*node));
            return nullptr;
        }
        return node->as_table();
    }
    std::optional<double> number_at(const toml::table& parent, std::string_view key,
                                    const std::string& field, bool required) {
        const toml::node* node = present(parent, key, field, required);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_number() || !std::isfinite(node->value<double>().value())) {
            report(*node, field, "expected a finite number, got " + describe_value(*node));
            return std::nullopt;
        }
        return node->value<double>();
    }
    std::optional<std::string> string_at(const toml::table& parent, std::string_view key,
                                         const std::string& field, bool required) {
        const toml::node* node = present(parent, key, field, required);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            report(*node, field, "expected a string, got " + describe_value(*node));
            return std::nullopt;
        }
        return node->as_string()->get();
    }

    void read_model(std::string& cost, std::string& effect) {
        const toml::table* model = table_at(root_, "model", "model", true);
        if (model == nullptr) {
            return;
        }
        check_keys(*model, "model", kModelKeys);
        program_.shape.name = string_at(*model, "name", "model.name", true).value_or("");
        if (const toml::node* cycles = model->get("cycles")) {
            const auto value = cycles->value<std::int64_t>();
            if (!cycles->is_integer() || *value < 1 || *value > kMaxCycles) {
                report(*cycles, "model.cycles",
                       "expected a whole number from 1 to " + std::to_string(kMaxCycles) +
                           ", got " + describe_value(*cycles));
            } else {
                program_.shape.cycles = static_cast<int>(*value);
            }
        } else {
            report(*model, "model.cycles", "required, not set");
        }
        if (auto length =
                number_at(*model, "cycle_length_years", "model.cycle_length_years", false)) {
            if (*length <= 0.0) {
                report(*model->get("cycle_length_years"), "model.cycle_length_years",
                       "expected a number > 0, got " + detail::format_number(*length));
            } else {
                program_.shape.cycle_length_years = *length;
            }
        }
        if (auto counting = string_at(*model, "counting", "model.counting", true)) {
            const auto at = std::find(kCountings.begin(), kCountings.end(), *counting);
            if (at == kCountings.end()) {
                report(*model->get("counting"), "model.counting",
                       unknown_name_message(*counting, kCountings, "counting method"));
            } else {
                program_.shape.counting =
                    static_cast<model::MarkovCounting>(at - kCountings.begin());
            }
        }
        const toml::node* first = model->get("discount_first_cycle");
        if (first == nullptr || !first->is_boolean()) {
            report(first != nullptr ? *first : *model, "model.discount_first_cycle",
                   first == nullptr ? "required, not set; true discounts cycle t by (1+r)^-t, "
                                      "false by (1+r)^-(t-1)"
                                    : "expected true or false, got " + describe_value(*first));
        } else {
            program_.shape.discount_first_cycle = first->as_boolean()->get();
        }
        cost = string_at(*model, "cost", "model.cost", false).value_or("");
        effect = string_at(*model, "effect", "model.effect", false).value_or("");
        if (cost.empty() != effect.empty()) {
            report(*model, cost.empty() ? "model.cost" : "model.effect",
                   "cost and effect name the rewards compared in icer.csv; set both or neither");
            cost.clear();
            effect.clear();
        }
        model_table_ = model;
    }

    void check_reward_name(const std::string& name, const std::string& field) {
        std::vector<std::string_view> names;
        for (const model::MarkovReward& reward : program_.shape.rewards) {
            names.push_back(reward.name);
        }
        if (std::find(names.begin(), names.end(), name) == names.end() && model_table_ &&
            rewards_read_) {
            report(*model_table_->get(field.substr(6)), field,
                   unknown_name_message(name, names, "reward"));
        }
    }

    void read_states() {
        const toml::table* states = table_at(root_, "states", "states", true);
        if (states == nullptr) {
            return;
        }
        check_keys(*states, "states", kStatesKeys);
        const toml::node* names = states->get("names");
        const toml::array* list = names != nullptr ? names->as_array() : nullptr;
        if (list == nullptr || list->empty()) {
            report(names != nullptr ? *names : *states, "states.names",
                   "expected a non-empty array of state names such as [\"well\", \"dead\"]");
            return;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            const toml::node& name = *list->get(i);
            const std::string field = "states.names[" + std::to_string(i) + "]";
            if (!name.is_string() || name.as_string()->get().empty()) {
                report(name, field, "expected a state name, got " + describe_value(name));
                continue;
            }
            const std::string& text = name.as_string()->get();
            if (std::find(state_names_.begin(), state_names_.end(), text) != state_names_.end()) {
                report(name, field, "state \"" + text + "\" is named twice");
                continue;
            }
            state_names_.push_back(text);
        }
        program_.shape.states = state_names_;
        const auto n = static_cast<Eigen::Index>(state_names_.size());
        const toml::node* initial = states->get("initial");
        const toml::array* values = initial != nullptr ? initial->as_array() : nullptr;
        if (values == nullptr || values->size() != state_names_.size()) {
            report(initial != nullptr ? *initial : *states, "states.initial",
                   "expected an array of " + std::to_string(n) +
                       " numbers, the share of the cohort starting in each state");
            return;
        }
        program_.shape.initial.resize(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            const toml::node& value = *values->get(static_cast<std::size_t>(i));
            const auto number = value.value<double>();
            if (!value.is_number() || !(*number >= 0.0) || !std::isfinite(*number)) {
                report(value, "states.initial[" + std::to_string(i) + "]",
                       "expected a number >= 0, got " + describe_value(value));
                continue;
            }
            program_.shape.initial(i) = *number;
        }
    }

    std::optional<std::size_t> state_index(const toml::key& key, const std::string& field) {
        const auto at = std::find(state_names_.begin(), state_names_.end(), key.str());
        if (at == state_names_.end()) {
            std::vector<std::string_view> known(state_names_.begin(), state_names_.end());
            diagnostics_.push_back(detail::diagnostic_at(
                key.source(), field, unknown_name_message(key.str(), known, "state")));
            return std::nullopt;
        }
        return static_cast<std::size_t>(at - state_names_.begin());
    }

    std::size_t add_slot(MarkovSlot slot) {
        slot_of_[slot.name] = program_.slots.size();
        program_.slots.push_back(std::move(slot));
        return program_.slots.size() - 1;
    }

    // First pass: every parameter's name and, for all but expressions, its value.
    void read_parameters() {
        const toml::table* parameters = table_at(root_, "parameters", "parameters", false);
        if (parameters == nullptr) {
            return;
        }
        for (auto&& [key, node] : *parameters) {
            const std::string name(key.str());
            const std::string field = "parameters." + name;
            if (!is_identifier(name) ||
                std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) {
                diagnostics_.push_back(detail::diagnostic_at(
                    key.source(), field,
                    "a parameter name is letters, digits and _ (not starting with a digit) and "
                    "not one of cycle, exp, log, min, max"));
                continue;
            }
            if (node.is_number()) {
                add_slot(make_slot(MarkovSlot::Kind::fixed, name, node.value<double>().value()));
            } else if (node.is_string()) {
                const std::size_t slot = add_slot(make_slot(MarkovSlot::Kind::expression, name));
                pending_.emplace_back(slot, &node);
            } else if (const toml::table* table = node.as_table()) {
                if (table->contains("dirichlet")) {
                    read_dirichlet(name, *table, field);
                } else {
                    read_uncertain(name, *table, field);
                }
            } else {
                report(node, field,
                       "expected a number, an expression string, { value = ..., distribution = "
                       "{ ... } } or { dirichlet = { ... } }, got " +
                           describe_value(node));
            }
        }
    }

    void read_uncertain(const std::string& name, const toml::table& table,
                        const std::string& field) {
        check_keys(table, field, kUncertainKeys);
        const toml::node* node = table.get("distribution");
        if (node == nullptr) {
            report(table, field + ".distribution",
                   "required, not set; e.g. { type = \"beta\", alpha = 45, beta = 55 }");
            return;
        }
        auto distribution = detail::read_distribution(*node, field + ".distribution", diagnostics_);
        if (!distribution) {
            return;
        }
        MarkovSlot slot = make_slot(MarkovSlot::Kind::drawn, name);
        slot.distribution = *distribution;
        slot.value = number_at(table, "value", field + ".value", false)
                         .value_or(distribution_mean(*distribution));
        slot.field = field;
        add_slot(std::move(slot));
        uncertain_.push_back(field);
    }

    void read_dirichlet(const std::string& name, const toml::table& table,
                        const std::string& field) {
        constexpr std::array<std::string_view, 1> kKeys = {"dirichlet"};
        check_keys(table, field, kKeys);
        const toml::table* alpha = table_at(table, "dirichlet", field + ".dirichlet", true);
        if (alpha == nullptr || alpha->empty()) {
            if (alpha != nullptr) {
                report(*alpha, field + ".dirichlet",
                       "expected { key = alpha, ... } with alpha > 0, e.g. observed counts");
            }
            return;
        }
        detail::MarkovDirichlet dirichlet;
        dirichlet.field = field;
        double total = 0.0;
        for (auto&& [key, value] : *alpha) {
            const std::string path = field + ".dirichlet." + std::string(key.str());
            const auto number = value.value<double>();
            if (!value.is_number() || !(*number > 0.0) || !std::isfinite(*number)) {
                report(value, path, "expected alpha > 0, got " + describe_value(value));
                return;
            }
            dirichlet.alpha.push_back(*number);
            total += *number;
        }
        std::size_t k = 0;
        for (auto&& [key, value] : *alpha) {
            dirichlet.slots.push_back(add_slot(make_slot(MarkovSlot::Kind::dirichlet_component,
                                                         name + "." + std::string(key.str()),
                                                         dirichlet.alpha[k++] / total)));
        }
        program_.dirichlets.push_back(std::move(dirichlet));
        uncertain_.push_back(field);
    }

    std::vector<std::string_view> slot_names() const {
        std::vector<std::string_view> names;
        for (const MarkovSlot& slot : program_.slots) {
            names.push_back(slot.name);
        }
        return names;
    }

    // A number or an expression string, bound to the parameter slots.
    std::optional<MarkovTerm> read_term(const toml::node& node, const std::string& field) {
        MarkovTerm term;
        term.where = node.source();
        term.field = field;
        if (node.is_number() && std::isfinite(node.value<double>().value())) {
            term.expression = detail::MarkovExpression::constant(node.value<double>().value());
            return term;
        }
        if (!node.is_string()) {
            report(node, field,
                   "expected a number or an expression such as \"p_death * rr\", got " +
                       describe_value(node));
            return std::nullopt;
        }
        std::string error;
        std::size_t error_at = 0;
        auto expression = detail::MarkovExpression::parse(node.as_string()->get(), error, error_at);
        if (!expression) {
            // The column of the character, after the opening quote.
            toml::source_region where = term.where;
            where.begin.column += static_cast<toml::source_index>(error_at + 1);
            diagnostics_.push_back(detail::diagnostic_at(
                where, field, "in expression \"" + node.as_string()->get() + "\": " + error));
            return std::nullopt;
        }
        bool bound = true;
        for (const std::string& name : expression->names()) {
            const auto found = slot_of_.find(name);
            if (found == slot_of_.end()) {
                const std::vector<std::string_view> known = slot_names();
                report(node, field,
                       unknown_name_message(name, known, "parameter \"" + name + "\""));
                bound = false;
                continue;
            }
            term.uses.push_back(found->second);
        }
        if (!bound) {
            return std::nullopt;
        }
        expression->bind(term.uses);
        term.expression = std::move(*expression);
        return term;
    }

    void read_rewards() {
        const toml::table* rewards = table_at(root_, "rewards", "rewards", true);
        // Expression parameters are bound now that every parameter has a slot.
        for (auto [slot, node] : pending_) {
            program_.slots[slot].expression =
                read_term(*node, "parameters." + program_.slots[slot].name);
        }
        rewards_read_ = true;
        if (rewards == nullptr) {
            return;
        }
        for (auto&& [key, node] : *rewards) {
            const std::string field = "rewards." + std::string(key.str());
            if (!node.is_table()) {
                report(node, field, "expected a table, got " + describe_value(node));
                continue;
            }
            const toml::table& table = *node.as_table();
            check_keys(table, field, kRewardKeys);
            model::MarkovReward reward{std::string(key.str()), 0.0};
            if (auto rate = number_at(table, "discount_rate", field + ".discount_rate", true)) {
                if (*rate <= -1.0 || *rate >= 1.0) {
                    report(*table.get("discount_rate"), field + ".discount_rate",
                           "expected an annual rate as a fraction in (-1, 1) such as 0.035, got " +
                               detail::format_number(*rate));
                }
                reward.discount_rate = *rate;
            }
            detail::MarkovRewardProgram values;
            values.states.resize(state_names_.size());
            std::vector<bool> seen(state_names_.size(), false);
            if (const toml::table* states = table_at(table, "states", field + ".states", true)) {
                for (auto&& [state, value] : *states) {
                    const std::string path = field + ".states." + std::string(state.str());
                    if (auto index = state_index(state, path)) {
                        if (auto term = read_term(value, path)) {
                            values.states[*index] = std::move(*term);
                            seen[*index] = true;
                        }
                    }
                }
                for (std::size_t s = 0; s < seen.size(); ++s) {
                    if (!seen[s] && !states->contains(state_names_[s])) {
                        report(*states, field + ".states." + state_names_[s],
                               "missing: every state needs a value (write 0 for none)");
                    }
                }
            }
            if (const toml::table* flows =
                    table_at(table, "transitions", field + ".transitions", false)) {
                read_transition_rewards(*flows, field + ".transitions", values);
            }
            program_.shape.rewards.push_back(std::move(reward));
            reward_values_.push_back(std::move(values));
        }
        if (program_.shape.rewards.empty()) {
            report(*rewards, "rewards", "expected at least one reward such as [rewards.cost]");
        }
    }

    void read_transition_rewards(const toml::table& flows, const std::string& field,
                                 detail::MarkovRewardProgram& values) {
        for (auto&& [from, row] : flows) {
            const std::string row_field = field + "." + std::string(from.str());
            const auto i = state_index(from, row_field);
            if (!i) {
                continue;
            }
            if (!row.is_table()) {
                report(row, row_field, "expected a table { to_state = value }");
                continue;
            }
            for (auto&& [to, value] : *row.as_table()) {
                const std::string path = row_field + "." + std::string(to.str());
                if (auto j = state_index(to, path)) {
                    if (auto term = read_term(value, path)) {
                        values.transitions.push_back({{*i, *j}, std::move(*term)});
                    }
                }
            }
        }
    }

    std::vector<detail::MarkovRowProgram> read_transitions(const toml::table& table,
                                                           const std::string& field) {
        std::vector<detail::MarkovRowProgram> rows(state_names_.size());
        std::vector<bool> seen(state_names_.size(), false);
        for (auto&& [from, row] : table) {
            const std::string row_field = field + "." + std::string(from.str());
            const auto i = state_index(from, row_field);
            if (!i) {
                continue;
            }
            seen[*i] = true;
            if (!row.is_table()) {
                report(row, row_field,
                       "expected a table of probabilities by state, e.g. { " + state_names_[*i] +
                           " = \"rest\", ... }, got " + describe_value(row));
                continue;
            }
            detail::MarkovRowProgram& out = rows[*i];
            out.where = row.source();
            out.field = row_field;
            for (auto&& [to, value] : *row.as_table()) {
                const std::string path = row_field + "." + std::string(to.str());
                const auto j = state_index(to, path);
                if (!j) {
                    continue;
                }
                if (value.is_string() && value.as_string()->get() == "rest") {
                    if (out.rest) {
                        report(value, path, "only one probability in a row can be \"rest\"");
                        continue;
                    }
                    MarkovTerm term;
                    term.where = value.source();
                    term.field = path;
                    out.rest.emplace(*j, std::move(term));
                } else if (auto term = read_term(value, path)) {
                    out.entries.emplace_back(*j, std::move(*term));
                }
            }
        }
        for (std::size_t s = 0; s < seen.size(); ++s) {
            if (!seen[s]) {
                report(table, field + "." + state_names_[s],
                       "missing: every state needs a row; write " + state_names_[s] + " = { " +
                           state_names_[s] + " = 1 } for a state the cohort never leaves");
            }
        }
        return rows;
    }

    void read_strategies() {
        const toml::table* shared = table_at(root_, "transitions", "transitions", false);
        std::vector<detail::MarkovRowProgram> shared_rows;
        if (shared != nullptr) {
            shared_rows = read_transitions(*shared, "transitions");
        }
        const toml::node* node = root_.get("strategy");
        const toml::array* list = node != nullptr ? node->as_array() : nullptr;
        if (list == nullptr || list->empty()) {
            report(node != nullptr ? *node : root_, "strategy",
                   "expected at least one [[strategy]] with a name");
            return;
        }
        std::vector<std::string> names;
        for (std::size_t k = 0; k < list->size(); ++k) {
            const std::string field = "strategy[" + std::to_string(k) + "]";
            const toml::table* table = list->get(k)->as_table();
            if (table == nullptr) {
                report(*list->get(k), field, "expected a table");
                continue;
            }
            check_keys(*table, field, kStrategyKeys);
            detail::MarkovStrategyProgram strategy;
            strategy.name = string_at(*table, "name", field + ".name", true).value_or("");
            if (std::find(names.begin(), names.end(), strategy.name) != names.end()) {
                report(*table->get("name"), field + ".name",
                       "strategy \"" + strategy.name + "\" is named twice");
            }
            names.push_back(strategy.name);
            strategy.overrides.resize(program_.slots.size());
            if (const toml::table* own =
                    table_at(*table, "parameters", field + ".parameters", false)) {
                read_overrides(*own, field + ".parameters", strategy);
            }
            if (const toml::table* own =
                    table_at(*table, "transitions", field + ".transitions", false)) {
                strategy.rows = read_transitions(*own, field + ".transitions");
            } else if (shared != nullptr) {
                strategy.rows = shared_rows;
            } else {
                report(*table, field + ".transitions",
                       "required: neither this strategy nor the file has [transitions]");
            }
            strategy.rewards = reward_values_;
            order(strategy);
            program_.strategies.push_back(std::move(strategy));
        }
    }

    void read_overrides(const toml::table& own, const std::string& field,
                        detail::MarkovStrategyProgram& strategy) {
        for (auto&& [key, value] : own) {
            const std::string path = field + "." + std::string(key.str());
            const auto found = slot_of_.find(std::string(key.str()));
            if (found == slot_of_.end() || found->second == 0 ||
                program_.slots[found->second].kind == MarkovSlot::Kind::dirichlet_component) {
                std::vector<std::string_view> known;
                for (const MarkovSlot& slot : program_.slots) {
                    if (slot.kind != MarkovSlot::Kind::cycle &&
                        slot.kind != MarkovSlot::Kind::dirichlet_component) {
                        known.push_back(slot.name);
                    }
                }
                diagnostics_.push_back(detail::diagnostic_at(
                    key.source(), path,
                    unknown_name_message(key.str(), known, "parameter") +
                        " (a strategy sets parameters declared under [parameters])"));
                continue;
            }
            strategy.overrides[found->second] = read_term(value, path);
        }
    }

    // Dependencies first; a circular definition is reported.
    void order(detail::MarkovStrategyProgram& strategy) {
        const std::size_t n = program_.slots.size();
        auto term_of = [&](std::size_t slot) -> const MarkovTerm* {
            if (strategy.overrides[slot]) {
                return &*strategy.overrides[slot];
            }
            const auto& expression = program_.slots[slot].expression;
            return expression ? &*expression : nullptr;
        };
        std::vector<int> state(n, 0);  // 0 unvisited, 1 visiting, 2 done
        std::vector<bool> by_cycle(n, false);
        by_cycle[0] = true;
        bool circular = false;
        auto visit = [&](auto&& self, std::size_t slot) -> void {
            if (state[slot] == 2 || circular) {
                return;
            }
            const MarkovTerm* term = term_of(slot);
            if (term == nullptr) {
                state[slot] = 2;
                return;
            }
            if (state[slot] == 1) {
                circular = true;
                diagnostics_.push_back(detail::diagnostic_at(
                    term->where, term->field,
                    "defined in terms of itself (circular reference through \"" +
                        program_.slots[slot].name + "\")"));
                return;
            }
            state[slot] = 1;
            for (std::size_t used : term->uses) {
                self(self, used);
                by_cycle[slot] = by_cycle[slot] || by_cycle[used];
            }
            state[slot] = 2;
            strategy.order.push_back(slot);
        };
        for (std::size_t slot = 1; slot < n; ++slot) {
            visit(visit, slot);
        }
        auto depends = [&](const MarkovTerm& term) {
            return std::any_of(term.uses.begin(), term.uses.end(),
                               [&](std::size_t used) { return by_cycle[used]; });
        };
        for (const auto& row : strategy.rows) {
            for (const auto& entry : row.entries) {
                strategy.by_cycle = strategy.by_cycle || depends(entry.second);
            }
        }
        for (const auto& reward : strategy.rewards) {
            for (const MarkovTerm& term : reward.states) {
                strategy.by_cycle = strategy.by_cycle || depends(term);
            }
            for (const auto& flow : reward.transitions) {
                strategy.by_cycle = strategy.by_cycle || depends(flow.second);
            }
        }
    }

    const toml::table& root_;
    MarkovProgram program_;
    std::map<std::string, std::size_t> slot_of_;
    std::vector<std::pair<std::size_t, const toml::node*>> pending_;
    std::vector<std::string> state_names_;
    std::vector<detail::MarkovRewardProgram> reward_values_;
    const toml::table* model_table_ = nullptr;
    bool rewards_read_ = false;

  public:
    std::vector<std::string> uncertain_;
};

}  // namespace

MarkovDefinition load_markov_file(const std::filesystem::path& file) {
    std::vector<Diagnostic> diagnostics;
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& error) {
        Diagnostic diagnostic = detail::diagnostic_at(
            error.source(), "", "TOML syntax error: " + std::string(error.description()));
        diagnostic.file = file;
        throw ScenarioError({diagnostic});
    }
    MarkovDefinition definition;
    definition.file = file;
    MarkovReader reader(root, diagnostics);
    auto program = std::make_shared<MarkovProgram>(reader.read(definition.cost, definition.effect));
    definition.uncertain = reader.uncertain_;
    if (diagnostics.empty()) {
        detail::MarkovReporter reporter;
        reporter.diagnostics = &diagnostics;
        definition.model = program->build(program->base_values(), &reporter);
        if (diagnostics.empty()) {
            try {
                model::check_markov_model(definition.model);
            } catch (const model::MarkovError& error) {
                diagnostics.push_back({file, 0, 0, "", error.what()});
            }
        }
    }
    detail::throw_if_any(diagnostics, file);
    definition.program = std::move(program);
    return definition;
}

}  // namespace vrsim::scenarios
