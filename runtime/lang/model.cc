#include "runtime/lang/model.h"

namespace travet::lang {

std::string Location::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string_view InputTypeName(InputType type) {
  switch (type) {
    case InputType::kString:
      return "string";
    case InputType::kNumber:
      return "number";
    case InputType::kInteger:
      return "integer";
    case InputType::kBoolean:
      return "boolean";
    case InputType::kPath:
      return "path";
    case InputType::kList:
      return "list";
    case InputType::kMap:
      return "map";
  }
  return "string";
}

std::string_view CatchUpName(CatchUp catch_up) {
  switch (catch_up) {
    case CatchUp::kNone:
      return "none";
    case CatchUp::kLast:
      return "last";
    case CatchUp::kAll:
      return "all";
  }
  return "none";
}

const InputSpec* Bot::FindInput(std::string_view name) const {
  for (const auto& input : inputs) {
    if (input.name == name)
      return &input;
  }
  return nullptr;
}

}  // namespace travet::lang
