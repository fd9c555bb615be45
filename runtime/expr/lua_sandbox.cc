#include "runtime/expr/lua_sandbox.h"

#include <algorithm>
#include <cstdlib>
#include <lua.hpp>
#include <string_view>

#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_value.h"
#include "runtime/expr/string_patterns.h"

// Every lua_CFunction here keeps only trivially destructible locals alive
// across Lua API calls: liblua5.4 is C, so its errors are longjmps.

namespace travet::expr {
namespace {

// Addresses used as registry keys.
constexpr char kExpressionEnvKey = 0;
constexpr char kChunkEnvMetaKey = 0;

constexpr const char* kBaseNames[] = {
    "assert", "error",  "ipairs",   "next",     "pairs",  "rawequal",
    "rawget", "rawlen", "tonumber", "tostring", "select", "_VERSION",
};

struct Library {
  const char* name;
  lua_CFunction open;
};
constexpr Library kLibraries[] = {
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {"it", OpenItalianIds},
    {"json", OpenJson},
    {"date", OpenDate},
    {"text", OpenText},
};

void* Allocate(void* user_data, void* block, size_t old_size, size_t new_size) {
  auto* shared = static_cast<SandboxState*>(user_data);
  const size_t old = block == nullptr ? 0 : old_size;  // else old_size is a type tag
  if (new_size == 0) {
    std::free(block);
    shared->memory_used -= old;
    return nullptr;
  }
  if (new_size > old && shared->memory_used - old + new_size > shared->memory_limit) {
    return nullptr;  // Lua collects garbage, retries, then raises "not enough memory"
  }
  void* grown = std::realloc(block, new_size);
  if (grown == nullptr)
    return nullptr;
  shared->memory_used = shared->memory_used - old + new_size;
  return grown;
}

const char* StopMessage(StopReason reason) {
  return reason == StopReason::kDeadline ? "deadline passed" : "instruction limit exceeded";
}

void CountHook(lua_State* L, lua_Debug*) {
  SandboxState& shared = GetSandboxState(L);
  shared.instructions += shared.hook_step;
  if (shared.instructions > shared.max_instructions)
    StopCall(L, StopReason::kInstructionLimit);
  if (PastDeadline(shared))
    StopCall(L, StopReason::kDeadline);
}

// Once a call is stopped, pcall and xpcall pass the error on, so that
// `while true do pcall(f) end` cannot outlive the budget or the deadline.
int FinishPcall(lua_State* L, int status, int extra) {
  const StopReason stop = GetSandboxState(L).stop;
  if (stop != StopReason::kNone) {
    lua_pushstring(L, StopMessage(stop));
    return lua_error(L);
  }
  if (status != LUA_OK) {
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
  }
  return lua_gettop(L) - extra;
}

int SafePcall(lua_State* L) {
  luaL_checkany(L, 1);
  lua_pushboolean(L, 1);
  lua_insert(L, 1);
  const int status = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
  return FinishPcall(L, status, 0);
}

int SafeXpcall(lua_State* L) {
  const int arguments = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushboolean(L, 1);
  lua_pushvalue(L, 1);
  lua_rotate(L, 3, 2);
  const int status = lua_pcall(L, arguments - 2, LUA_MULTRET, 2);
  return FinishPcall(L, status, 2);
}

// Proxies answer "table", as the data they stand for would.
int SafeType(lua_State* L) {
  luaL_checkany(L, 1);
  if (IsProxy(L, 1)) {
    lua_pushliteral(L, "table");
  } else {
    lua_pushstring(L, luaL_typename(L, 1));
  }
  return 1;
}

// Level 1 is the Lua code that assigned, so scripts get the line number.
int RejectExpressionWrite(lua_State* L) {
  luaL_where(L, 1);
  lua_pushliteral(L, "expressions are read-only");
  lua_concat(L, 2);
  return lua_error(L);
}

int RejectLibraryWrite(lua_State* L) {
  luaL_where(L, 1);
  lua_pushliteral(L, "the standard library is read-only");
  lua_concat(L, 2);
  return lua_error(L);
}

int IndexNil(lua_State*) {
  return 0;
}

// __index of every environment: scope roots first, then the safe globals
// (upvalue 1).
int IndexEnvironment(lua_State* L) {
  const SandboxState& shared = GetSandboxState(L);
  if (shared.scope != nullptr && lua_type(L, 2) == LUA_TSTRING) {
    size_t length = 0;
    const char* name = lua_tolstring(L, 2, &length);
    const Value* root = shared.scope->Find(std::string_view(name, length));
    if (root != nullptr) {
      PushValue(L, *root);
      return 1;
    }
  }
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));
  return 1;
}

// Pushes an empty table that reads through to the table at `index` and
// rejects writes.
void PushFrozen(lua_State* L, int index) {
  index = lua_absindex(L, index);
  lua_newtable(L);
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, RejectLibraryWrite);
  lua_setfield(L, -2, "__newindex");
  lua_setmetatable(L, -2);
}

// Pushes the table of safe globals.
void PushSafeGlobals(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 0);  // stays out of reach
  lua_newtable(L);
  const int globals = lua_gettop(L);
  for (const char* name : kBaseNames) {
    lua_getfield(L, globals - 1, name);
    lua_setfield(L, globals, name);
  }
  const luaL_Reg replaced[] = {
      {"pcall", SafePcall}, {"xpcall", SafeXpcall}, {"type", SafeType}, {nullptr, nullptr}};
  luaL_setfuncs(L, replaced, 0);
  for (const Library& library : kLibraries) {
    luaL_requiref(L, library.name, library.open, 0);
    if (library.open == luaopen_string) {  // the string metatable reaches it too
      lua_pushnil(L);
      lua_setfield(L, -2, "dump");
      InstallStringPatterns(L, -1);
    }
    PushFrozen(L, -1);
    lua_setfield(L, globals, library.name);
    lua_pop(L, 1);
  }
  OpenDecimal(L);  // a function: nothing to freeze
  lua_setfield(L, globals, "decimal");
  PushFrozen(L, globals);
  lua_setfield(L, globals, "_G");
  lua_remove(L, globals - 1);
}

void RegisterEnvironments(lua_State* L) {
  PushSafeGlobals(L);
  lua_pushcclosure(L, IndexEnvironment, 1);
  const int index_function = lua_gettop(L);

  lua_newtable(L);
  lua_createtable(L, 0, 2);
  lua_pushvalue(L, index_function);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, RejectExpressionWrite);
  lua_setfield(L, -2, "__newindex");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kExpressionEnvKey);

  lua_createtable(L, 0, 1);
  lua_pushvalue(L, index_function);
  lua_setfield(L, -2, "__index");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kChunkEnvMetaKey);
  lua_pop(L, 1);
}

int Setup(lua_State* L) {
  RegisterEnvironments(L);
  RegisterProxyMetatable(L);
  lua_pushnil(L);  // null-safe navigation: nil.anything is nil
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, IndexNil);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
  return 0;
}

}  // namespace

SandboxState& GetSandboxState(lua_State* L) {
  return **static_cast<SandboxState**>(lua_getextraspace(L));
}

int StopCall(lua_State* L, StopReason reason) {
  GetSandboxState(L).stop = reason;
  lua_pushstring(L, StopMessage(reason));
  return lua_error(L);
}

bool PastDeadline(const SandboxState& shared) {
  return shared.deadline.clock != nullptr && shared.deadline.clock->Now() > shared.deadline.at;
}

LuaSandbox::LuaSandbox(const Limits& limits) {
  shared_.max_instructions = limits.max_instructions;
  shared_.hook_step = static_cast<int>(std::clamp<long long>(limits.max_instructions, 1, 1000));
  shared_.memory_limit = limits.max_memory_bytes;
  shared_.scratch = &scratch_;
  shared_.value_scratch = &value_scratch_;
  state_ = lua_newstate(Allocate, &shared_);
  if (state_ == nullptr) {
    status_ = Internal("cannot start the expression sandbox: not enough memory");
    return;
  }
  *static_cast<SandboxState**>(lua_getextraspace(state_)) = &shared_;
  if (Protected(Setup, nullptr, 0) != LUA_OK) {
    const char* message = lua_type(state_, -1) == LUA_TSTRING ? lua_tostring(state_, -1) : nullptr;
    status_ = Internal(std::string("cannot start the expression sandbox: ") +
                       (message != nullptr ? message : "unknown error"));
  }
  lua_settop(state_, 0);
}

LuaSandbox::~LuaSandbox() {
  if (state_ != nullptr)
    lua_close(state_);
}

void LuaSandbox::BeginCall(const Scope& scope, const Deadline& deadline) {
  shared_.scope = &scope;
  ++shared_.generation;
  shared_.instructions = 0;
  shared_.stop = StopReason::kNone;
  shared_.deadline = deadline;
  lua_sethook(state_, CountHook, LUA_MASKCOUNT, shared_.hook_step);
}

void LuaSandbox::EndCall(bool collect_garbage) {
  lua_settop(state_, 0);
  shared_.scope = nullptr;
  shared_.stop = StopReason::kNone;
  shared_.deadline = {};
  if (scratch_.capacity() > std::size_t{64} * 1024)
    std::string().swap(scratch_);
  value_scratch_ = nullptr;
  if (collect_garbage)
    lua_gc(state_, LUA_GCCOLLECT);
}

int LuaSandbox::Protected(int (*function)(lua_State*), void* request, int results) {
  lua_pushcfunction(state_, function);
  lua_pushlightuserdata(state_, request);
  return lua_pcall(state_, 1, results, 0);
}

void PushExpressionEnv(lua_State* L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kExpressionEnvKey);
}

void PushChunkEnv(lua_State* L) {
  lua_newtable(L);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kChunkEnvMetaKey);
  lua_setmetatable(L, -2);
}

}  // namespace travet::expr
