#include <cstring>
#include <lua.hpp>
#include <string>
#include <string_view>

#include "runtime/expr/decimal.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"

// `decimal`: exact decimal numbers as a userdata with arithmetic and
// comparison metamethods. The C++ work happens in decimal.cc, which leaves
// its reasons in the sandbox's scratch text; no C++ object is alive when a
// Lua error (a longjmp) is raised.

namespace travet::expr {
namespace {

constexpr const char* kDecimalName = "decimal";
// Places kept by `a / b`; a:div(b, places, mode) chooses its own.
constexpr int kDefaultDivisionScale = 10;

// The userdata holds raw bytes: Lua aligns blocks for doubles, not for
// 128-bit integers, so values are copied in and out with memcpy.
Decimal ReadDecimal(lua_State* L, int index) {
  Decimal value;
  std::memcpy(&value, lua_touserdata(L, index), sizeof value);
  return value;
}

int PushDecimal(lua_State* L, const Decimal& value) {
  void* block = lua_newuserdatauv(L, sizeof value, 0);
  std::memcpy(block, &value, sizeof value);
  luaL_setmetatable(L, kDecimalName);
  return 1;
}

// The decimal at `index`: a decimal, an integer, a float (its shortest
// form: 8.3, not 8.2999...) or a plain string ("1234.56").
Decimal CheckDecimal(lua_State* L, int index) {
  if (luaL_testudata(L, index, kDecimalName) != nullptr)
    return ReadDecimal(L, index);
  Decimal value;
  std::string* error = GetSandboxState(L).scratch;
  bool ok = true;
  if (lua_isinteger(L, index)) {
    value = DecimalFromInteger(lua_tointeger(L, index));
  } else if (lua_type(L, index) == LUA_TNUMBER) {
    ok = DecimalFromDouble(lua_tonumber(L, index), &value, error);
  } else if (lua_type(L, index) == LUA_TSTRING) {
    size_t length = 0;
    const char* text = lua_tolstring(L, index, &length);
    ok = ParseDecimal(std::string_view(text, length), "", &value, error);
  } else {
    luaL_typeerror(L, index, "decimal, number or string");
  }
  if (!ok)
    RaiseScratch(L);
  return value;
}

RoundingMode CheckMode(lua_State* L, int index) {
  RoundingMode mode = RoundingMode::kHalfUp;
  size_t length = 0;
  const char* name = luaL_optlstring(L, index, "half_up", &length);
  if (!ParseRoundingMode(std::string_view(name, length), &mode, GetSandboxState(L).scratch))
    RaiseScratch(L);
  return mode;
}

int DecimalConstruct(lua_State* L) {
  if (lua_type(L, 1) != LUA_TSTRING || lua_isnoneornil(L, 2))
    return PushDecimal(L, CheckDecimal(L, 1));
  size_t length = 0;
  const char* text = lua_tolstring(L, 1, &length);
  size_t locale_length = 0;
  const char* locale = luaL_checklstring(L, 2, &locale_length);
  Decimal value;
  if (!ParseDecimal(std::string_view(text, length), std::string_view(locale, locale_length), &value,
                    GetSandboxState(L).scratch)) {
    return RaiseScratch(L);
  }
  return PushDecimal(L, value);
}

using BinaryOperation = bool (*)(const Decimal&, const Decimal&, Decimal*, std::string*);

int DecimalBinary(lua_State* L, BinaryOperation operation) {
  const Decimal left = CheckDecimal(L, 1);
  const Decimal right = CheckDecimal(L, 2);
  Decimal result;
  if (!operation(left, right, &result, GetSandboxState(L).scratch))
    return RaiseScratch(L);
  return PushDecimal(L, result);
}

int DecimalAdd(lua_State* L) {
  return DecimalBinary(L, AddDecimals);
}

int DecimalSubtract(lua_State* L) {
  return DecimalBinary(L, SubtractDecimals);
}

int DecimalMultiply(lua_State* L) {
  return DecimalBinary(L, MultiplyDecimals);
}

int DecimalDivide(lua_State* L) {
  const Decimal left = CheckDecimal(L, 1);
  const Decimal right = CheckDecimal(L, 2);
  const bool is_method = lua_gettop(L) >= 3;  // a:div(b, places, mode); else a / b
  const auto scale = is_method ? luaL_checkinteger(L, 3) : kDefaultDivisionScale;
  const RoundingMode mode = is_method ? CheckMode(L, 4) : RoundingMode::kHalfUp;
  if (scale < 0 || scale > Decimal::kMaxScale)
    return luaL_error(L, "decimal places must be 0..18, not %I", static_cast<lua_Integer>(scale));
  Decimal result;
  if (!DivideDecimals(left, right, Rounding{static_cast<int>(scale), mode}, &result,
                      GetSandboxState(L).scratch))
    return RaiseScratch(L);
  return PushDecimal(L, result);
}

int DecimalNegate(lua_State* L) {
  const Decimal value = CheckDecimal(L, 1);
  return PushDecimal(L, Decimal{-value.units, value.scale});
}

int DecimalEqual(lua_State* L) {
  lua_pushboolean(L, CompareDecimals(CheckDecimal(L, 1), CheckDecimal(L, 2)) == 0);
  return 1;
}

int DecimalLess(lua_State* L) {
  lua_pushboolean(L, CompareDecimals(CheckDecimal(L, 1), CheckDecimal(L, 2)) < 0);
  return 1;
}

int DecimalLessOrEqual(lua_State* L) {
  lua_pushboolean(L, CompareDecimals(CheckDecimal(L, 1), CheckDecimal(L, 2)) <= 0);
  return 1;
}

// Pushes the scratch text after `write` filled it; raises when it failed.
int DecimalPushScratch(lua_State* L, bool written) {
  if (!written)
    return RaiseScratch(L);
  const std::string& scratch = *GetSandboxState(L).scratch;
  lua_pushlstring(L, scratch.data(), scratch.size());
  return 1;
}

bool DecimalWriteText(const Decimal& value, std::string* out) {
  *out = value.ToString();
  return true;
}

int DecimalToString(lua_State* L) {
  return DecimalPushScratch(L, DecimalWriteText(CheckDecimal(L, 1), GetSandboxState(L).scratch));
}

int DecimalFormat(lua_State* L) {
  const Decimal value = CheckDecimal(L, 1);
  size_t length = 0;
  const char* locale = luaL_optlstring(L, 2, "it", &length);
  std::string* scratch = GetSandboxState(L).scratch;
  return DecimalPushScratch(
      L, FormatDecimal(value, std::string_view(locale, length), scratch, scratch));
}

int DecimalRound(lua_State* L) {
  const Decimal value = CheckDecimal(L, 1);
  const lua_Integer places = luaL_checkinteger(L, 2);
  const RoundingMode mode = CheckMode(L, 3);
  if (places < 0 || places > Decimal::kMaxScale)
    return luaL_error(L, "decimal places must be 0..18, not %I", places);
  Decimal result;
  if (!RoundDecimal(value, static_cast<int>(places), mode, &result, GetSandboxState(L).scratch))
    return RaiseScratch(L);
  return PushDecimal(L, result);
}

int DecimalToNumber(lua_State* L) {
  lua_pushnumber(L, DecimalToDouble(CheckDecimal(L, 1)));
  return 1;
}

void DecimalRegisterMetatable(lua_State* L) {
  const luaL_Reg metamethods[] = {
      {"__add", DecimalAdd},      {"__sub", DecimalSubtract},   {"__mul", DecimalMultiply},
      {"__div", DecimalDivide},   {"__unm", DecimalNegate},     {"__eq", DecimalEqual},
      {"__lt", DecimalLess},      {"__le", DecimalLessOrEqual}, {"__tostring", DecimalToString},
      {"__concat", ConcatAsText}, {nullptr, nullptr},
  };
  const luaL_Reg methods[] = {
      {"div", DecimalDivide},        {"round", DecimalRound},       {"format", DecimalFormat},
      {"tonumber", DecimalToNumber}, {"tostring", DecimalToString}, {nullptr, nullptr},
  };
  luaL_newmetatable(L, kDecimalName);
  luaL_setfuncs(L, metamethods, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

}  // namespace

int OpenDecimal(lua_State* L) {
  DecimalRegisterMetatable(L);
  lua_pushcfunction(L, DecimalConstruct);
  return 1;
}

}  // namespace travet::expr
