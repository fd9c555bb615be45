#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/core/status.h"
#include "runtime/expr/evaluator.h"

struct lua_State;

namespace travet::expr {

// Why a call was stopped before its end.
enum class StopReason { kNone, kInstructionLimit, kDeadline };

// What the Lua C callbacks of one state share, reached through the state's
// extra space. Trivially destructible on purpose: a Lua error is a longjmp
// that may skip the frames of the callbacks that use it.
struct SandboxState {
  const Scope* scope = nullptr;  // roots of the current call; null between calls
  uint64_t generation = 0;       // bumped per call: older proxies are stale
  long long instructions = 0;
  long long max_instructions = 0;
  int hook_step = 1000;                 // instructions between two calls of the count hook
  StopReason stop = StopReason::kNone;  // set once the current call must end
  Deadline deadline;                    // of the current call
  size_t memory_used = 0;
  size_t memory_limit = 0;
  std::string* scratch = nullptr;  // reusable text buffer, owned by LuaSandbox
  Value* value_scratch = nullptr;  // json.decode's document, owned by LuaSandbox
};

// The shared state of `L`, which must belong to a LuaSandbox.
SandboxState& GetSandboxState(lua_State* L);

// Ends the current call of `L` for `reason`: records it and raises an error
// that pcall and xpcall pass on ("instruction limit exceeded", "deadline
// passed"). Does not return.
int StopCall(lua_State* L, StopReason reason);

// Whether the current call has a deadline and its clock is past it.
bool PastDeadline(const SandboxState& shared);

// A Lua 5.4 state that holds only the safe libraries (base without load,
// dofile, require, getmetatable, setmetatable, rawset, collectgarbage, print;
// string without dump; table; math; utf8) and the expression library (it,
// json, decimal, date, text: expr_libraries.h), frozen so that no call can change
// them for the next. Memory is bounded by a counting allocator and time by a
// count hook, which also ends a call past its deadline; string.find, match,
// gmatch and gsub count their matching steps as instructions and read the
// deadline too (see string_patterns.h). Indexing nil gives nil. Not
// thread-safe.
class LuaSandbox {
 public:
  explicit LuaSandbox(const Limits& limits);
  ~LuaSandbox();
  LuaSandbox(const LuaSandbox&) = delete;
  LuaSandbox& operator=(const LuaSandbox&) = delete;

  // Ok when the state was built; else why not (e.g. a tiny memory limit).
  const Status& status() const { return status_; }
  lua_State* state() const { return state_; }
  const SandboxState& shared() const { return shared_; }

  // Starts a call over `scope`: a new proxy generation, a fresh instruction
  // budget and `deadline` (by default none).
  void BeginCall(const Scope& scope, const Deadline& deadline = {});
  // Ends the call: empties the stack, forgets the scope and, after a memory
  // error, collects garbage so that the next call has room.
  void EndCall(bool collect_garbage);

  // Calls `function` in protected mode with `request` as its only (light
  // userdata) argument, leaving `results` results or the error object on the
  // stack. Returns the lua_pcall status.
  int Protected(int (*function)(lua_State*), void* request, int results);

 private:
  SandboxState shared_;
  std::string scratch_;
  Value value_scratch_;
  lua_State* state_ = nullptr;
  Status status_;
};

// Pushes the environment shared by all compiled expressions: scope roots,
// then the safe globals; assigning to it raises "expressions are read-only".
// May raise a Lua error: protected mode only.
void PushExpressionEnv(lua_State* L);

// Pushes a fresh globals table for one chunk run: reads fall back to the scope
// roots and the safe globals, writes stay in the table. Protected mode only.
void PushChunkEnv(lua_State* L);

}  // namespace travet::expr
