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

// Evaluates `${{ }}` expressions and Lua chunks in a sandboxed Lua 5.4 state:
// no io, os, package, debug, load, loadstring, dofile, require; instruction and
// memory bounds. Indexing a missing key (or nil) gives nil, so
// `steps.checked.fields.number or steps.read.fields.number.value` works when
// `checked` was skipped. Compiled expressions are cached.
// Not thread-safe: one Evaluator per worker thread.
class Evaluator {
 public:
  explicit Evaluator(Limits limits = {});
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates one expression (the text between `${{` and `}}`), e.g.
  // `steps.docs.files` or `inputs.threshold * 2`. Errors are kInvalidArgument
  // with Lua's message ("attempt to perform arithmetic on a nil value ...").
  // A runaway expression fails with kTimeout / kInvalidArgument, never hangs.
  Result<Value> Evaluate(std::string_view expression, const Scope& scope);

  // Renders a template Value: every string holding `${{ ... }}` is evaluated.
  // A string that is exactly one expression keeps the value's type; otherwise
  // each expression is interpolated as text (nil → "", tables → JSON).
  // Maps and lists are rendered recursively; other values are copied.
  Result<Value> Render(const Value& templ, const Scope& scope);

  // Runs a Lua chunk (the `script` action). Its return value is the result;
  // globals it sets vanish after the call.
  Result<Value> RunChunk(std::string_view chunk, const Scope& scope);

  // Whether `expression` compiles. Returns an empty string when it does, or
  // Lua's syntax message.
  std::string CheckSyntax(std::string_view expression);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a string holds at least one `${{`.
bool HasExpression(std::string_view text);

}  // namespace travet::expr
