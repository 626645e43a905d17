#pragma once
// Numbers and names as the narrative prints them, the same on every machine.
#include <string>
#include <string_view>
#include <vector>

namespace vrsim::notebooks {

// Rounded to `decimals` places with thousands separators: "1,234.5", "-3,500".
std::string format_number(double value, int decimals);
// Pounds, whole: "£30,000", "-£3,500".
std::string format_pounds(double value);
// A probability as a whole percentage: "67%".
std::string format_percent(double probability);
// A signed change as a percentage with one decimal: "-9.1%", "+4.0%".
std::string format_change(double fraction);
// Text safe inside Markdown (and its tables): punctuation that Markdown reads
// as markup is escaped with a backslash.
std::string markdown_text(std::string_view text);
// "A", "A and B", "A, B and C".
std::string joined_list(const std::vector<std::string>& items);
// A relative path as a Markdown link target: characters that end or break a
// link are percent-encoded.
std::string link_target(std::string_view path);

}  // namespace vrsim::notebooks
