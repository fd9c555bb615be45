#include "runtime/expr/string_patterns.h"

#include <cctype>
#include <cstring>
#include <lua.hpp>
#include <new>
#include <string_view>
#include <type_traits>

#include "runtime/expr/lua_sandbox.h"
#include "runtime/expr/pattern_matcher.h"

// These are str_find_aux, gmatch, gsub and their helpers from lstrlib.c of
// Lua 5.4, with the same argument checks in the same order (so the same
// messages), over PatternMatcher. Every local kept across a Lua API call is
// trivially destructible: a Lua error is a longjmp.

namespace travet::expr {
namespace {

constexpr const char* kSpecials = "^$*+?.([%-";
constexpr size_t kNone = static_cast<size_t>(-1);

// A successful match: the matcher's captures and the matched bytes.
struct Found {
  const PatternMatcher* matcher;
  std::string_view subject;
  size_t start;
  size_t end;
};

// Lua's posrelatI: a 1-based start that may count from the end.
size_t StartIndex(lua_Integer position, size_t length) {
  if (position > 0)
    return static_cast<size_t>(position);
  if (position == 0 || position < -static_cast<lua_Integer>(length))
    return 1;
  return length + static_cast<size_t>(position) + 1;
}

// Tries `matcher` at `start` with what is left of the call's instruction
// budget, which it then charges. Raises on a malformed pattern, on the
// instruction limit and on the deadline.
bool Attempt(lua_State* L, PatternMatcher& matcher, size_t start) {
  SandboxState& shared = GetSandboxState(L);
  MatchBudget budget{shared.max_instructions - shared.instructions, shared.deadline.clock,
                     shared.deadline.at};
  const MatchOutcome outcome = matcher.MatchAt(start, budget);
  shared.instructions = shared.max_instructions - budget.steps;
  switch (outcome) {
    case MatchOutcome::kMatch:
      return true;
    case MatchOutcome::kNoMatch:
      return false;
    case MatchOutcome::kMalformed:
      return luaL_error(L, "%s", matcher.error()) != 0;
    case MatchOutcome::kOutOfSteps:
      return StopCall(L, StopReason::kInstructionLimit) != 0;
    case MatchOutcome::kPastDeadline:
      return StopCall(L, StopReason::kDeadline) != 0;
  }
  return false;
}

// Lua's get_onecapture: capture `i` (the whole match when the pattern has
// none) as text, or, for a position capture, kPosition with the position
// pushed.
std::ptrdiff_t GetCapture(lua_State* L, const Found& found, int i, const char** text) {
  if (i >= found.matcher->capture_count()) {
    if (i != 0)
      luaL_error(L, "invalid capture index %%%d", i + 1);
    *text = found.subject.data() + found.start;
    return static_cast<std::ptrdiff_t>(found.end - found.start);
  }
  const PatternMatcher::Capture& capture = found.matcher->capture(i);
  *text = found.subject.data() + capture.start;
  if (capture.length == PatternMatcher::kUnfinished)
    luaL_error(L, "unfinished capture");
  else if (capture.length == PatternMatcher::kPosition)
    lua_pushinteger(L, static_cast<lua_Integer>(capture.start) + 1);
  return capture.length;
}

void PushCapture(lua_State* L, const Found& found, int i) {
  const char* text = nullptr;
  const std::ptrdiff_t length = GetCapture(L, found, i, &text);
  if (length != PatternMatcher::kPosition)
    lua_pushlstring(L, text, static_cast<size_t>(length));
}

// Pushes every capture; with none, the whole match when `whole` (match,
// gmatch, gsub) or nothing (find). Returns how many were pushed.
int PushCaptures(lua_State* L, const Found& found, bool whole) {
  const int count = found.matcher->capture_count();
  const int pushed = count == 0 && whole ? 1 : count;
  luaL_checkstack(L, pushed, "too many captures");
  for (int i = 0; i < pushed; ++i)
    PushCapture(L, found, i);
  return pushed;
}

int PlainFind(lua_State* L, std::string_view subject, size_t init, std::string_view pattern) {
  const void* at =
      memmem(subject.data() + init, subject.size() - init, pattern.data(), pattern.size());
  if (at == nullptr) {
    luaL_pushfail(L);
    return 1;
  }
  const auto offset = static_cast<lua_Integer>(static_cast<const char*>(at) - subject.data());
  lua_pushinteger(L, offset + 1);
  lua_pushinteger(L, offset + static_cast<lua_Integer>(pattern.size()));
  return 2;
}

int FindOrMatch(lua_State* L, bool find) {
  size_t subject_size = 0;
  size_t pattern_size = 0;
  const char* subject = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  size_t start = StartIndex(luaL_optinteger(L, 3, 1), subject_size) - 1;
  if (start > subject_size) {
    luaL_pushfail(L);
    return 1;
  }
  const std::string_view text(subject, subject_size);
  std::string_view p(pattern, pattern_size);
  if (find && (lua_toboolean(L, 4) || p.find_first_of(kSpecials) == std::string_view::npos))
    return PlainFind(L, text, start, p);
  const bool anchor = !p.empty() && p[0] == '^';
  if (anchor)
    p.remove_prefix(1);
  PatternMatcher matcher(text, p);
  do {
    if (Attempt(L, matcher, start)) {
      const Found found{&matcher, text, start, matcher.end()};
      if (!find)
        return PushCaptures(L, found, /*whole=*/true);
      lua_pushinteger(L, static_cast<lua_Integer>(start) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(found.end));
      return PushCaptures(L, found, /*whole=*/false) + 2;
    }
  } while (start++ < subject_size && !anchor);
  luaL_pushfail(L);
  return 1;
}

int Find(lua_State* L) {
  return FindOrMatch(L, true);
}

int Match(lua_State* L) {
  return FindOrMatch(L, false);
}

// The iterator's state, in a userdata; subject and pattern are upvalues of
// the iterator, so the views stay valid.
struct GmatchState {
  size_t next;
  size_t last_end;  // end of the last match, kNone before the first
  PatternMatcher matcher;
};
static_assert(std::is_trivially_destructible_v<GmatchState>);

int GmatchNext(lua_State* L) {
  auto* state = static_cast<GmatchState*>(lua_touserdata(L, lua_upvalueindex(3)));
  size_t size = 0;
  const char* subject = lua_tolstring(L, lua_upvalueindex(1), &size);
  for (size_t start = state->next; start <= size; ++start) {
    if (Attempt(L, state->matcher, start) && state->matcher.end() != state->last_end) {
      state->next = state->last_end = state->matcher.end();
      return PushCaptures(L, {&state->matcher, {subject, size}, start, state->next}, true);
    }
  }
  return 0;
}

// As in Lua 5.4, `^` is no anchor here: it would stop the iteration.
int Gmatch(lua_State* L) {
  size_t subject_size = 0;
  size_t pattern_size = 0;
  const char* subject = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  size_t start = StartIndex(luaL_optinteger(L, 3, 1), subject_size) - 1;
  lua_settop(L, 2);
  void* memory = lua_newuserdatauv(L, sizeof(GmatchState), 0);
  if (start > subject_size)
    start = subject_size + 1;
  new (memory)
      GmatchState{start, kNone, PatternMatcher({subject, subject_size}, {pattern, pattern_size})};
  lua_pushcclosure(L, GmatchNext, 3);
  return 1;
}

// Lua's add_s: the replacement string with %0-%9 and %%.
void AddReplacementText(lua_State* L, luaL_Buffer* buffer, const Found& found) {
  size_t size = 0;
  const char* text = lua_tolstring(L, 3, &size);
  const char* escape = nullptr;
  while ((escape = static_cast<const char*>(std::memchr(text, '%', size))) != nullptr) {
    luaL_addlstring(buffer, text, static_cast<size_t>(escape - text));
    const char what = escape[1];  // Lua strings end with a NUL
    if (what == '%') {
      luaL_addchar(buffer, what);
    } else if (what == '0') {
      luaL_addlstring(buffer, found.subject.data() + found.start, found.end - found.start);
    } else if (std::isdigit(static_cast<unsigned char>(what))) {
      const char* capture = nullptr;
      const std::ptrdiff_t length = GetCapture(L, found, what - '1', &capture);
      if (length == PatternMatcher::kPosition)
        luaL_addvalue(buffer);
      else
        luaL_addlstring(buffer, capture, static_cast<size_t>(length));
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", '%');
    }
    size -= static_cast<size_t>(escape + 2 - text);
    text = escape + 2;
  }
  luaL_addlstring(buffer, text, size);
}

// Lua's add_value: whether the subject changed.
bool AddReplacement(lua_State* L, luaL_Buffer* buffer, const Found& found, int type) {
  if (type == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    const int arguments = PushCaptures(L, found, /*whole=*/true);
    lua_call(L, arguments, 1);
  } else if (type == LUA_TTABLE) {
    PushCapture(L, found, 0);
    lua_gettable(L, 3);
  } else {
    AddReplacementText(L, buffer, found);
    return true;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false keeps the original text
    lua_pop(L, 1);
    luaL_addlstring(buffer, found.subject.data() + found.start, found.end - found.start);
    return false;
  }
  if (!lua_isstring(L, -1))
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(buffer);
  return true;
}

int Gsub(lua_State* L) {
  size_t subject_size = 0;
  size_t pattern_size = 0;
  const char* subject = luaL_checklstring(L, 1, &subject_size);
  const char* pattern = luaL_checklstring(L, 2, &pattern_size);
  const int type = lua_type(L, 3);
  const lua_Integer most = luaL_optinteger(L, 4, static_cast<lua_Integer>(subject_size) + 1);
  luaL_argexpected(
      L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION || type == LUA_TTABLE,
      3, "string/function/table");
  const std::string_view text(subject, subject_size);
  std::string_view p(pattern, pattern_size);
  const bool anchor = !p.empty() && p[0] == '^';
  if (anchor)
    p.remove_prefix(1);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  PatternMatcher matcher(text, p);
  size_t at = 0;
  size_t last_end = kNone;
  lua_Integer count = 0;
  bool changed = false;
  while (count < most) {
    if (Attempt(L, matcher, at) && matcher.end() != last_end) {
      ++count;
      const Found found{&matcher, text, at, matcher.end()};
      changed = AddReplacement(L, &buffer, found, type) || changed;
      at = last_end = found.end;
    } else if (at < subject_size) {
      luaL_addchar(&buffer, subject[at++]);
    } else {
      break;
    }
    if (anchor)
      break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&buffer, subject + at, subject_size - at);
    luaL_pushresult(&buffer);
  }
  lua_pushinteger(L, count);
  return 2;
}

}  // namespace

void InstallStringPatterns(lua_State* L, int library) {
  library = lua_absindex(L, library);
  const luaL_Reg functions[] = {
      {"find", Find}, {"gmatch", Gmatch}, {"gsub", Gsub}, {"match", Match}};
  for (const luaL_Reg& function : functions) {
    lua_pushcfunction(L, function.func);
    lua_setfield(L, library, function.name);
  }
}

}  // namespace travet::expr
