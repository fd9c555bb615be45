#include <lua.hpp>
#include <string>
#include <string_view>

#include "runtime/core/json_depth.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"
#include "runtime/expr/lua_value.h"

// json.decode and json.encode through nlohmann json, with the runtime's
// nesting limit. Decoded documents become plain Lua tables (not proxies: they
// belong to the script, which may keep and change them).

namespace travet::expr {
namespace {

constexpr size_t kMaxJsonBytes = size_t{8} << 20;
constexpr size_t kMaxReasonBytes = 200;

// Parses `text` into `*out`; false with the reason in `error`. Throws nothing.
bool ParseJson(std::string_view text, Value* out, std::string* error) {
  if (text.size() > kMaxJsonBytes) {
    *error = "json.decode: text longer than 8 MiB";
    return false;
  }
  const size_t too_deep = JsonTooDeepAt(text);
  if (too_deep != std::string_view::npos) {
    *error = "json.decode: nested deeper than " + std::to_string(kMaxJsonDepth) +
             " levels at byte " + std::to_string(too_deep + 1);
    return false;
  }
  try {
    *out = Value::parse(text);
    return true;
  } catch (const std::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    const std::string_view what = e.what();
    const size_t at = what.find("at line");
    *error = "json.decode: invalid JSON " +
             std::string(what.substr(at == std::string_view::npos ? 0 : at, kMaxReasonBytes));
    return false;
  }
}

void PushPlain(lua_State* L, const Value& value);

void PushArray(lua_State* L, const Value& value) {
  const auto& items = *value.get_ptr<const Value::array_t*>();
  lua_createtable(L, static_cast<int>(items.size()), 0);
  lua_Integer position = 0;
  for (const Value& item : items) {
    PushPlain(L, item);
    lua_rawseti(L, -2, ++position);
  }
}

void PushObject(lua_State* L, const Value& value) {
  const auto& members = *value.get_ptr<const Value::object_t*>();
  lua_createtable(L, 0, static_cast<int>(members.size()));
  for (const auto& [key, member] : members) {
    lua_pushlstring(L, key.data(), key.size());
    PushPlain(L, member);
    lua_rawset(L, -3);
  }
}

// Depth is bounded by kMaxJsonDepth, checked before parsing.
void PushPlain(lua_State* L, const Value& value) {
  luaL_checkstack(L, 3, "JSON nested too deeply");
  if (value.is_array()) {
    PushArray(L, value);
  } else if (value.is_object()) {
    PushObject(L, value);
  } else {
    PushValue(L, value);  // null, booleans, numbers and strings are copies
  }
}

int Decode(lua_State* L) {
  size_t length = 0;
  const char* text = luaL_checklstring(L, 1, &length);
  SandboxState& shared = GetSandboxState(L);
  if (!ParseJson(std::string_view(text, length), shared.value_scratch, shared.scratch))
    return RaiseScratch(L);
  PushPlain(L, *shared.value_scratch);
  return 1;
}

// Leaves the compact JSON of the value at `index` in `out`, or the reason.
bool EncodeJson(lua_State* L, int index, std::string* out) {
  Result<Value> value = ToValue(L, index);
  if (!value) {
    *out = "json.encode: the value " + value.error().message();
    return false;
  }
  try {
    *out = value->dump(-1, ' ', false, Value::error_handler_t::replace);
    return true;
  } catch (const std::exception&) {
    *out = "json.encode: not enough memory";
    return false;
  }
}

int Encode(lua_State* L) {
  luaL_checkany(L, 1);
  const std::string& scratch = *GetSandboxState(L).scratch;
  if (!EncodeJson(L, 1, GetSandboxState(L).scratch))
    return RaiseScratch(L);
  lua_pushlstring(L, scratch.data(), scratch.size());
  return 1;
}

}  // namespace

int OpenJson(lua_State* L) {
  const luaL_Reg functions[] = {{"decode", Decode}, {"encode", Encode}, {nullptr, nullptr}};
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace travet::expr
