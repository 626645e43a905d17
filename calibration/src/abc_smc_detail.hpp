#pragma once
// Shared between the ABC-SMC sources: error lists and the checkpoint file.
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/calibration/abc_smc.hpp"

namespace vrsim::calibration::detail {

// Throws AbcSmcError: `heading` then each problem on its own line.
[[noreturn]] void throw_problems(const std::string& heading,
                                 const std::vector<std::string>& problems);

// Writes the state after a completed generation (atomically).
void write_checkpoint(const std::filesystem::path& file,
                      const std::vector<AbcParameter>& parameters, const AbcSmcOptions& options,
                      const AbcSmcResult& state);

// Reads a checkpoint and checks that it was made with these parameters and
// options (see resume_abc_smc); throws AbcSmcError naming the file otherwise.
AbcSmcResult read_checkpoint(const std::filesystem::path& file,
                             const std::vector<AbcParameter>& parameters,
                             const AbcSmcOptions& options);

}  // namespace vrsim::calibration::detail
