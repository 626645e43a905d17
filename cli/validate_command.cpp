#include "validate_command.hpp"

#include <exception>
#include <iostream>
#include <system_error>

#include "exit_codes.hpp"
#include "print_diagnostics.hpp"
#include "vrsim/scenarios/scenario.hpp"

namespace vrsim::cli {

CLI::App* add_validate_command(CLI::App& app, ValidateArguments& arguments) {
    CLI::App* validate =
        app.add_subcommand("validate", "Check scenario files for problems without running them");
    validate->footer(
        "Each file, and every file it extends, is read and every value checked.\n"
        "Prints \"FILE: ok\" on stdout, or each problem on stderr as\n"
        "file:line:column: field: message. Exit code 2 when any file is invalid.");
    validate->add_option("FILE", arguments.files, "Scenario files (TOML)")->required();
    return validate;
}

int validate_command(const ValidateArguments& arguments) {
    int result = kOk;
    for (const std::filesystem::path& file : arguments.files) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            std::cerr << file.string() << ": no such file\n";
            result = kInvalidInput;
            continue;
        }
        try {
            scenarios::load_scenario(file);
            std::cout << file.string() << ": ok\n";
        } catch (const scenarios::ScenarioError& invalid) {
            print_diagnostics(invalid);
            result = kInvalidInput;
        } catch (const std::exception& unreadable) {
            // Keep going: the user wants a verdict on every file.
            std::cerr << file.string() << ": " << unreadable.what() << '\n';
            result = kInvalidInput;
        }
    }
    return result;
}

}  // namespace vrsim::cli
