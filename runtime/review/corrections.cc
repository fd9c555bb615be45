#include "runtime/review/corrections.h"

#include "ocr/validators/validators.h"

namespace travet::review {

Result<Value> ParseCorrections(const std::vector<std::string>& pairs, const Value& fields,
                               bool force) {
  Value corrections = Value::object();
  for (const auto& pair : pairs) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgument("--set expects field=value, got '" + pair + "'");
    }
    std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (!fields.contains(name))
      return InvalidArgument("the task has no field '" + name + "'");
    const Value& field = fields[name];
    auto type = ocr::ParseFieldType(field.value("type", "text"));
    if (type && *type != ocr::FieldType::kText) {
      ocr::Verdict verdict = ocr::ValidateField(*type, value);
      if (!verdict.valid && !force) {
        return InvalidArgument("'" + value + "' is not a valid " +
                               std::string(ocr::FieldTypeName(*type)) + " for field '" + name +
                               "': " + verdict.message + " (use --force to keep it anyway)");
      }
      if (verdict.valid)
        value = verdict.value;
    }
    corrections[name] = value;
  }
  return corrections;
}

}  // namespace travet::review
