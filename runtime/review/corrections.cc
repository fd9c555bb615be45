#include "runtime/review/corrections.h"

#include "ocr/validators/validators.h"

namespace travet::review {

Result<std::string> CheckCorrection(const std::string& name, const std::string& value,
                                    const Value& fields, bool force) {
  if (!fields.contains(name)) {
    return InvalidArgument("the task has no field '" + name + "'");
  }
  auto type = ocr::ParseFieldType(fields[name].value("type", "text"));
  if (!type || *type == ocr::FieldType::kText) {
    return value;
  }
  ocr::Verdict verdict = ocr::ValidateField(*type, value);
  if (verdict.valid) {
    return verdict.value;
  }
  if (force) {
    return value;
  }
  return InvalidArgument("'" + value + "' is not a valid " +
                         std::string(ocr::FieldTypeName(*type)) + " for field '" + name +
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
