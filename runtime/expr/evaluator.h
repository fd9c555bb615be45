#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::expr {

// The names an expression can see. Each maps a root name (`inputs`, `vars`,
// `env`, `secrets`, `steps`, `run`, a loop variable, `error`) to a Value that
// the caller owns and keeps alive for the duration of the call. Read-only:
// expressions cannot change them.
class Scope {
 public:
  void Bind(std::string name, const Value* value) { roots_[std::move(name)] = value; }
  void Unbind(const std::string& name) { roots_.erase(name); }
  const Value* Find(std::string_view name) const {
    auto it = roots_.find(name);
    return it == roots_.end() ? nullptr : it->second;
  }

 private:
  std::map<std::string, const Value*, std::less<>> roots_;
};

// Limits that keep a runaway expression from hanging or exhausting the runner.
struct Limits {
  long long max_instructions = 10'000'000;  // Lua VM instructions per call
  size_t max_memory_bytes = 64u << 20;      // for the whole Lua state
};

// When a call has to end, by `clock`'s time; the default never comes. Past
// it a call stops as at the instruction limit. The clock must outlive the
// call.
struct Deadline {
  const Clock* clock = nullptr;
  TimePoint at = TimePoint::max();
};

// Evaluates `${{ }}` expressions and Lua chunks in a sandboxed Lua 5.4 state:
// only the base functions without load, dofile, loadfile, require,
// getmetatable, setmetatable, rawset, collectgarbage and print, plus string
// (without dump), table, math and utf8, all read-only; no io, os, package,
// debug or coroutine. Instruction and memory bounds per call. Scope values are
// seen through read-only proxies, never copied in: objects by key, arrays by
// 1-based index, with #, pairs, ipairs, tostring (compact JSON) and ==; `#` of
// an object is 0 as for a Lua table; type() calls them "table". Indexing a
// missing key, an unknown root, or nil gives nil, so
// `steps.checked.fields.number or steps.read.fields.number.value` works when
// `checked` was skipped. Compiled expressions and chunks are cached by text
// (bounded, least recently used dropped). Not thread-safe: one Evaluator per
// worker thread.
//
// Results become Values: nil → null; integers, and floats with an integral
// value that fit in 64 bits, → integers; other floats → numbers; strings must
// be valid UTF-8; proxies → copies of their Value; tables with keys 1..n →
// lists (the empty table → `[]`); tables with string keys → maps; anything
// else (functions, mixed keys, nesting past 100 levels) is an error.
//
// Errors (all kInvalidArgument unless said otherwise):
//   expression '<text>' failed: <Lua's message without its position>
//   expression '<text>' has a syntax error: <Lua's message>
//   expression exceeded the instruction limit (N)     [kTimeout]
//   script ran past its deadline                       [kTimeout]
//   expression ran past its deadline                   [kTimeout]
//   expression exceeded the memory limit (64 MiB)
//   expression produced invalid UTF-8
// where <text> is the user's text cut to 80 bytes. RunChunk says `script`
// instead of `expression '<text>'` and keeps the line: `script failed: line 3:
// ...`. A failed call leaves the evaluator ready for the next one.
class Evaluator {
 public:
  // A sandbox that cannot be built (a memory limit too small for Lua itself)
  // makes every call fail with kInternal.
  explicit Evaluator(Limits limits = {});
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates one expression (the text between `${{` and `}}`), e.g.
  // `steps.docs.files` or `inputs.threshold * 2`, compiled as
  // `return (<expression>)`; assignments fail with "expressions are
  // read-only". `scope` and its values must stay alive during the call.
  // Stops at `deadline` as RunChunk does.
  Result<Value> Evaluate(std::string_view expression, const Scope& scope,
                         const Deadline& deadline = {});

  // Renders a template Value: every string holding `${{ ... }}` is evaluated.
  // A string that is exactly one expression (surrounding whitespace allowed)
  // keeps the value's type; otherwise each expression is interpolated as
  // text: nil → "", strings as they are, integers in decimal, other numbers as
  // Lua prints them, booleans, tables → compact JSON. Maps (values, not keys)
  // and lists are rendered recursively; other values and strings without
  // `${{` are copied without touching Lua. An unclosed `${{` fails with
  // "unterminated '${{' in '<text>'". Each expression stops at `deadline`.
  Result<Value> Render(const Value& templ, const Scope& scope, const Deadline& deadline = {});

  // Runs a Lua chunk (the `script` action): statements, locals, loops,
  // functions. Its first return value is the result (none → null); globals it
  // sets go to a table of their own that vanishes after the call. Stops at
  // `deadline` (the `script` step's timeout), also inside a string pattern
  // function.
  Result<Value> RunChunk(std::string_view chunk, const Scope& scope, const Deadline& deadline = {});

  // Whether `expression` compiles. Returns an empty string when it does, or
  // Lua's syntax message without its position, e.g. "unexpected symbol near
  // <eof>" for `1 +`.
  std::string CheckSyntax(std::string_view expression);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a string holds at least one `${{`.
bool HasExpression(std::string_view text);

}  // namespace travet::expr
