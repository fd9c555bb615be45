#include "tools/travet/ocr_fields_file.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "runtime/lang/yaml_reader.h"

namespace travet::cli {
namespace {

using lang::YamlNode;

Status ErrorAt(const lang::Location& loc, const std::string& message) {
  return InvalidArgument(loc.ToString() + ": " + message);
}

const YamlNode::Entry* FindEntry(const YamlNode& map, std::string_view key) {
  for (const auto& entry : map.entries) {
    if (entry.key.scalar == key)
      return &entry;
  }
  return nullptr;
}

// The node a field's error is about: the first of its keys that the message
// names (the key itself for "unknown key", else its value), or the field.
const lang::Location& ErrorNode(const YamlNode::Entry& field, const std::string& message) {
  const std::string prefix = "field '" + field.key.scalar + "'";
  const size_t from = message.starts_with(prefix) ? prefix.size() : 0;
  const YamlNode::Entry* best = nullptr;
  size_t best_pos = std::string::npos;
  for (const auto& entry : field.value.entries) {
    const size_t pos = message.find(entry.key.scalar, from);
    if (pos < best_pos) {
      best = &entry;
      best_pos = pos;
    }
  }
  if (best == nullptr)
    return field.value.is_map() ? field.key.loc : field.value.loc;
  const bool about_key = message.find("unknown key") != std::string::npos;
  return about_key ? best->key.loc : best->value.loc;
}

// Parses the fields one at a time so that an error can point at its node.
Result<std::vector<ocr::FieldSpec>> ParseFields(const YamlNode& fields) {
  if (!fields.is_map())
    return ErrorAt(fields.loc,
                   "expected a map of field name -> {pattern | label | zone, type}, "
                   "found " +
                       fields.Describe());
  if (fields.entries.empty())
    return ErrorAt(fields.loc, "no fields");
  std::vector<ocr::FieldSpec> specs;
  for (const auto& entry : fields.entries) {
    Value one = Value::object();
    one[entry.key.scalar] = lang::ToValue(entry.value);
    auto spec = ocr::ParseFieldSpecs(one);
    if (!spec)
      return ErrorAt(ErrorNode(entry, spec.error().message()), spec.error().message());
    specs.push_back(std::move(spec->front()));
  }
  std::sort(specs.begin(), specs.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return specs;
}

Result<double> ParseMinConfidence(const YamlNode& node) {
  const Value v = lang::ToValue(node);
  if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 100)
    return ErrorAt(node.loc, "min_confidence must be a number from 0 to 100");
  return v.get<double>();
}

Result<TotalsCheck> ParseTotals(const YamlNode& node, const std::vector<ocr::FieldSpec>& specs) {
  if (!node.is_sequence() || node.items.size() != 3)
    return ErrorAt(node.loc, "totals must name three amount fields: [imponibile, iva, totale]");
  std::array<std::string, 3> names;
  for (size_t i = 0; i < 3; ++i) {
    const YamlNode& item = node.items[i];
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&](const auto& s) { return s.name == item.scalar; });
    if (!item.is_scalar() || spec == specs.end())
      return ErrorAt(item.loc, "totals: '" + item.scalar + "' is not one of the fields");
    if (spec->type != ocr::FieldType::kAmount)
      return ErrorAt(item.loc, "totals: field '" + item.scalar + "' is not of type amount");
    names[i] = item.scalar;
  }
  return TotalsCheck{names[0], names[1], names[2]};
}

Result<FieldsFile> ParseWrapped(const YamlNode& root) {
  for (const auto& entry : root.entries) {
    const std::string& key = entry.key.scalar;
    if (key != "fields" && key != "min_confidence" && key != "totals")
      return ErrorAt(entry.key.loc,
                     "unknown key '" + key + "' (expected fields, min_confidence, totals)");
  }
  FieldsFile file;
  auto specs = ParseFields(FindEntry(root, "fields")->value);
  if (!specs)
    return specs.error();
  file.specs = std::move(*specs);
  if (const auto* min = FindEntry(root, "min_confidence")) {
    auto value = ParseMinConfidence(min->value);
    if (!value)
      return value.error();
    file.min_confidence = *value;
  }
  if (const auto* totals = FindEntry(root, "totals")) {
    auto check = ParseTotals(totals->value, file.specs);
    if (!check)
      return check.error();
    file.totals = std::move(*check);
  }
  return file;
}

Result<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return NotFound(path.string() + ":1:1: cannot read the file: " + std::strerror(errno));
  const size_t limit = lang::YamlLimits{}.max_bytes;
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > limit)
    return InvalidArgument(path.string() + ":1:1: the file is too large (the limit is " +
                           std::to_string(limit) + " bytes)");
  return text;
}

}  // namespace

Result<FieldsFile> ReadFieldsFile(const std::filesystem::path& path) {
  auto text = ReadText(path);
  if (!text)
    return text.error();
  auto root = lang::ReadYaml(*text, path.string());
  if (!root)
    return root.error();
  if (root->is_map() && FindEntry(*root, "fields") != nullptr)
    return ParseWrapped(*root);
  auto specs = ParseFields(*root);
  if (!specs)
    return specs.error();
  return FieldsFile{std::move(*specs), std::nullopt, std::nullopt};
}

}  // namespace travet::cli
