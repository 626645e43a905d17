#pragma once
// Ctrl-C and SIGTERM during a run: the signal handler only records the request;
// the run stops after its next finished replicate by throwing Interrupted, so
// temporary files are removed on the way out. A second signal ends the program
// at once (the handlers are one-shot).

namespace vrsim::cli {

struct Interrupted {};

void watch_for_interrupt();
bool interrupt_requested();
// Throws Interrupted when a signal has arrived.
void stop_if_interrupted();

}  // namespace vrsim::cli
