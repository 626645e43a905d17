// What goes into gnuplot scripts is taken literally, and PDFs carry a fixed date.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/pdf_dates.hpp"

using namespace vrsim::plots;

TEST_CASE("names are quoted for gnuplot: quotes doubled, line breaks removed", "[plots][gnuplot]") {
    CHECK(gnuplot_string("Baseline") == "'Baseline'");
    CHECK(gnuplot_string("Mayor's plan") == "'Mayor''s plan'");
    // A line break would end the command and start a new one.
    CHECK(gnuplot_string("a\n!rm -rf x\r\tb") == "'a !rm -rf x  b'");
    // Backquotes, @ and $ mean nothing inside single quotes; they stay.
    CHECK(gnuplot_string("`id` @macro $x") == "'`id` @macro $x'");
    // UTF-8 passes; a stray byte becomes '?', so the SVG stays valid XML.
    CHECK(gnuplot_string("\xC2\xA3 5") == "'\xC2\xA3 5'");
    CHECK(gnuplot_string("a\xFF"
                         "b") == "'a?b'");
    CHECK(gnuplot_string("\xE2\x82") ==
          "'?"
          "?'");  // a sequence cut short
    CHECK(gnuplot_tic_label("50% more") == "'50%% more'");
}

TEST_CASE("numbers for gnuplot: shortest round trip, NaN for the undefined", "[plots][gnuplot]") {
    CHECK(gnuplot_number(42) == "42");
    CHECK(gnuplot_number(0.1) == "0.1");
    CHECK(gnuplot_number(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(gnuplot_number(std::numeric_limits<double>::infinity()) == "NaN");
}

TEST_CASE("PDF dates are replaced in place by a fixed one", "[plots][pdf]") {
    std::string pdf =
        "%PDF-1.5\n<< /Producer (cairo) /CreationDate (D:20261122210307Z) >>\n"
        "/ModDate (D:20261122210308+01'00)\n%%EOF\n";
    const std::size_t length = pdf.size();
    CHECK(neutralise_pdf_dates(pdf, "19700101000000") == 2);
    CHECK(pdf.size() == length);  // byte offsets in the xref table stay valid
    CHECK(pdf ==
          "%PDF-1.5\n<< /Producer (cairo) /CreationDate (D:19700101000000Z) >>\n"
          "/ModDate (D:19700101000000+01'00)\n%%EOF\n");
    std::string short_date = "/CreationDate (D:2026)";
    CHECK(neutralise_pdf_dates(short_date, "19700101000000") == 0);
}

TEST_CASE("the fixed date honours SOURCE_DATE_EPOCH", "[plots][pdf]") {
    const char* saved = std::getenv("SOURCE_DATE_EPOCH");
    const std::string previous = saved != nullptr ? saved : "";
    ::unsetenv("SOURCE_DATE_EPOCH");
    CHECK(fixed_pdf_date() == "19700101000000");
    // 1700000000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC.
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    CHECK(fixed_pdf_date() == "20231114221320");
    ::setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
    CHECK(fixed_pdf_date() == "19700101000000");
    if (saved != nullptr) {
        ::setenv("SOURCE_DATE_EPOCH", previous.c_str(), 1);
    } else {
        ::unsetenv("SOURCE_DATE_EPOCH");
    }
}
