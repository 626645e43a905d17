#pragma once
// Cairo (1.16, Debian 12) stamps each PDF with the time it was drawn in
// /CreationDate and ignores SOURCE_DATE_EPOCH, so two renders of the same data
// would differ. The stamp is replaced by a fixed one of the same length, which
// keeps every byte offset in the PDF's cross-reference table valid.
#include <cstddef>
#include <string>
#include <string_view>

namespace vrsim::plots {

// The 14 digits (YYYYMMDDHHmmSS, UTC) put in the PDF: from SOURCE_DATE_EPOCH
// (reproducible-builds.org's convention) when it is set to a whole number,
// otherwise 19700101000000.
std::string fixed_pdf_date();

// Replaces the digits of every "/CreationDate (D:YYYYMMDDHHmmSS" and
// "/ModDate (D:..." in `pdf` with `digits` (14 characters); returns how many.
std::size_t neutralise_pdf_dates(std::string& pdf, std::string_view digits);

}  // namespace vrsim::plots
