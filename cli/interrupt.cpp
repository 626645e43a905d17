#include "interrupt.hpp"

#include <csignal>

namespace vrsim::cli {

namespace {

volatile std::sig_atomic_t requested = 0;

extern "C" void record_interrupt(int) {
    requested = 1;
}

}  // namespace

void watch_for_interrupt() {
    struct sigaction action {};
    action.sa_handler = record_interrupt;
    action.sa_flags = SA_RESETHAND;  // the second signal gets the default: exit now
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() {
    return requested != 0;
}

void stop_if_interrupted() {
    if (interrupt_requested()) {
        throw Interrupted{};
    }
}

}  // namespace vrsim::cli
