#include <algorithm>
#include <numeric>

#include "vrsim/model/markov.hpp"

namespace vrsim::model {

const char* icer_status_name(IcerStatus status) {
    switch (status) {
        case IcerStatus::reference:
            return "reference";
        case IcerStatus::frontier:
            return "frontier";
        case IcerStatus::dominated:
            return "dominated";
        case IcerStatus::extendedly_dominated:
            return "extendedly dominated";
    }
    return "";
}

std::vector<IcerRow> markov_icers(const std::vector<double>& costs,
                                  const std::vector<double>& effects) {
    const std::size_t n = std::min(costs.size(), effects.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return costs[a] != costs[b] ? costs[a] < costs[b] : effects[a] > effects[b];
    });
    std::vector<IcerRow> rows(n);
    for (std::size_t k = 0; k < n; ++k) {
        rows[k].strategy = order[k];
        rows[k].cost = costs[order[k]];
        rows[k].effect = effects[order[k]];
        rows[k].status = IcerStatus::frontier;
    }
    // Strongly dominated: a cheaper (or equally cheap, listed earlier) strategy
    // is at least as effective.
    double best_effect = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        if (k > 0 && rows[k].effect <= best_effect) {
            rows[k].status = IcerStatus::dominated;
        } else {
            best_effect = rows[k].effect;
        }
    }
    // Extended dominance: drop a frontier strategy whose ICER exceeds the next
    // one's, until ICERs rise along the frontier.
    auto frontier = [&] {
        std::vector<std::size_t> kept;
        for (std::size_t k = 0; k < n; ++k) {
            if (rows[k].status == IcerStatus::frontier) {
                kept.push_back(k);
            }
        }
        return kept;
    };
    auto icer_between = [&](std::size_t from, std::size_t to) {
        return (rows[to].cost - rows[from].cost) / (rows[to].effect - rows[from].effect);
    };
    for (bool changed = true; changed;) {
        changed = false;
        const std::vector<std::size_t> kept = frontier();
        for (std::size_t k = 1; k + 1 < kept.size(); ++k) {
            if (icer_between(kept[k - 1], kept[k]) > icer_between(kept[k], kept[k + 1])) {
                rows[kept[k]].status = IcerStatus::extendedly_dominated;
                changed = true;
                break;
            }
        }
    }
    const std::vector<std::size_t> kept = frontier();
    for (std::size_t k = 0; k < kept.size(); ++k) {
        IcerRow& row = rows[kept[k]];
        if (k == 0) {
            row.status = IcerStatus::reference;
            row.compared_with = row.strategy;
            continue;
        }
        const IcerRow& previous = rows[kept[k - 1]];
        row.compared_with = previous.strategy;
        row.incremental_cost = row.cost - previous.cost;
        row.incremental_effect = row.effect - previous.effect;
        row.icer = row.incremental_cost / row.incremental_effect;
    }
    return rows;
}

}  // namespace vrsim::model
