#include "text_format.hpp"

#include <cmath>
#include <cstdio>

namespace vrsim::notebooks {

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) {
        return std::isnan(value) ? "not available" : (value > 0 ? "infinite" : "-infinite");
    }
    char digits[64];
    // The C locale's %f: a point for decimals, no grouping; grouping added below.
    std::snprintf(digits, sizeof digits, "%.*f", decimals, std::fabs(value));
    std::string plain(digits);
    const std::size_t point = plain.find('.');
    const std::size_t whole = point == std::string::npos ? plain.size() : point;
    std::string grouped;
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += plain[i];
    }
    grouped += plain.substr(whole);
    // No "-0.0": a value that rounds to zero prints unsigned.
    const bool negative = value < 0 && grouped.find_first_not_of("0.,") != std::string::npos;
    return negative ? "-" + grouped : grouped;
}

std::string format_pounds(double value) {
    if (!std::isfinite(value)) {
        return format_number(value, 0);
    }
    std::string text = format_number(value, 0);
    const std::size_t digits = text.front() == '-' ? 1 : 0;
    text.insert(digits, "£");
    return text;
}

std::string format_percent(double probability) {
    if (!std::isfinite(probability)) {
        return format_number(probability, 0);
    }
    return format_number(probability * 100.0, 0) + "%";
}

std::string format_change(double fraction) {
    if (!std::isfinite(fraction)) {
        return "not available";
    }
    std::string text = format_number(fraction * 100.0, 1);
    if (text.front() != '-' && text.find_first_not_of("0.,") != std::string::npos) {
        text.insert(0, 1, '+');
    }
    return text + "%";
}

std::string markdown_text(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        if (std::string_view("\\`*_{}[]<>()#+-!|~$").find(c) != std::string_view::npos) {
            escaped += '\\';
        }
        escaped += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return escaped;
}

std::string joined_list(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            text += i + 1 == items.size() ? " and " : ", ";
        }
        text += items[i];
    }
    return text;
}

std::string link_target(std::string_view path) {
    std::string target;
    for (char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= ' ' || std::string_view("()<>[]%\"'\\`").find(c) != std::string_view::npos) {
            char code[4];
            std::snprintf(code, sizeof code, "%%%02X", byte);
            target += code;
        } else {
            target += c;
        }
    }
    return target;
}

}  // namespace vrsim::notebooks
