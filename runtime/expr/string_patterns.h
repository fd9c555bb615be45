#pragma once

struct lua_State;

namespace travet::expr {

// Replaces find, match, gmatch and gsub in the string library table at
// `library` with versions that give Lua 5.4's results and error messages but
// match with PatternMatcher: every step of a match counts against the
// sandbox's instruction limit and the matcher reads the call's deadline, so a
// pattern that backtracks for hours stops like a runaway loop does. A plain
// find (fourth argument true, or a pattern without special characters) is a
// memmem. `L` must belong to a LuaSandbox; protected mode only.
void InstallStringPatterns(lua_State* L, int library);

}  // namespace travet::expr
