#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/run_files.hpp"

namespace vrsim::plots {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view message) {
    std::string text = file.string();
    text.append(": ").append(message);
    throw InputError(text);
}

const json& required(const std::filesystem::path& file, const json& object, const char* key,
                     json::value_t type, std::string_view expected) {
    const auto found = object.find(key);
    if (found == object.end()) {
        fail(file, std::string("missing key \"") + key + "\"; expected " + std::string(expected));
    }
    const bool integer_wanted = type == json::value_t::number_unsigned;
    const bool ok = integer_wanted ? found->is_number_unsigned() : found->type() == type;
    if (!ok) {
        fail(file, std::string("key \"") + key + "\": expected " + std::string(expected) +
                       ", got " + found->dump());
    }
    return *found;
}

}  // namespace

RunManifest read_manifest(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        fail(file, "cannot open; a run folder written by vrsim has one");
    }
    std::ostringstream text;
    text << in.rdbuf();
    json document;
    try {
        document = json::parse(text.str());
    } catch (const json::parse_error& error) {
        fail(file, std::string("not valid JSON: ") + error.what());
    }
    if (!document.is_object()) {
        fail(file, "expected a JSON object");
    }
    RunManifest manifest;
    manifest.version =
        required(file, document, "version", json::value_t::string, "a version string")
            .get<std::string>();
    manifest.seed =
        required(file, document, "seed", json::value_t::number_unsigned, "a whole number")
            .get<std::uint64_t>();
    manifest.replicates =
        required(file, document, "replicates", json::value_t::number_unsigned, "a whole number")
            .get<std::uint32_t>();
    if (const auto start = document.find("start_month"); start != document.end()) {
        manifest.start_month =
            start->is_string() ? model::YearMonth::parse(start->get<std::string>()) : std::nullopt;
        if (!manifest.start_month) {
            fail(file,
                 "key \"start_month\": expected a month as \"YYYY-MM\", got " + start->dump());
        }
    }
    const json& scenarios = required(file, document, "scenarios", json::value_t::array,
                                     "a list of scenarios, each with a name");
    for (const json& scenario : scenarios) {
        if (!scenario.is_object() || !scenario.contains("name") || !scenario["name"].is_string()) {
            fail(file, "scenarios: expected each scenario to have a \"name\" string, got " +
                           scenario.dump().substr(0, 80));
        }
        manifest.scenarios.push_back(scenario["name"].get<std::string>());
        // The place is part of the parameters as run; a manifest from a program
        // that does not record it gives no place name rather than failing.
        const json::json_pointer place_name("/parameters/place/name");
        manifest.places.push_back(scenario.contains(place_name) && scenario[place_name].is_string()
                                      ? scenario[place_name].get<std::string>()
                                      : std::string());
    }
    return manifest;
}

}  // namespace vrsim::plots
