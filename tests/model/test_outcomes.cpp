#include <catch2/catch.hpp>

#include <string>

#include "vrsim/model/offence_types.hpp"
#include "vrsim/model/outcomes.hpp"

TEST_CASE("Recorded-offence outcomes line up with the offence types", "[outcomes]") {
    // The engine counts a recorded offence of type t in outcome number t.
    using namespace vrsim::model;
    for (std::size_t type = 0; type < kOffenceTypeCount; ++type) {
        CHECK(std::string(kOutcomeNames[type]) ==
              "recorded_" + std::string(kOffenceTypeNames[type]));
    }
    CHECK(kOutcomeNames.size() == kOutcomeCount);
}
