#pragma once

#include "runtime/core/result.h"
#include "runtime/core/value.h"

struct lua_State;

namespace travet::expr {

// Creates the metatable of value proxies and keeps it in the registry.
// May raise a Lua error: protected mode only.
void RegisterProxyMetatable(lua_State* L);

// Pushes `value` for an expression: null as nil, booleans, numbers and
// strings as Lua values, objects and arrays as read-only proxies that point at
// `value` without copying it. A proxy indexes objects by key and arrays by
// 1-based position (missing → nil) and supports #, pairs, ipairs, tostring
// (compact JSON) and ==; `#` of an object is 0, as for a Lua table without a
// sequence. `value` must outlive the current call of the sandbox (a proxy
// used in a later call raises an error). May raise: protected mode only.
void PushValue(lua_State* L, const Value& value);

// Whether the value at `index` is a proxy made by PushValue. Never raises.
bool IsProxy(lua_State* L, int index);

// Converts the Lua value at `index` to a Value; never raises a Lua error, so
// it may run outside protected mode. nil → null; integers, and floats with an
// integral value that fit in 64 bits, → integer; other floats → number;
// strings must be valid UTF-8; proxies → a copy of their Value; a table with
// keys 1..n → array (an empty table → `[]`); a table with string keys →
// object; nesting deeper than 100 (cycles) is an error. Error messages
// complete the phrase "expression ...", e.g. "produced invalid UTF-8".
Result<Value> ToValue(lua_State* L, int index);

}  // namespace travet::expr
