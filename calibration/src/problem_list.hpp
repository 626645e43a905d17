#pragma once
// Collects the problems of one read and throws them together.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "vrsim/calibration/diagnostics.hpp"

namespace vrsim::calibration::detail {

class ProblemList {
  public:
    // A file with thousands of bad cells would bury the first, most useful ones.
    static constexpr std::size_t kMaxListed = 50;

    void add(Diagnostic diagnostic);
    void add(const std::filesystem::path& file, int line, std::string field, std::string message);
    bool empty() const { return listed_.empty(); }
    std::size_t count() const { return listed_.size() + unlisted_; }
    // Throws ObservedDataError when any problem was added.
    void throw_if_any() const;

  private:
    std::vector<Diagnostic> listed_;
    std::size_t unlisted_ = 0;
};

// `column 5 (201904)`: a CSV field's place, 1-based, and its header.
std::string csv_column(std::size_t index, const std::string& header);

}  // namespace vrsim::calibration::detail
