#include "ocr/fields/field_spec.h"

#include <algorithm>
#include <array>
#include <regex>
#include <string_view>

#include "ocr/fields/field_spec_choice.h"
#include "ocr/fields/fuzzy_label.h"

namespace travet::ocr {
namespace {

using Problem = std::optional<SpecProblem>;

const std::vector<std::string_view> kKeys = {"date_range", "exclude", "label",   "min_confidence",
                                             "near",       "page",    "pattern", "required",
                                             "pick",       "type",    "zone"};
const std::vector<std::string_view> kTypes = {
    "amount", "cap", "codice_fiscale", "date", "email", "iban", "integer", "partita_iva", "text"};

SpecProblem FieldError(const std::string& name, const char* key, const std::string& message) {
  std::vector<std::string> path;
  if (key != nullptr)
    path.emplace_back(key);
  return SpecProblemAt(name, std::move(path), "field '" + name + "' " + message, key == nullptr);
}

Result<ZoneSpec> ReadZone(const Value& zone) {
  std::array<double, 4> parts{};
  static constexpr std::array<const char*, 4> kParts = {"x", "y", "w", "h"};
  bool shaped = (zone.is_array() && zone.size() == 4) || zone.is_object();
  for (std::size_t i = 0; shaped && i < 4; ++i) {
    const Value* part = zone.is_array() ? &zone[i] : nullptr;
    if (zone.is_object() && zone.contains(kParts[i]))
      part = &zone[kParts[i]];
    shaped = part != nullptr && part->is_number();
    if (shaped)
      parts[i] = part->get<double>();
  }
  if (!shaped)
    return InvalidArgument("needs zone as {x, y, w, h} or [x, y, w, h] numbers");
  auto [x, y, w, h] = parts;
  constexpr double kSlack = 1e-9;
  if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > 1 + kSlack || y + h > 1 + kSlack) {
    return InvalidArgument(
        "has a zone outside the page: x, y, w, h are fractions of the page "
        "(0..1) and w, h must be positive");
  }
  return ZoneSpec{x, y, w, h};
}

Problem ParseString(const std::string& name, const Value& def, const char* key, std::string& out) {
  if (!def.contains(key))
    return std::nullopt;
  if (!def[key].is_string() || def[key].get<std::string>().empty())
    return FieldError(name, key, std::string(key) + " must be a non-empty string");
  out = def[key].get<std::string>();
  return std::nullopt;
}

// `label`: one label, or a list of alternatives; each needs a letter or digit.
Problem ParseLabels(const std::string& name, const Value& def, FieldSpec& spec) {
  if (!def.contains("label"))
    return std::nullopt;
  const Value& label = def["label"];
  if (label.is_string()) {
    spec.labels = {label.get<std::string>()};
  } else if (label.is_array() && !label.empty() &&
             std::all_of(label.begin(), label.end(),
                         [](const Value& v) { return v.is_string(); })) {
    for (const Value& alternative : label)
      spec.labels.push_back(alternative.get<std::string>());
  } else {
    return FieldError(name, "label",
                      "label must be a string or a list of alternatives, e.g. [CASH, VISA]");
  }
  for (const std::string& alternative : spec.labels) {
    if (alternative.empty())
      return FieldError(name, "label", "label must be a non-empty string");
    if (LabelKey(alternative).empty())
      return FieldError(name, "label", "has a label without letters or digits");
  }
  return std::nullopt;
}

Problem ParseMatchers(const std::string& name, const Value& def, FieldSpec& spec) {
  if (auto problem = ParseString(name, def, "pattern", spec.pattern))
    return problem;
  if (auto problem = ParseLabels(name, def, spec))
    return problem;
  if (def.contains("zone")) {
    auto zone = ReadZone(def["zone"]);
    if (!zone)
      return FieldError(name, "zone", zone.error().message());
    spec.zone = *zone;
  }
  if (!spec.pattern.empty() && !spec.labels.empty())
    return FieldError(name, "label", "has both pattern and label; use one");
  if (spec.pattern.empty() && spec.labels.empty() && !spec.zone)
    return FieldError(name, nullptr, "needs one of pattern, label or zone");
  try {
    if (!spec.pattern.empty())
      std::regex(spec.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return SpecProblemAt(name, {"pattern"},
                         "field '" + name + "': bad pattern: " + std::string(e.what()));
  }
  return std::nullopt;
}

Problem ParseType(const std::string& name, const Value& def, FieldSpec& spec) {
  if (!def.contains("type"))
    return std::nullopt;
  const Value& type = def["type"];
  std::string text = type.is_string() ? type.get<std::string>() : type.dump();
  auto parsed = ParseFieldType(text);
  if (!type.is_string() || !parsed) {
    return SpecProblemAt(
        name, {"type"},
        "field '" + name + "': unknown type '" + text + "'" + SpecSuggestion(text, kTypes));
  }
  spec.type = *parsed;
  return std::nullopt;
}

Problem ParseOptions(const std::string& name, const Value& def, FieldSpec& spec) {
  if (def.contains("page")) {
    if (!def["page"].is_number_integer() || def["page"].get<std::int64_t>() < 0)
      return FieldError(name, "page", "needs page as a page number from 1 (0 = any page)");
    spec.page = static_cast<int>(std::min<std::int64_t>(def["page"].get<std::int64_t>(), 1 << 20));
  }
  if (def.contains("min_confidence")) {
    const Value& min = def["min_confidence"];
    if (!min.is_number() || min.get<double>() < 0)
      return FieldError(name, "min_confidence", "needs min_confidence as a number of 0 or more");
    spec.min_confidence = min.get<double>();
  }
  if (def.contains("required")) {
    if (!def["required"].is_boolean())
      return FieldError(name, "required", "needs required as true or false");
    spec.required = def["required"].get<bool>();
  }
  return std::nullopt;
}

// The first problem of a field's spec, else nullopt; fills `spec`.
Problem ParseFieldSpec(const std::string& name, const Value& def, FieldSpec& spec) {
  spec.name = name;
  if (!def.is_object())
    return SpecProblemAt(name, {},
                         "field '" + name + "' must be a map of pattern, label, zone, type...");
  for (const auto& [key, unused] : def.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      std::string message = "field '" + name + "': unknown key '";
      message += key + "'" + SpecSuggestion(key, kKeys);
      return SpecProblemAt(name, {key}, std::move(message), /*at_key=*/true);
    }
  }
  if (auto problem = ParseMatchers(name, def, spec))
    return problem;
  if (auto problem = ParseType(name, def, spec))
    return problem;
  if (auto problem = ParseOptions(name, def, spec))
    return problem;
  return ParseChoice(def, spec);
}

}  // namespace

FieldSpecsCheck CheckFieldSpecs(const Value& fields) {
  FieldSpecsCheck check;
  if (!fields.is_object()) {
    check.problems.push_back(
        {{}, false, "fields must be a map of field name to {pattern|label|zone, type}"});
    return check;
  }
  for (const auto& [name, def] : fields.items()) {
    FieldSpec spec;
    if (Problem problem = ParseFieldSpec(name, def, spec))
      check.problems.push_back(std::move(*problem));
    else
      check.specs.push_back(std::move(spec));
  }
  return check;
}

Result<std::vector<FieldSpec>> ParseFieldSpecs(const Value& fields) {
  FieldSpecsCheck check = CheckFieldSpecs(fields);
  if (!check.problems.empty())
    return InvalidArgument(check.problems.front().message);
  return std::move(check.specs);
}

}  // namespace travet::ocr
