#include "runtime/review/review_reason.h"

#include <string>

namespace travet::review {
namespace {

// The boolean member `name` of `field`, or `fallback` when it is not one.
bool BoolMember(const Value& field, const char* name, bool fallback) {
  const auto it = field.find(name);
  return it != field.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::string VerdictText(const Value& field) {
  const auto it = field.find("verdict");
  return it != field.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Value ReviewReason(const Value& field, bool sampled) {
  if (!field.is_object()) {
    return nullptr;
  }
  const std::string verdict = VerdictText(field);
  const auto value = field.find("value");
  if (verdict == "not found" || (value != field.end() && value->is_null())) {
    return "missing";
  }
  if (!BoolMember(field, "valid", true)) {
    return "invalid";
  }
  if (verdict.starts_with("ambiguous") || verdict.starts_with("contradicted")) {
    return "ambiguous";
  }
  if (!verdict.empty() && verdict != "ok") {
    return "implausible";
  }
  if (!field.contains("accepted")) {
    return nullptr;
  }
  if (!BoolMember(field, "accepted", true)) {
    return "under threshold";
  }
  return sampled ? Value("sampled") : Value(nullptr);
}

Value FieldsWithReasons(const Value& fields, bool sampled) {
  if (!fields.is_object()) {
    return fields;
  }
  Value out = fields;
  for (auto& [name, field] : out.items()) {
    if (field.is_object()) {
      field["reason"] = ReviewReason(field, sampled);
    }
  }
  return out;
}

}  // namespace travet::review
