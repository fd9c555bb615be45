#include "runtime/expr/evaluator.h"

#include <cctype>
#include <cstdio>
#include <lua.hpp>
#include <string>
#include <vector>

#include "runtime/core/utf8.h"
#include "runtime/expr/compiled_cache.h"
#include "runtime/expr/lua_sandbox.h"
#include "runtime/expr/lua_value.h"
#include "runtime/expr/template.h"

namespace travet::expr {
namespace {

constexpr size_t kExpressionCacheSize = 1000;
constexpr size_t kChunkCacheSize = 200;
constexpr size_t kMaxErrorBytes = 1000;

enum class Kind { kExpression, kChunk };

const char* Noun(Kind kind) {
  return kind == Kind::kExpression ? "expression" : "script";
}

// Lua's messages then start with "expression:1:" or "script:1:".
const char* ChunkName(Kind kind) {
  return kind == Kind::kExpression ? "=expression" : "=script";
}

// What CompileEntry needs: plain pointers only, for the longjmp's sake.
struct CompileRequest {
  const char* source;
  size_t source_size;
  const char* check;  // also has to compile; null for chunks
  size_t check_size;
  const char* chunk_name;
  int load_status;
  int ref;
};

struct ReleaseRequest {
  const int* refs;
  size_t count;
};

struct ChunkRequest {
  int ref;
};

int Load(lua_State* L, CompileRequest* request, const char* text, size_t size) {
  request->load_status = luaL_loadbufferx(L, text, size, request->chunk_name, "t");
  if (request->load_status != LUA_OK)
    return lua_error(L);
  return LUA_OK;
}

int CompileEntry(lua_State* L) {
  auto* request = static_cast<CompileRequest*>(lua_touserdata(L, 1));
  if (request->check != nullptr) {
    Load(L, request, request->check, request->check_size);
    lua_pop(L, 1);
  }
  Load(L, request, request->source, request->source_size);
  if (request->check != nullptr) {
    PushExpressionEnv(L);
    lua_setupvalue(L, -2, 1);  // _ENV, the only upvalue of a main chunk
  }
  request->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int ReleaseEntry(lua_State* L) {
  const auto* request = static_cast<ReleaseRequest*>(lua_touserdata(L, 1));
  for (size_t i = 0; i < request->count; ++i)
    luaL_unref(L, LUA_REGISTRYINDEX, request->refs[i]);
  return 0;
}

int ChunkEntry(lua_State* L) {
  const auto* request = static_cast<ChunkRequest*>(lua_touserdata(L, 1));
  lua_rawgeti(L, LUA_REGISTRYINDEX, request->ref);
  PushChunkEnv(L);
  lua_setupvalue(L, -2, 1);
  lua_call(L, 0, 1);
  return 1;
}

// "expression:1: msg" → "msg"; "script:3: msg" → "line 3: msg".
std::string CleanMessage(Kind kind, std::string message) {
  const std::string prefix = std::string(Noun(kind)) + ":";
  while (message.compare(0, prefix.size(), prefix) == 0) {
    size_t digits = prefix.size();
    while (digits < message.size() && std::isdigit(static_cast<unsigned char>(message[digits]))) {
      ++digits;
    }
    if (digits == prefix.size() || message.compare(digits, 2, ": ") != 0)
      break;
    std::string line = message.substr(prefix.size(), digits - prefix.size());
    message.erase(0, digits + 2);
    if (kind == Kind::kChunk)
      return "line " + line + ": " + message;
  }
  return message;
}

std::string FormatBytes(size_t bytes) {
  if (bytes % (1u << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  if (bytes % (1u << 10) == 0)
    return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// The error object on top of the stack as text, without any Lua call that
// could raise (this runs outside protected mode).
std::string ErrorText(lua_State* L) {
  switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
      size_t length = 0;
      const char* text = lua_tolstring(L, -1, &length);
      return ForMessage(std::string_view(text, length), kMaxErrorBytes);
    }
    case LUA_TNUMBER:
      return TemplateText(*ToValue(L, -1));
    default:
      return std::string("(error object is a ") +
             (IsProxy(L, -1) ? "table" : luaL_typename(L, -1)) + " value)";
  }
}

}  // namespace

class Evaluator::Impl {
 public:
  explicit Impl(const Limits& limits)
      : limits_(limits),
        sandbox_(limits),
        expressions_(kExpressionCacheSize),
        chunks_(kChunkCacheSize) {}

  Result<Value> Evaluate(std::string_view text, const Scope& scope, const Deadline& deadline);
  Result<Value> RunChunk(std::string_view chunk, const Scope& scope, const Deadline& deadline);
  std::string CheckSyntax(std::string_view text);

 private:
  struct Compiled {
    int ref = LUA_NOREF;
    int status = LUA_OK;
    std::string detail;  // Lua's message, cleaned, when status is not ok
  };

  Compiled Compile(Kind kind, std::string_view text);
  Compiled Load(Kind kind, std::string_view text);
  void Release(const std::vector<int>& refs);
  Status CompileError(Kind kind, std::string_view text, const Compiled& compiled) const;
  Result<Value> Finish(Kind kind, std::string_view text, int status, int ref);
  void DetachChunkEnv(int ref);
  Status CallError(Kind kind, std::string_view text, int status);
  Status MemoryError(Kind kind) const;
  std::string Subject(Kind kind, std::string_view text) const;

  Limits limits_;
  LuaSandbox sandbox_;
  CompiledCache expressions_;
  CompiledCache chunks_;
  std::string source_;  // the texts handed to luaL_loadbufferx
  std::string check_;
};

Result<Value> Evaluator::Impl::Evaluate(std::string_view text, const Scope& scope,
                                        const Deadline& deadline) {
  TRAVET_RETURN_IF_ERROR(sandbox_.status());
  const Compiled compiled = Compile(Kind::kExpression, text);
  if (compiled.status != LUA_OK)
    return CompileError(Kind::kExpression, text, compiled);
  sandbox_.BeginCall(scope, deadline);
  lua_State* L = sandbox_.state();
  lua_rawgeti(L, LUA_REGISTRYINDEX, compiled.ref);
  return Finish(Kind::kExpression, text, lua_pcall(L, 0, 1, 0), compiled.ref);
}

Result<Value> Evaluator::Impl::RunChunk(std::string_view chunk, const Scope& scope,
                                        const Deadline& deadline) {
  TRAVET_RETURN_IF_ERROR(sandbox_.status());
  const Compiled compiled = Compile(Kind::kChunk, chunk);
  if (compiled.status != LUA_OK)
    return CompileError(Kind::kChunk, chunk, compiled);
  sandbox_.BeginCall(scope, deadline);
  ChunkRequest request{compiled.ref};
  return Finish(Kind::kChunk, chunk, sandbox_.Protected(ChunkEntry, &request, 1), compiled.ref);
}

std::string Evaluator::Impl::CheckSyntax(std::string_view text) {
  if (!sandbox_.status().ok())
    return sandbox_.status().message();
  const Compiled compiled = Compile(Kind::kExpression, text);
  if (compiled.status == LUA_ERRMEM)
    return MemoryError(Kind::kExpression).message();
  return compiled.detail;
}

Evaluator::Impl::Compiled Evaluator::Impl::Compile(Kind kind, std::string_view text) {
  CompiledCache& cache = kind == Kind::kExpression ? expressions_ : chunks_;
  if (std::optional<int> ref = cache.Find(text))
    return Compiled{*ref, LUA_OK, ""};
  if (kind == Kind::kExpression && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Compiled{LUA_NOREF, LUA_ERRSYNTAX, "empty expression"};
  }
  Compiled compiled = Load(kind, text);
  if (compiled.status == LUA_OK)
    Release(cache.Insert(text, compiled.ref));
  return compiled;
}

// An expression compiles as `return (<text>\n)`; `return <text>` has to
// compile too, so that text such as `f(` or `1), (2` that only parses thanks
// to the added parenthesis is rejected, with the more natural message.
Evaluator::Impl::Compiled Evaluator::Impl::Load(Kind kind, std::string_view text) {
  CompileRequest request{nullptr, 0, nullptr, 0, ChunkName(kind), LUA_OK, LUA_NOREF};
  if (kind == Kind::kExpression) {
    check_.assign("return ").append(text);
    source_.assign("return (").append(text).append("\n)");
    request.check = check_.data();
    request.check_size = check_.size();
  } else {
    source_.assign(text);
  }
  request.source = source_.data();
  request.source_size = source_.size();
  const int status = sandbox_.Protected(CompileEntry, &request, 0);
  Compiled compiled;
  if (status != LUA_OK) {
    compiled.status = request.load_status != LUA_OK ? request.load_status : status;
    compiled.detail = CleanMessage(kind, ErrorText(sandbox_.state()));
  }
  compiled.ref = request.ref;
  sandbox_.EndCall(compiled.status == LUA_ERRMEM);
  return compiled;
}

void Evaluator::Impl::Release(const std::vector<int>& refs) {
  if (refs.empty())
    return;
  ReleaseRequest request{refs.data(), refs.size()};
  if (sandbox_.Protected(ReleaseEntry, &request, 0) != LUA_OK) {
    sandbox_.EndCall(true);  // the references stay taken; nothing else is lost
    return;
  }
  sandbox_.EndCall(false);
}

Status Evaluator::Impl::CompileError(Kind kind, std::string_view text,
                                     const Compiled& compiled) const {
  if (compiled.status == LUA_ERRMEM)
    return MemoryError(kind);
  return InvalidArgument(Subject(kind, text) + " has a syntax error: " + compiled.detail);
}

Result<Value> Evaluator::Impl::Finish(Kind kind, std::string_view text, int status, int ref) {
  Result<Value> result = Value();
  if (status != LUA_OK) {
    result = CallError(kind, text, status);
  } else if (result = ToValue(sandbox_.state(), -1); !result) {
    result = InvalidArgument(std::string(Noun(kind)) + " " + result.error().message());
  }
  if (kind == Kind::kChunk)
    DetachChunkEnv(ref);
  sandbox_.EndCall(status == LUA_ERRMEM);
  return result;
}

// The cached chunk would otherwise keep its last globals (and whatever they
// hold) alive until its next run. None of these calls can raise.
void Evaluator::Impl::DetachChunkEnv(int ref) {
  lua_State* L = sandbox_.state();
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  lua_pushnil(L);
  lua_setupvalue(L, -2, 1);
  lua_pop(L, 1);
}

Status Evaluator::Impl::CallError(Kind kind, std::string_view text, int status) {
  switch (sandbox_.shared().stop) {
    case StopReason::kInstructionLimit:
      return Timeout(std::string(Noun(kind)) + " exceeded the instruction limit (" +
                     std::to_string(limits_.max_instructions) + ")");
    case StopReason::kDeadline:
      return Timeout(std::string(Noun(kind)) + " ran past its deadline");
    case StopReason::kNone:
      break;
  }
  if (status == LUA_ERRMEM)
    return MemoryError(kind);
  return InvalidArgument(Subject(kind, text) +
                         " failed: " + CleanMessage(kind, ErrorText(sandbox_.state())));
}

Status Evaluator::Impl::MemoryError(Kind kind) const {
  return InvalidArgument(std::string(Noun(kind)) + " exceeded the memory limit (" +
                         FormatBytes(limits_.max_memory_bytes) + ")");
}

std::string Evaluator::Impl::Subject(Kind kind, std::string_view text) const {
  if (kind == Kind::kChunk)
    return "script";
  return "expression '" + ForMessage(text) + "'";
}

Evaluator::Evaluator(Limits limits) : impl_(std::make_unique<Impl>(limits)) {}

Evaluator::~Evaluator() = default;

Result<Value> Evaluator::Evaluate(std::string_view expression, const Scope& scope,
                                  const Deadline& deadline) {
  return impl_->Evaluate(expression, scope, deadline);
}

Result<Value> Evaluator::Render(const Value& templ, const Scope& scope, const Deadline& deadline) {
  return RenderTemplate(templ, [this, &scope, &deadline](std::string_view expression) {
    return impl_->Evaluate(expression, scope, deadline);
  });
}

Result<Value> Evaluator::RunChunk(std::string_view chunk, const Scope& scope,
                                  const Deadline& deadline) {
  return impl_->RunChunk(chunk, scope, deadline);
}

std::string Evaluator::CheckSyntax(std::string_view expression) {
  return impl_->CheckSyntax(expression);
}

}  // namespace travet::expr
