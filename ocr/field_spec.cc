#include "ocr/field_spec.h"

#include <array>
#include <regex>
#include <string_view>

#include "ocr/fuzzy_label.h"

namespace travet::ocr {
namespace {

constexpr std::array<std::string_view, 7> kKeys = {"label",    "min_confidence", "page", "pattern",
                                                   "required", "type",           "zone"};
constexpr std::array<std::string_view, 9> kTypes = {
    "amount", "cap", "codice_fiscale", "date", "email", "iban", "integer", "partita_iva", "text"};

// "; did you mean 'x'?" for the closest name within a typo's reach
// (distance <= max(1, size / 3)), or "". A local copy of the rule the bot
// loader uses: ocr/ does not depend on runtime/lang.
template <std::size_t N>
std::string Suggestion(std::string_view word, const std::array<std::string_view, N>& names) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (std::string_view name : names) {
    std::size_t distance = EditDistance(word, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : "; did you mean '" + std::string(best) + "'?";
}

Status FieldError(const std::string& name, const std::string& message) {
  return InvalidArgument("field '" + name + "' " + message);
}

Result<ZoneSpec> ParseZone(const std::string& name, const Value& zone) {
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
    return FieldError(name, "needs zone as {x, y, w, h} or [x, y, w, h] numbers");
  auto [x, y, w, h] = parts;
  constexpr double kSlack = 1e-9;
  if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > 1 + kSlack || y + h > 1 + kSlack) {
    return FieldError(name,
                      "has a zone outside the page: x, y, w, h are fractions of the page "
                      "(0..1) and w, h must be positive");
  }
  return ZoneSpec{x, y, w, h};
}

Status ParseString(const std::string& name, const Value& def, const char* key, std::string& out) {
  if (!def.contains(key))
    return Status::Ok();
  if (!def[key].is_string() || def[key].get<std::string>().empty()) {
    return FieldError(name, std::string(key) + " must be a non-empty string");
  }
  out = def[key].get<std::string>();
  return Status::Ok();
}

Status ParseMatchers(const std::string& name, const Value& def, FieldSpec& spec) {
  TRAVET_RETURN_IF_ERROR(ParseString(name, def, "pattern", spec.pattern));
  TRAVET_RETURN_IF_ERROR(ParseString(name, def, "label", spec.label));
  if (def.contains("zone")) {
    auto zone = ParseZone(name, def["zone"]);
    if (!zone)
      return zone.error();
    spec.zone = *zone;
  }
  if (!spec.pattern.empty() && !spec.label.empty()) {
    return FieldError(name, "has both pattern and label; use one");
  }
  if (spec.pattern.empty() && spec.label.empty() && !spec.zone) {
    return FieldError(name, "needs one of pattern, label or zone");
  }
  if (!spec.label.empty() && LabelKey(spec.label).empty()) {
    return FieldError(name, "has a label without letters or digits");
  }
  try {
    if (!spec.pattern.empty())
      std::regex(spec.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return InvalidArgument("field '" + name + "': bad pattern: " + e.what());
  }
  return Status::Ok();
}

Status ParseOptions(const std::string& name, const Value& def, FieldSpec& spec) {
  if (def.contains("type")) {
    const Value& type = def["type"];
    std::string text = type.is_string() ? type.get<std::string>() : type.dump();
    auto parsed = ParseFieldType(text);
    if (!type.is_string() || !parsed) {
      return InvalidArgument("field '" + name + "': unknown type '" + text + "'" +
                             Suggestion(text, kTypes));
    }
    spec.type = *parsed;
  }
  if (def.contains("page")) {
    if (!def["page"].is_number_integer() || def["page"].get<std::int64_t>() < 0) {
      return FieldError(name, "needs page as a page number from 1 (0 = any page)");
    }
    spec.page = static_cast<int>(std::min<std::int64_t>(def["page"].get<std::int64_t>(), 1 << 20));
  }
  if (def.contains("min_confidence")) {
    const Value& min = def["min_confidence"];
    if (!min.is_number() || min.get<double>() < 0 || min.get<double>() > 100) {
      return FieldError(name, "needs min_confidence as a number from 0 to 100");
    }
    spec.min_confidence = min.get<double>();
  }
  if (def.contains("required")) {
    if (!def["required"].is_boolean())
      return FieldError(name, "needs required as true or false");
    spec.required = def["required"].get<bool>();
  }
  return Status::Ok();
}

Result<FieldSpec> ParseFieldSpec(const std::string& name, const Value& def) {
  if (!def.is_object())
    return FieldError(name, "must be a map of pattern, label, zone, type...");
  for (const auto& [key, unused] : def.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      return InvalidArgument("field '" + name + "': unknown key '" + key + "'" +
                             Suggestion(key, kKeys));
    }
  }
  FieldSpec spec;
  spec.name = name;
  TRAVET_RETURN_IF_ERROR(ParseMatchers(name, def, spec));
  TRAVET_RETURN_IF_ERROR(ParseOptions(name, def, spec));
  return spec;
}

}  // namespace

Result<std::vector<FieldSpec>> ParseFieldSpecs(const Value& fields) {
  if (!fields.is_object()) {
    return InvalidArgument("fields must be a map of field name to {pattern|label|zone, type}");
  }
  std::vector<FieldSpec> specs;
  for (const auto& [name, def] : fields.items()) {
    auto spec = ParseFieldSpec(name, def);
    if (!spec)
      return spec.error();
    specs.push_back(std::move(*spec));
  }
  return specs;
}

}  // namespace travet::ocr
