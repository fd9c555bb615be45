#include "runtime/expr/lua_value.h"

#include <cmath>
#include <cstdint>
#include <lua.hpp>
#include <string>
#include <string_view>

#include "runtime/core/json_depth.h"
#include "runtime/core/utf8.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"

// The lua_CFunctions here keep only trivially destructible locals alive across
// Lua API calls (liblua5.4 raises errors by longjmp), and the C++ helpers they
// call make no Lua calls and throw nothing.

namespace travet::expr {
namespace {

constexpr char kProxyMetaKey = 0;
constexpr int kMaxDepth = kMaxJsonDepth;

struct Proxy {
  const Value* value;
  uint64_t generation;
};

Proxy* TestProxy(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TUSERDATA)
    return nullptr;
  if (!lua_checkstack(L, 2) || !lua_getmetatable(L, index))
    return nullptr;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kProxyMetaKey);
  const bool is_proxy = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return is_proxy ? static_cast<Proxy*>(lua_touserdata(L, index)) : nullptr;
}

const Value* CheckProxy(lua_State* L, int index) {
  const Proxy* proxy = TestProxy(L, index);
  if (proxy == nullptr)
    luaL_typeerror(L, index, "value");
  if (proxy->generation != GetSandboxState(L).generation) {
    luaL_error(L, "a value from an earlier evaluation was used");
  }
  return proxy->value;
}

const Value* FindKey(const Value& value, std::string_view key) noexcept {
  const auto* object = value.get_ptr<const Value::object_t*>();
  if (object == nullptr)
    return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &it->second;
}

const Value* FindPosition(const Value& value, lua_Integer position) noexcept {
  const auto* array = value.get_ptr<const Value::array_t*>();
  if (array == nullptr || position < 1 || static_cast<uint64_t>(position) > array->size()) {
    return nullptr;
  }
  return &(*array)[static_cast<size_t>(position - 1)];
}

bool DumpJson(const Value& value, std::string* out) noexcept {
  try {
    *out = value.dump(-1, ' ', false, Value::error_handler_t::replace);
    return true;
  } catch (...) {
    return false;
  }
}

int ProxyIndex(lua_State* L) {
  const Value* value = CheckProxy(L, 1);
  const Value* child = nullptr;
  if (lua_type(L, 2) == LUA_TSTRING) {
    size_t length = 0;
    const char* key = lua_tolstring(L, 2, &length);
    child = FindKey(*value, std::string_view(key, length));
  } else if (lua_type(L, 2) == LUA_TNUMBER) {
    int is_integer = 0;
    const lua_Integer position = lua_tointegerx(L, 2, &is_integer);
    if (is_integer)
      child = FindPosition(*value, position);
  }
  if (child == nullptr)
    return 0;
  PushValue(L, *child);
  return 1;
}

int ProxyLength(lua_State* L) {
  const Value* value = CheckProxy(L, 1);
  lua_pushinteger(L, value->is_array() ? static_cast<lua_Integer>(value->size()) : 0);
  return 1;
}

int ProxyNext(lua_State* L) {
  const Value* value = CheckProxy(L, 1);
  if (value->is_array()) {
    const lua_Integer previous = lua_isnil(L, 2) ? 0 : luaL_checkinteger(L, 2);
    if (previous < 0 || static_cast<uint64_t>(previous) >= value->size())
      return 0;
    const lua_Integer position = previous + 1;
    const Value* item = FindPosition(*value, position);
    lua_pushinteger(L, position);
    PushValue(L, *item);
    return 2;
  }
  const auto* object = value->get_ptr<const Value::object_t*>();
  if (object == nullptr)
    return 0;
  auto it = object->begin();
  if (!lua_isnil(L, 2)) {
    size_t length = 0;
    const char* key = luaL_checklstring(L, 2, &length);
    it = object->find(std::string_view(key, length));
    if (it != object->end())
      ++it;
  }
  if (it == object->end())
    return 0;
  lua_pushlstring(L, it->first.data(), it->first.size());
  PushValue(L, it->second);
  return 2;
}

int ProxyPairs(lua_State* L) {
  CheckProxy(L, 1);
  lua_pushcfunction(L, ProxyNext);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int ProxyToString(lua_State* L) {
  const Value* value = CheckProxy(L, 1);
  std::string* text = GetSandboxState(L).scratch;
  if (!DumpJson(*value, text))
    return luaL_error(L, "not enough memory");
  lua_pushlstring(L, text->data(), text->size());
  return 1;
}

int ProxyEqual(lua_State* L) {
  const Value* left = CheckProxy(L, 1);
  const Value* right = CheckProxy(L, 2);
  lua_pushboolean(L, left == right || *left == *right);
  return 1;
}

Result<Value> Convert(lua_State* L, int index, int depth);

Result<Value> NumberToValue(lua_State* L, int index) {
  if (lua_isinteger(L, index))
    return Value(static_cast<int64_t>(lua_tointeger(L, index)));
  const double number = lua_tonumber(L, index);
  // 2^63 is exact as a double; integral values in [-2^63, 2^63) fit int64_t.
  if (std::isfinite(number) && std::floor(number) == number && number >= -9223372036854775808.0 &&
      number < 9223372036854775808.0) {
    return Value(static_cast<int64_t>(number));
  }
  return Value(number);
}

Result<Value> StringToValue(lua_State* L, int index) {
  size_t length = 0;
  const char* text = lua_tolstring(L, index, &length);
  if (!IsValidUtf8(std::string_view(text, length)))
    return InvalidArgument("produced invalid UTF-8");
  return Value(std::string(text, length));
}

// How the keys of a table look: a sequence 1..n, all strings, or neither.
enum class TableShape { kList, kMap, kNeither };

TableShape ShapeOf(lua_State* L, int index) {
  bool strings = true;
  bool positions = true;
  lua_Integer count = 0;
  lua_Integer largest = 0;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    ++count;
    if (lua_type(L, -2) == LUA_TSTRING) {
      positions = false;
    } else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
      strings = false;
      if (lua_tointeger(L, -2) > largest)
        largest = lua_tointeger(L, -2);
    } else {
      strings = positions = false;
    }
    lua_pop(L, 1);
  }
  if (positions && largest == count)
    return TableShape::kList;  // also the empty table
  return strings ? TableShape::kMap : TableShape::kNeither;
}

Result<Value> ListToValue(lua_State* L, int index, int depth) {
  Value list = Value::array();
  const auto length = static_cast<lua_Integer>(lua_rawlen(L, index));
  for (lua_Integer position = 1; position <= length; ++position) {
    lua_rawgeti(L, index, position);
    Result<Value> item = Convert(L, lua_gettop(L), depth);
    lua_pop(L, 1);
    if (!item)
      return item.error();
    list.push_back(std::move(*item));
  }
  return list;
}

Result<Value> MapToValue(lua_State* L, int index, int depth) {
  Value map = Value::object();
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    size_t length = 0;
    const char* key = lua_tolstring(L, -2, &length);  // a string: ShapeOf checked
    Result<Value> item = Convert(L, lua_gettop(L), depth);
    if (item && !IsValidUtf8(std::string_view(key, length))) {
      item = InvalidArgument("produced invalid UTF-8");
    }
    if (!item) {
      lua_pop(L, 2);
      return item.error();
    }
    map[std::string(key, length)] = std::move(*item);
    lua_pop(L, 1);
  }
  return map;
}

Result<Value> TableToValue(lua_State* L, int index, int depth) {
  if (depth > kMaxDepth) {
    return InvalidArgument("produced a table nested deeper than " + std::to_string(kMaxDepth) +
                           " levels");
  }
  if (!lua_checkstack(L, 4))
    return InvalidArgument("produced a table nested too deeply");
  switch (ShapeOf(L, index)) {
    case TableShape::kList:
      return ListToValue(L, index, depth);
    case TableShape::kMap:
      return MapToValue(L, index, depth);
    case TableShape::kNeither:
      break;
  }
  return InvalidArgument(
      "produced a table that is neither a list (keys 1..n) nor a map (string keys)");
}

Result<Value> Convert(lua_State* L, int index, int depth) {
  switch (lua_type(L, index)) {
    case LUA_TNONE:
    case LUA_TNIL:
      return Value(nullptr);
    case LUA_TBOOLEAN:
      return Value(lua_toboolean(L, index) != 0);
    case LUA_TNUMBER:
      return NumberToValue(L, index);
    case LUA_TSTRING:
      return StringToValue(L, index);
    case LUA_TTABLE:
      return TableToValue(L, index, depth + 1);
    default:
      break;
  }
  std::string text;
  if (LibraryValueText(L, index, &text))
    return Value(std::move(text));
  if (const Proxy* proxy = TestProxy(L, index)) {
    if (proxy->generation != GetSandboxState(L).generation) {
      return InvalidArgument("produced a value from an earlier evaluation");
    }
    return *proxy->value;
  }
  return InvalidArgument(std::string("produced a ") + lua_typename(L, lua_type(L, index)) +
                         ", which cannot be converted to a value");
}

}  // namespace

void RegisterProxyMetatable(lua_State* L) {
  const luaL_Reg methods[] = {
      {"__index", ProxyIndex},       {"__len", ProxyLength}, {"__pairs", ProxyPairs},
      {"__tostring", ProxyToString}, {"__eq", ProxyEqual},   {nullptr, nullptr},
  };
  lua_createtable(L, 0, 6);
  luaL_setfuncs(L, methods, 0);
  lua_pushliteral(L, "table");  // error messages then speak of a "table value"
  lua_setfield(L, -2, "__name");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kProxyMetaKey);
}

void PushValue(lua_State* L, const Value& value) {
  switch (value.type()) {
    case Value::value_t::boolean:
      lua_pushboolean(L, *value.get_ptr<const Value::boolean_t*>());
      return;
    case Value::value_t::number_integer:
      lua_pushinteger(L, *value.get_ptr<const Value::number_integer_t*>());
      return;
    case Value::value_t::number_unsigned: {
      const uint64_t number = *value.get_ptr<const Value::number_unsigned_t*>();
      if (number <= static_cast<uint64_t>(INT64_MAX)) {
        lua_pushinteger(L, static_cast<lua_Integer>(number));
      } else {
        lua_pushnumber(L, static_cast<lua_Number>(number));
      }
      return;
    }
    case Value::value_t::number_float:
      lua_pushnumber(L, *value.get_ptr<const Value::number_float_t*>());
      return;
    case Value::value_t::string: {
      const std::string& text = *value.get_ptr<const Value::string_t*>();
      lua_pushlstring(L, text.data(), text.size());
      return;
    }
    case Value::value_t::object:
    case Value::value_t::array: {
      auto* proxy = static_cast<Proxy*>(lua_newuserdatauv(L, sizeof(Proxy), 0));
      *proxy = Proxy{&value, GetSandboxState(L).generation};
      lua_rawgetp(L, LUA_REGISTRYINDEX, &kProxyMetaKey);
      lua_setmetatable(L, -2);
      return;
    }
    default:
      lua_pushnil(L);
  }
}

bool IsProxy(lua_State* L, int index) {
  return TestProxy(L, index) != nullptr;
}

Result<Value> ToValue(lua_State* L, int index) {
  return Convert(L, lua_absindex(L, index), 0);
}

}  // namespace travet::expr
