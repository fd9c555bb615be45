#include "runtime/lang/action_spec.h"

namespace travet::lang {

std::string_view ParamTypeName(ParamType type) {
  switch (type) {
    case ParamType::kString:
      return "string";
    case ParamType::kNumber:
      return "number";
    case ParamType::kInteger:
      return "integer";
    case ParamType::kBoolean:
      return "boolean";
    case ParamType::kList:
      return "list";
    case ParamType::kMap:
      return "map";
    case ParamType::kDuration:
      return "duration";
    case ParamType::kAny:
      return "any";
    case ParamType::kStringOrList:
      return "string or list";
  }
  return "any";
}

}  // namespace travet::lang
