#include "vrsim/plots/pdf_dates.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <ctime>

namespace vrsim::plots {

std::string fixed_pdf_date() {
    std::time_t seconds = 0;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        const std::string_view text(epoch);
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc{} && end == text.data() + text.size() && value >= 0) {
            seconds = static_cast<std::time_t>(value);
        }
    }
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char digits[32];
    if (std::strftime(digits, sizeof digits, "%Y%m%d%H%M%S", &utc) != 14) {
        return "19700101000000";  // a year past 9999
    }
    return digits;
}

std::size_t neutralise_pdf_dates(std::string& pdf, std::string_view digits) {
    static constexpr std::array<std::string_view, 2> kKeys = {"/CreationDate (D:", "/ModDate (D:"};
    std::size_t replaced = 0;
    for (std::string_view key : kKeys) {
        for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
            const std::size_t start = at + key.size();
            std::size_t length = 0;
            while (length < digits.size() && start + length < pdf.size() &&
                   pdf[start + length] >= '0' && pdf[start + length] <= '9') {
                ++length;
            }
            if (length == digits.size()) {
                pdf.replace(start, length, digits);
                ++replaced;
            }
        }
    }
    return replaced;
}

}  // namespace vrsim::plots
