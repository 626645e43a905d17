#include "scenario_decode.hpp"

#include "parameter_decoder.hpp"

namespace vrsim::scenarios::detail {

FieldSet decode_parameters(const MergedNode& root, const std::filesystem::path& named_file,
                           Scenario& scenario, std::vector<Diagnostic>& diagnostics) {
    return ParameterDecoder(named_file, scenario, diagnostics).decode(root);
}

const toml::node* written_value(const MergedNode& root, std::string_view path) {
    const MergedNode* node = root.find_path(path);
    if (node == nullptr || node->is_table) {
        return nullptr;
    }
    if (const toml::table* wrapped = node->value->as_table()) {
        return wrapped->get("value");
    }
    return node->value;
}

}  // namespace vrsim::scenarios::detail
