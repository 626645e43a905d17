#include "vrsim/plots/gnuplot.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "vrsim/plots/errors.hpp"
#include "vrsim/scenarios/output_files.hpp"

extern char** environ;

namespace vrsim::plots {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    if (lead < 0x80) {
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The environment gnuplot runs in: ours, with one fixed locale.
std::vector<std::string> child_environment() {
    std::vector<std::string> variables;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view variable(*entry);
        if (variable.starts_with("LC_") || variable.starts_with("LANG=") ||
            variable.starts_with("LANGUAGE=") || variable.starts_with("TZ=")) {
            continue;
        }
        variables.emplace_back(variable);
    }
    variables.emplace_back("LC_ALL=C.UTF-8");
    variables.emplace_back("TZ=UTC");
    return variables;
}

class FileActions {
  public:
    FileActions() { posix_spawn_file_actions_init(&actions_); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    posix_spawn_file_actions_t* get() { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_;
};

}  // namespace

std::string gnuplot_string(std::string_view text) {
    std::string out = "'";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_length(text, i);
        if (length == 0) {
            out.push_back('?');
            ++i;
            continue;
        }
        const char c = text[i];
        if (length == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) {
            out.push_back(' ');
        } else if (c == '\'') {
            out.append("''");
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    out.push_back('\'');
    return out;
}

std::string gnuplot_tic_label(std::string_view text) {
    std::string escaped;
    for (char c : text) {
        escaped.push_back(c);
        if (c == '%') {
            escaped.push_back('%');
        }
    }
    return gnuplot_string(escaped);
}

std::string gnuplot_number(double value) {
    return std::isfinite(value) ? scenarios::format_value(value) : std::string("NaN");
}

namespace {

struct Child {
    pid_t pid = 0;
    std::filesystem::path stderr_file;
};

Child start_gnuplot(const std::string& program, const std::filesystem::path& folder,
                    const std::string& script, std::size_t number) {
    Child child;
    child.stderr_file =
        std::filesystem::absolute(folder) / ("gnuplot." + std::to_string(number) + ".stderr");
    FileActions actions;
    if (posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0) !=
            0 ||
        posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, "/dev/null", O_WRONLY, 0) !=
            0 ||
        posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, child.stderr_file.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600) != 0 ||
        posix_spawn_file_actions_addchdir_np(actions.get(), folder.c_str()) != 0) {
        throw RenderError("cannot prepare to run " + program + ": " + std::strerror(errno));
    }
    std::vector<std::string> arguments = {program, "-d", script};
    std::vector<char*> argv;
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> environment = child_environment();
    std::vector<char*> envp;
    for (std::string& variable : environment) {
        envp.push_back(variable.data());
    }
    envp.push_back(nullptr);
    const int spawn_error =
        posix_spawnp(&child.pid, program.c_str(), actions.get(), nullptr, argv.data(), envp.data());
    if (spawn_error != 0) {
        std::string message = "cannot run " + program + ": " + std::strerror(spawn_error);
        if (spawn_error == ENOENT) {
            message.append(
                ". Charts are drawn with gnuplot 5 and its cairo terminals: install it with "
                "`apt-get install gnuplot-nox` (or `make deps`)");
        }
        throw RenderError(message);
    }
    return child;
}

// Waits for the child; "" when it exited 0, otherwise why it failed.
std::string finish_gnuplot(const std::string& program, const Child& child, std::string& errors) {
    int status = 0;
    while (waitpid(child.pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return "cannot wait for " + program + ": " + std::strerror(errno);
        }
    }
    errors = read_text(child.stderr_file);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return "";
    }
    std::string message = program;
    if (WIFEXITED(status)) {
        message.append(" failed with exit code ").append(std::to_string(WEXITSTATUS(status)));
    } else {
        message.append(" was stopped by signal ").append(std::to_string(WTERMSIG(status)));
    }
    if (!errors.empty()) {
        message.append(":\n").append(errors);
    }
    return message;
}

}  // namespace

std::vector<std::string> run_gnuplot_scripts(const std::string& program,
                                             const std::filesystem::path& folder,
                                             const std::vector<std::string>& scripts) {
    std::vector<Child> children;
    std::string failure;
    for (std::size_t i = 0; i < scripts.size(); ++i) {
        try {
            children.push_back(start_gnuplot(program, folder, scripts[i], i));
        } catch (const RenderError& error) {
            failure = error.what();
            break;
        }
    }
    // Every child started is waited for, even after a failure, so none is left
    // running (or as a zombie) when this throws.
    std::vector<std::string> warnings(children.size());
    for (std::size_t i = 0; i < children.size(); ++i) {
        const std::string problem = finish_gnuplot(program, children[i], warnings[i]);
        if (failure.empty()) {
            failure = problem;
        }
    }
    if (!failure.empty()) {
        throw RenderError(failure);
    }
    return warnings;
}

std::string run_gnuplot(const std::string& program, const std::filesystem::path& folder,
                        const std::string& script) {
    return run_gnuplot_scripts(program, folder, {script}).front();
}

}  // namespace vrsim::plots
