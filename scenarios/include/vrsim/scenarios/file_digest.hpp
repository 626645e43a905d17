#pragma once
// Content hashes that let a manifest prove which input files a run read.
#include <filesystem>
#include <string>

namespace vrsim::scenarios {

// SHA-256 of a file's bytes as 64 lowercase hex digits. Throws std::runtime_error
// naming the file when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace vrsim::scenarios
