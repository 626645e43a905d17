#pragma once
// Helpers for chart tests: fixture folders copied to a temporary folder, files
// read whole, and checks that a file is a well-formed SVG, PNG or PDF.
#include <unistd.h>

#include <atomic>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "test_files.hpp"

namespace vrsim::plots::testing {

using vrsim::testing::read_file;
using vrsim::testing::TemporaryFolder;
using vrsim::testing::write_file;

inline std::filesystem::path fixture(std::string_view name) {
    return std::filesystem::path(VRSIM_SOURCE_DIR) / "tests" / "plots" / "fixtures" / name;
}

// A copy of a fixture run folder inside `into`, so charts are written there.
inline std::filesystem::path copy_fixture(std::string_view name, const TemporaryFolder& into) {
    const std::filesystem::path copy = into.path() / name;
    std::filesystem::copy(fixture(name), copy, std::filesystem::copy_options::recursive);
    return copy;
}

// Parses the file as XML (throws on malformed XML) and returns the tree.
inline boost::property_tree::ptree parse_svg(const std::filesystem::path& file) {
    boost::property_tree::ptree tree;
    std::istringstream in(read_file(file));
    boost::property_tree::read_xml(in, tree);
    return tree;
}

// Every <text> element's text, in document order, joined by newlines.
inline void collect_text(const boost::property_tree::ptree& node, std::string& out) {
    for (const auto& [name, child] : node) {
        if (name == "text") {
            out.append(child.get_value<std::string>()).append("\n");
        }
        if (name != "<xmlattr>") {
            collect_text(child, out);
        }
    }
}

inline std::string svg_text(const std::filesystem::path& file) {
    std::string out;
    collect_text(parse_svg(file), out);
    return out;
}

struct PngSize {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

// The PNG signature and the IHDR chunk, which the PNG specification (ISO/IEC
// 15948, section 5.2 and 11.2.2) puts first: 8 signature bytes, a 4-byte length
// (13), "IHDR", then width and height as big-endian 32-bit numbers.
inline PngSize png_size(const std::filesystem::path& file) {
    const std::string bytes = read_file(file);
    REQUIRE(bytes.size() > 24);
    REQUIRE(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    REQUIRE(bytes.substr(8, 8) == std::string("\0\0\0\x0dIHDR", 8));
    const auto number = [&](std::size_t at) {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
        }
        return value;
    };
    return {number(16), number(20)};
}

// A PDF starts with "%PDF-" (ISO 32000-1, 7.5.2) and ends with "%%EOF" and
// an optional end of line (7.5.5).
inline bool looks_like_pdf(const std::filesystem::path& file) {
    std::string bytes = read_file(file);
    while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) {
        bytes.pop_back();
    }
    return bytes.starts_with("%PDF-") && bytes.ends_with("%%EOF");
}

}  // namespace vrsim::plots::testing
