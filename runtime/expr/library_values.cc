#include <chrono>
#include <cstdio>
#include <cstring>
#include <lua.hpp>

#include "runtime/expr/decimal.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"

// What the libraries share: how decimals and dates leave Lua (as text, so
// that a stored amount keeps every digit it had: "8.30", never
// 8.299999999999999), and how their reasons become Lua errors.

namespace travet::expr {

bool LibraryValueText(lua_State* L, int index, std::string* text) {
  if (lua_type(L, index) != LUA_TUSERDATA || !lua_checkstack(L, 2))
    return false;
  if (const void* block = luaL_testudata(L, index, "decimal")) {
    Decimal value;
    std::memcpy(&value, block, sizeof value);
    *text = value.ToString();
    return true;
  }
  if (const void* block = luaL_testudata(L, index, "date")) {
    const std::chrono::year_month_day day{
        std::chrono::sys_days(std::chrono::days(*static_cast<const int*>(block)))};
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    *text = iso;
    return true;
  }
  return false;
}

int ConcatAsText(lua_State* L) {
  for (int side = 1; side <= 2; ++side) {
    const int type = lua_type(L, side);
    if (type != LUA_TSTRING && type != LUA_TNUMBER && type != LUA_TUSERDATA)
      return luaL_error(L, "attempt to concatenate a %s value", luaL_typename(L, side));
  }
  luaL_tolstring(L, 1, nullptr);
  luaL_tolstring(L, 2, nullptr);
  lua_concat(L, 2);
  return 1;
}

int RaiseScratch(lua_State* L) {
  return luaL_error(L, "%s", GetSandboxState(L).scratch->c_str());
}

}  // namespace travet::expr
