#include "runtime/review/corrections.h"

#include "ocr/validators/validators.h"

namespace travet::review {

ocr::Verdict CheckFieldValue(const Value& field, const std::string& value) {
  const Value type_name = field.is_object() ? field.value("type", Value("text")) : Value("text");
  auto type = ocr::ParseFieldType(type_name.is_string() ? type_name.get<std::string>() : "text");
  if (!type || *type == ocr::FieldType::kText) {
    return {.valid = true, .value = value};
  }
  return ocr::ValidateField(*type, value);
}

Result<std::string> CheckCorrection(const std::string& name, const std::string& value,
                                    const Value& fields, bool force) {
  if (!fields.contains(name)) {
    return InvalidArgument("the task has no field '" + name + "'");
  }
  ocr::Verdict verdict = CheckFieldValue(fields[name], value);
  if (verdict.valid) {
    return verdict.value;
  }
  if (force) {
    return value;
  }
  return InvalidArgument("'" + value + "' is not a valid " +
                         fields[name].value("type", std::string("text")) + " for field '" + name +
                         "': " + verdict.message);
}

Result<Value> ParseCorrections(const std::vector<std::string>& pairs, const Value& fields,
                               bool force) {
  Value corrections = Value::object();
  for (const auto& pair : pairs) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgument("--set expects field=value, got '" + pair + "'");
    }
    std::string name = pair.substr(0, eq);
    if (!fields.contains(name)) {
      return InvalidArgument("the task has no field '" + name + "'");
    }
    auto value = CheckCorrection(name, pair.substr(eq + 1), fields, force);
    if (!value) {
      return InvalidArgument(value.error().message() + " (use --force to keep it anyway)");
    }
    corrections[name] = *value;
  }
  return corrections;
}

}  // namespace travet::review
