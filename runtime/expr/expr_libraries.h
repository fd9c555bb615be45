#pragma once

#include <string>

struct lua_State;

// The expression library: what bots need beyond Lua's own string, table and
// math, written once in C++ instead of again in every bot. Every function is
// pure (today's date reads the call's clock), bounded in the memory and time
// it takes, and raises a plain Lua error that says why. Each open function
// pushes its library table (or, for decimal, its constructor) and must run in
// protected mode in a LuaSandbox's state.

namespace travet::expr {

// `it`: partita_iva, codice_fiscale, iban.
int OpenItalianIds(lua_State* L);
// `json`: decode, encode.
int OpenJson(lua_State* L);
// `decimal(x [, locale])`: exact decimals (a userdata named "decimal").
int OpenDecimal(lua_State* L);
// `date`: today, parse, is_holiday, is_working_day (a userdata named "date").
int OpenDate(lua_State* L);
// `text`: squash, strip_accents, similarity.
int OpenText(lua_State* L);

// The text a library value stands for when it becomes a stored Value: a
// decimal its exact digits ("1234.50"), a date its ISO form ("2026-12-31").
// False for anything else. Never raises.
bool LibraryValueText(lua_State* L, int index, std::string* text);

// The __concat of library values ("Totale: " .. value): both sides as
// tostring gives them; a side that is not a string, a number or a library
// value is Lua's usual error.
int ConcatAsText(lua_State* L);

// Raises a Lua error whose message is the sandbox's scratch text, where the
// library's C++ helpers leave their reasons. Does not return.
int RaiseScratch(lua_State* L);

}  // namespace travet::expr
