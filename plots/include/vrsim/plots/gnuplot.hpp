#pragma once
// Talking to gnuplot: quoting text into its scripts, and running it as a child
// process (no shell) in a folder.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::plots {

// `text` as a gnuplot single-quoted string, taken literally: gnuplot does no
// backquote, macro or escape processing inside single quotes; a quote is
// doubled, a control character (a line break) becomes a space, and bytes that
// are not UTF-8 become '?', so a name from a file can neither end the command
// nor make the SVG invalid.
std::string gnuplot_string(std::string_view text);

// gnuplot_string for a tic label, which gnuplot also reads as a format for the
// tic's value: a per cent sign is doubled so it is drawn as written.
std::string gnuplot_tic_label(std::string_view text);

// A number for a gnuplot script or data file: shortest round-trip form, NaN
// (which gnuplot skips) for anything not finite.
std::string gnuplot_number(double value);

// Runs `program -d SCRIPT` (-d: ignore the user's ~/.gnuplot, so every machine
// draws the same) with `folder` as its working folder, LC_ALL=C.UTF-8 and TZ=UTC,
// found on PATH when `program` has no slash. Returns what it printed on stderr
// (warnings) when it exits 0. Throws RenderError when it cannot be started (the
// message says how to install it) or exits otherwise (the message holds its
// stderr).
std::string run_gnuplot(const std::string& program, const std::filesystem::path& folder,
                        const std::string& script);

// The same for several scripts in one folder, run side by side; waits for all
// of them. Returns their warnings, in the order of `scripts`.
std::vector<std::string> run_gnuplot_scripts(const std::string& program,
                                             const std::filesystem::path& folder,
                                             const std::vector<std::string>& scripts);

}  // namespace vrsim::plots
