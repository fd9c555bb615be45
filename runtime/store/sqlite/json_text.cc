#include "runtime/store/sqlite/json_text.h"

namespace travet::store::sqlite {

std::string ToJson(const Value& value) {
  return value.dump(-1, ' ', false, Value::error_handler_t::replace);
}

Result<Value> FromJson(const std::string& text, const std::string& path, std::string_view what) {
  Value value = Value::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Internal("sqlite " + path + ": " + std::string(what) + " is not JSON");
  }
  return value;
}

}  // namespace travet::store::sqlite
