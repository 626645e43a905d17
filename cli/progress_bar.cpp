#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace vrsim::cli {

namespace {

constexpr int kWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);  // don't flood a slow terminal

std::string minutes_and_seconds(double seconds) {
    const auto whole = static_cast<long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", whole / 60, whole % 60);
    return text;
}

}  // namespace

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
    finish();
}

bool ProgressBar::wanted(bool quiet) {
    return !quiet && ::isatty(STDERR_FILENO) == 1;
}

void ProgressBar::update(std::uint32_t done, std::uint32_t total) {
    if (!enabled_ || total == 0) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_draw_ < kRedrawInterval) {
        return;
    }
    last_draw_ = now;
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * kWidth);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const std::string remaining =
        done > 0 ? minutes_and_seconds(elapsed / fraction - elapsed) : std::string("?");
    std::fprintf(stderr, "\r[%s%s] %u/%u replicates, %s left ", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total, remaining.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) {
        std::fputc('\n', stderr);
        drawn_ = false;
    }
}

}  // namespace vrsim::cli
