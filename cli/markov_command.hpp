#pragma once
// `vrsim markov MODEL.toml`: runs a state-transition (Markov) cohort model file
// and writes its totals, ICERs, trace and optional PSA samples.
#include <cstdint>
#include <filesystem>

#include <CLI/CLI.hpp>

namespace vrsim::cli {

struct MarkovArguments {
    std::filesystem::path model;
    std::filesystem::path out;  // empty: runs/<model file stem>
    std::uint32_t samples = 0;  // PSA samples; 0 runs the deterministic model only
    std::uint64_t seed = 20190401;
    bool quiet = false;
};

CLI::App* add_markov_command(CLI::App& app, MarkovArguments& arguments);

// Returns an ExitCode.
int markov_command(const MarkovArguments& arguments);

}  // namespace vrsim::cli
