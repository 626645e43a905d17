#include "run_with_progress.hpp"

#include <iostream>

#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "vrsim/scenarios/output_files.hpp"

namespace vrsim::cli {

int run_with_progress(bool quiet, const std::filesystem::path& out,
                      const std::function<void(const scenarios::ProgressCallback&)>& write) {
    watch_for_interrupt();
    ProgressBar progress(ProgressBar::wanted(quiet));
    try {
        write([&](std::uint32_t done, std::uint32_t total) {
            stop_if_interrupted();
            progress.update(done, total);
        });
    } catch (const Interrupted&) {
        progress.finish();
        std::cerr << "vrsim: interrupted; nothing was written to " << out.string() << '\n';
        return kInterrupted;
    } catch (const scenarios::OutputError& error) {
        progress.finish();
        std::cerr << "vrsim: error: " << error.what() << '\n';
        return kRuntimeFailure;
    } catch (...) {
        progress.finish();
        throw;
    }
    progress.finish();
    return kOk;
}

}  // namespace vrsim::cli
