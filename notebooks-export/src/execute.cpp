#include "vrsim/notebooks/execute.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

extern char** environ;

namespace vrsim::notebooks {

namespace fs = std::filesystem;

namespace {

// Closes a pipe end when it goes out of scope.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

std::string read_all(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            text.append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            return text;
        }
    }
}

}  // namespace

ExecutionResult execute_notebook(const fs::path& notebook) {
    ExecutionResult result;
    const fs::path folder = notebook.parent_path().empty() ? fs::path(".") : notebook.parent_path();
    result.html = folder / notebook.stem();
    result.html += ".html";
    // nbconvert adds ".html" to --output; a hidden name, so a killed run's file
    // is recognisably not output.
    std::string temporary_stem = ".";
    temporary_stem.append(notebook.stem().string()).append(".");
    temporary_stem.append(std::to_string(::getpid())).append(".tmp");
    const fs::path temporary = folder / (temporary_stem + ".html");

    std::vector<std::string> arguments = {
        "jupyter",      "nbconvert",     "--execute", "--to",         "html",
        "--output-dir", folder.string(), "--output",  temporary_stem, notebook.string()};
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    // The kernel's debugger (debugpy) warns on every start that Python's frozen
    // modules may hide breakpoints; nobody debugs here, and the warning would
    // bury a real error in what we report.
    std::vector<std::string> environment_text = {"PYDEVD_DISABLE_FILE_VALIDATION=1"};
    for (char** variable = environ; *variable != nullptr; ++variable) {
        if (std::strncmp(*variable, "PYDEVD_DISABLE_FILE_VALIDATION=", 31) != 0) {
            environment_text.emplace_back(*variable);
        }
    }
    std::vector<char*> environment;
    for (std::string& variable : environment_text) {
        environment.push_back(variable.data());
    }
    environment.push_back(nullptr);

    int ends[2];
    if (::pipe(ends) != 0) {
        result.output =
            "cannot create a pipe: " + std::error_code(errno, std::generic_category()).message();
        return result;
    }
    Descriptor read_end{ends[0]};
    Descriptor write_end{ends[1]};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, read_end.fd);
    posix_spawn_file_actions_adddup2(&actions, write_end.fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, write_end.fd, STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, write_end.fd);
    pid_t child = 0;
    const int spawned =
        ::posix_spawnp(&child, "jupyter", &actions, nullptr, argv.data(), environment.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        if (spawned == ENOENT) {
            result.status = ExecutionResult::Status::jupyter_missing;
            result.output = std::string("`jupyter` is not on PATH; install the Debian packages ") +
                            kJupyterPackages + " (`make deps` does)";
        } else {
            result.output = "cannot start jupyter: " +
                            std::error_code(spawned, std::generic_category()).message();
        }
        return result;
    }
    ::close(write_end.fd);
    write_end.fd = -1;
    result.output = read_all(read_end.fd);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::error_code ignored;
    if (result.exit_code != 0 || !fs::exists(temporary, ignored)) {
        fs::remove(temporary, ignored);
        if (result.exit_code == 0) {
            result.output += "\nnbconvert did not write " + temporary.string();
        }
        return result;
    }
    std::error_code renamed;
    fs::rename(temporary, result.html, renamed);
    if (renamed) {
        fs::remove(temporary, ignored);
        result.output += "\ncannot rename " + temporary.string() + " to " + result.html.string() +
                         ": " + renamed.message();
        return result;
    }
    result.status = ExecutionResult::Status::ok;
    return result;
}

}  // namespace vrsim::notebooks
