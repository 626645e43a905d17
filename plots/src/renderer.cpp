#include "renderer.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "vrsim/plots/errors.hpp"
#include "vrsim/plots/gnuplot.hpp"
#include "vrsim/plots/pdf_dates.hpp"

namespace vrsim::plots::detail {

namespace {

namespace fs = std::filesystem;

// A folder made with mkdtemp and removed with everything in it when done.
class TemporaryFolder {
  public:
    explicit TemporaryFolder(const fs::path& parent) {
        std::string pattern = (parent / ".render-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw RenderError("cannot create a folder in " + parent.string() + ": " +
                              std::strerror(errno));
        }
        path_ = pattern;
    }
    ~TemporaryFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw RenderError("cannot write " + file.string() + ": " + std::strerror(errno));
    }
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::vector<fs::path> render(const std::vector<ChartSpec>& charts, const fs::path& out_folder,
                             const std::string& footer, const std::string& gnuplot,
                             std::vector<std::string>& notes) {
    std::error_code error;
    fs::create_directories(out_folder, error);
    if (error) {
        throw RenderError("cannot create " + out_folder.string() + ": " + error.message());
    }
    if (charts.empty()) {
        return {};
    }
    const TemporaryFolder work(out_folder);
    write_file(work.path() / "style.gp", house_style_script(footer));
    // Each chart's script and data in a folder of its own, so names never clash.
    // The charts are dealt round-robin into one driver script per gnuplot run;
    // each chart starts from `reset`, so the split never changes a file.
    const std::size_t runs = std::min<std::size_t>(
        charts.size(), std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8));
    std::vector<std::string> drivers(runs, "set encoding utf8\n");
    for (std::size_t k = 0; k < charts.size(); ++k) {
        const ChartSpec& chart = charts[k];
        std::string subfolder = "c";
        subfolder.append(std::to_string(k));
        fs::create_directory(work.path() / subfolder, error);
        if (error) {
            throw RenderError("cannot create a folder in " + work.path().string() + ": " +
                              error.message());
        }
        write_file(work.path() / subfolder / "chart.gp", chart.script);
        for (const auto& [name, contents] : chart.data_files) {
            write_file(work.path() / subfolder / name, contents);
        }
        std::string& driver = drivers[k % runs];
        for (ChartFormat format : kChartFormats) {
            // Cairo terminals open the output at the first plot, so the path is
            // relative to the chart's folder, where the plot runs.
            driver.append(terminal_command(format, chart.shape))
                .append("cd ")
                .append(gnuplot_string(subfolder))
                .append("\nset output ")
                .append(gnuplot_string("../" + chart.name + "." + std::string(extension(format))))
                .append("\nreset\nload '../style.gp'\nload 'chart.gp'\nunset output\ncd '..'\n");
        }
    }
    std::vector<std::string> scripts;
    for (std::size_t r = 0; r < runs; ++r) {
        scripts.push_back("render" + std::to_string(r) + ".gp");
        write_file(work.path() / scripts.back(), drivers[r]);
    }
    for (const std::string& warnings : run_gnuplot_scripts(gnuplot, work.path(), scripts)) {
        if (!warnings.empty()) {
            notes.push_back("gnuplot: " + warnings);
        }
    }

    // Every file is checked before any replaces an earlier chart.
    const std::string pdf_date = fixed_pdf_date();
    for (const ChartSpec& chart : charts) {
        for (ChartFormat format : kChartFormats) {
            const std::string name = chart.name + "." + std::string(extension(format));
            const fs::path drawn = work.path() / name;
            if (!fs::is_regular_file(drawn) || fs::file_size(drawn) == 0) {
                throw RenderError("gnuplot exited without error but did not write " + name);
            }
            if (format == ChartFormat::pdf) {
                std::string pdf = read_file(drawn);
                neutralise_pdf_dates(pdf, pdf_date);
                write_file(drawn, pdf);
            }
        }
    }
    std::vector<fs::path> written;
    for (const ChartSpec& chart : charts) {
        for (ChartFormat format : kChartFormats) {
            const std::string name = chart.name + "." + std::string(extension(format));
            const fs::path target = out_folder / name;
            fs::rename(work.path() / name, target, error);
            if (error) {
                throw RenderError("cannot write " + target.string() + ": " + error.message());
            }
            written.push_back(target);
        }
    }
    return written;
}

}  // namespace vrsim::plots::detail
