#pragma once
// A one-line progress bar on stderr, redrawn in place. Silent unless enabled, so
// callers need not check whether stderr is a terminal at every update.
#include <chrono>
#include <cstdint>

namespace vrsim::cli {

class ProgressBar {
  public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint32_t done, std::uint32_t total);
    // Ends the line, so later messages start on a fresh one.
    void finish();

    // True when stderr is a terminal and the user did not ask for quiet.
    static bool wanted(bool quiet);

  private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace vrsim::cli
