#include "vrsim/scenarios/markov_outputs.hpp"

#include <algorithm>
#include <cstdio>

#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::scenarios {
namespace {

namespace fs = std::filesystem;

std::size_t reward_index(const model::MarkovModel& model, const std::string& name) {
    for (std::size_t r = 0; r < model.rewards.size(); ++r) {
        if (model.rewards[r].name == name) {
            return r;
        }
    }
    return model.rewards.size();
}

void write_totals(AtomicFile& file, const model::MarkovModel& model,
                  const model::MarkovResult& result) {
    std::string text = "strategy,reward,discounted,undiscounted\n";
    for (std::size_t s = 0; s < model.strategies.size(); ++s) {
        for (std::size_t r = 0; r < model.rewards.size(); ++r) {
            const auto index = static_cast<Eigen::Index>(r);
            text += csv_field(model.strategies[s].name) + ',' + csv_field(model.rewards[r].name);
            text += ',' + format_value(result.strategies[s].discounted_total(index));
            text += ',' + format_value(result.strategies[s].undiscounted_total(index)) + '\n';
        }
    }
    file.write(text);
}

void write_icers(AtomicFile& file, const model::MarkovModel& model,
                 const std::vector<model::IcerRow>& rows) {
    std::string text =
        "strategy,cost,effect,status,compared_with,incremental_cost,incremental_effect,icer\n";
    for (const model::IcerRow& row : rows) {
        const bool compared = row.status == model::IcerStatus::frontier;
        text += csv_field(model.strategies[row.strategy].name) + ',' + format_value(row.cost) +
                ',' + format_value(row.effect) + ',' + model::icer_status_name(row.status) + ',';
        if (compared) {
            text += csv_field(model.strategies[row.compared_with].name) + ',' +
                    format_value(row.incremental_cost) + ',' +
                    format_value(row.incremental_effect) + ',' + format_value(row.icer);
        } else {
            text += ",,,";
        }
        text += '\n';
    }
    file.write(text);
}

void write_trace(AtomicFile& file, const model::MarkovModel& model,
                 const model::MarkovResult& result) {
    file.write("strategy,cycle,state,occupancy\n");
    std::string text;
    for (std::size_t s = 0; s < model.strategies.size(); ++s) {
        const std::string strategy = csv_field(model.strategies[s].name) + ',';
        const Eigen::MatrixXd& trace = result.strategies[s].trace;
        for (Eigen::Index t = 0; t < trace.rows(); ++t) {
            for (Eigen::Index i = 0; i < trace.cols(); ++i) {
                text += strategy + std::to_string(t) + ',' + csv_field(model.states[i]) + ',' +
                        format_value(trace(t, i)) + '\n';
            }
        }
        file.write(text);
        text.clear();
    }
}

void write_psa(AtomicFile& file, const model::MarkovModel& model, const MarkovPsa& psa) {
    file.write("sample,strategy,reward,discounted,undiscounted\n");
    std::string text;
    for (std::size_t k = 0; k < psa.discounted.size(); ++k) {
        for (std::size_t s = 0; s < model.strategies.size(); ++s) {
            for (std::size_t r = 0; r < model.rewards.size(); ++r) {
                const auto index = static_cast<Eigen::Index>(r);
                text += std::to_string(k) + ',' + csv_field(model.strategies[s].name) + ',' +
                        csv_field(model.rewards[r].name) + ',' +
                        format_value(psa.discounted[k][s](index)) + ',' +
                        format_value(psa.undiscounted[k][s](index)) + '\n';
            }
        }
        file.write(text);
        text.clear();
    }
}

void write_psa_summary(AtomicFile& file, const model::MarkovModel& model, const MarkovPsa& psa) {
    std::string text = "strategy,reward,discounting,mean,p05,p50,p95\n";
    for (const MarkovPsaSummaryRow& row : summarise_markov_psa(psa)) {
        text += csv_field(model.strategies[row.strategy].name) + ',' +
                csv_field(model.rewards[row.reward].name) + ',' +
                (row.discounted ? "discounted," : "undiscounted,") + format_value(row.mean);
        for (double q : row.quantiles) {
            text += ',' + format_value(q);
        }
        text += '\n';
    }
    file.write(text);
}

template <class Write>
void write_file(const fs::path& folder, const std::string& name, std::vector<std::string>& written,
                Write&& write) {
    AtomicFile file(folder / name);
    write(file);
    file.commit();
    written.push_back(name);
}

}  // namespace

std::vector<model::IcerRow> markov_definition_icers(const MarkovDefinition& definition,
                                                    const model::MarkovResult& result) {
    const model::MarkovModel& model = definition.model;
    const std::size_t cost = reward_index(model, definition.cost);
    const std::size_t effect = reward_index(model, definition.effect);
    if (cost >= model.rewards.size() || effect >= model.rewards.size()) {
        return {};
    }
    std::vector<double> costs;
    std::vector<double> effects;
    for (const model::MarkovStrategyResult& strategy : result.strategies) {
        costs.push_back(strategy.discounted_total(static_cast<Eigen::Index>(cost)));
        effects.push_back(strategy.discounted_total(static_cast<Eigen::Index>(effect)));
    }
    return model::markov_icers(costs, effects);
}

std::vector<std::string> write_markov_outputs(const MarkovDefinition& definition,
                                              const model::MarkovResult& result,
                                              const MarkovPsa* psa, const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw OutputError("cannot create folder " + folder.string() + ": " + error.message());
    }
    const model::MarkovModel& model = definition.model;
    std::vector<std::string> written;
    write_file(folder, "totals.csv", written,
               [&](AtomicFile& file) { write_totals(file, model, result); });
    const std::vector<model::IcerRow> icers = markov_definition_icers(definition, result);
    if (!icers.empty()) {
        write_file(folder, "icer.csv", written,
                   [&](AtomicFile& file) { write_icers(file, model, icers); });
    }
    write_file(folder, "trace.csv", written,
               [&](AtomicFile& file) { write_trace(file, model, result); });
    if (psa != nullptr) {
        write_file(folder, "psa.csv", written,
                   [&](AtomicFile& file) { write_psa(file, model, *psa); });
        write_file(folder, "psa_summary.csv", written,
                   [&](AtomicFile& file) { write_psa_summary(file, model, *psa); });
    }
    return written;
}

std::string markov_totals_table(const MarkovDefinition& definition,
                                const model::MarkovResult& result) {
    const model::MarkovModel& model = definition.model;
    std::size_t width = 8;
    for (const model::MarkovStrategy& strategy : model.strategies) {
        width = std::max(width, strategy.name.size());
    }
    char line[256];
    std::string text;
    std::snprintf(line, sizeof line, "%-*s  %-14s %16s %16s\n", static_cast<int>(width), "strategy",
                  "reward", "discounted", "undiscounted");
    text += line;
    for (std::size_t s = 0; s < model.strategies.size(); ++s) {
        for (std::size_t r = 0; r < model.rewards.size(); ++r) {
            const auto index = static_cast<Eigen::Index>(r);
            std::snprintf(line, sizeof line, "%-*s  %-14s %16.4f %16.4f\n", static_cast<int>(width),
                          model.strategies[s].name.c_str(), model.rewards[r].name.c_str(),
                          result.strategies[s].discounted_total(index),
                          result.strategies[s].undiscounted_total(index));
            text += line;
        }
    }
    for (const model::IcerRow& row : markov_definition_icers(definition, result)) {
        if (row.status == model::IcerStatus::frontier) {
            std::snprintf(line, sizeof line, "ICER %s vs %s: %.2f %s per %s\n",
                          model.strategies[row.strategy].name.c_str(),
                          model.strategies[row.compared_with].name.c_str(), row.icer,
                          definition.cost.c_str(), definition.effect.c_str());
        } else {
            std::snprintf(line, sizeof line, "%s: %s\n",
                          model.strategies[row.strategy].name.c_str(),
                          model::icer_status_name(row.status));
        }
        text += line;
    }
    return text;
}

}  // namespace vrsim::scenarios
