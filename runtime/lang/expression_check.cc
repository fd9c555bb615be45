#include <algorithm>

#include "runtime/lang/bot_reader.h"
#include "runtime/lang/did_you_mean.h"
#include "runtime/lang/expression_refs.h"

namespace travet::lang {
namespace {

// The Lua functions a sandboxed expression may call.
const std::vector<std::string>& SafeGlobals() {
  static const std::vector<std::string> kGlobals = {
      "string", "math", "table", "utf8", "tostring", "tonumber", "type", "pairs", "ipairs", "next",
      "select", "assert", "pcall", "rawequal", "rawlen", "rawget",
      // the expression library (runtime/expr/expr_libraries.h)
      "it", "json", "decimal", "date", "text"};
  return kGlobals;
}

const std::vector<std::string> kRunFields = {"id", "bot", "started_at", "attempt"};
const std::vector<std::string> kErrorFields = {"message", "step", "code"};

void CollectVarNames(const std::vector<Step>& steps, std::vector<std::string>& names) {
  for (const auto& step : steps) {
    if (step.uses == "set" && step.with.is_object()) {
      for (const auto& [key, unused] : step.with.items())
        names.push_back(key);
    }
    CollectVarNames(step.steps, names);
    CollectVarNames(step.on_error, names);
  }
}

struct KnownNames {
  std::vector<std::string> inputs, env, secrets, vars, steps;
};

// "" when `ref` names something that exists, else the message.
std::string CheckMember(const NameRef& ref, const KnownNames& known) {
  auto check = [&](const std::vector<std::string>& names, const std::string& what,
                   const std::string& hint) -> std::string {
    if (ref.member.empty() || std::find(names.begin(), names.end(), ref.member) != names.end()) {
      return {};
    }
    return "unknown " + what + " '" + ref.member + "' in expression" +
           DidYouMean(ref.member, names) + hint;
  };
  if (ref.root == "inputs")
    return check(known.inputs, "input", "");
  if (ref.root == "env") {
    if (ref.member.empty() ||
        std::find(known.env.begin(), known.env.end(), ref.member) != known.env.end())
      return {};
    return "environment variable '" + ref.member + "' is not in the bot's 'env' list";
  }
  if (ref.root == "secrets")
    return check(known.secrets, "secret", " (declare it under 'secrets:')");
  if (ref.root == "vars")
    return check(known.vars, "variable", "");
  if (ref.root == "steps")
    return check(known.steps, "step id", "");
  if (ref.root == "run")
    return check(kRunFields, "run field", "");
  if (ref.root == "error")
    return check(kErrorFields, "error field", "");
  return {};
}

// `${{ }}` holds one expression, whose value is the result, so there is no
// place for statements; Lua's "unexpected symbol near 'local'" does not say
// that, nor where statements go.
std::string StatementHint(std::string_view text, const std::string& syntax) {
  std::string_view keyword = StatementKeyword(text);
  if (keyword.empty())
    return syntax;
  return "'${{ }}' holds one Lua expression, and '" + std::string(keyword) +
         "' starts a statement; compute the value in a `script` step, or inside "
         "(function() ... end)()";
}

}  // namespace

void BotReader::CollectExpressions(const YamlNode& node) {
  if (node.is_scalar()) {
    if (node.scalar.find("${{") != std::string::npos)
      CollectExpression(node.scalar, node.loc, false);
    return;
  }
  for (const auto& item : node.items)
    CollectExpressions(item);
  for (const auto& [key, value] : node.entries)
    CollectExpressions(value);
}

void BotReader::CollectExpression(const std::string& text, const Location& loc, bool bare) {
  bool templated = text.find("${{") != std::string::npos;
  if (bare && !templated) {
    pending_.push_back({text, loc, loop_vars_, on_error_depth_ > 0});
    return;
  }
  auto parts = SplitTemplate(text);
  if (!parts)
    return Error(loc, parts.error().message());
  for (const auto& part : *parts) {
    if (!part.is_expression)
      continue;
    if (part.text.empty()) {
      Error(loc, "empty expression '${{ }}'");
      continue;
    }
    pending_.push_back({part.text, loc, loop_vars_, on_error_depth_ > 0});
  }
}

void BotReader::CheckExpressions(const Bot& bot) {
  KnownNames known;
  for (const auto& input : bot.inputs)
    known.inputs.push_back(input.name);
  known.env = bot.env;
  known.secrets = bot.secrets;
  for (const auto& [name, unused] : bot.vars)
    known.vars.push_back(name);
  CollectVarNames(bot.steps, known.vars);
  CollectVarNames(bot.on_error, known.vars);
  for (const auto& [id, unused] : step_ids_)
    known.steps.push_back(id);

  for (const auto& pending : pending_) {
    if (options_.check_syntax) {
      std::string syntax = options_.check_syntax(pending.text);
      if (!syntax.empty()) {
        Error(pending.loc, "bad expression '" + pending.text.substr(0, 80) +
                               "': " + StatementHint(pending.text, syntax));
        continue;
      }
    }
    std::vector<std::string> roots = {"inputs", "vars", "env", "secrets", "steps", "run"};
    roots.insert(roots.end(), pending.loop_vars.begin(), pending.loop_vars.end());
    if (pending.in_on_error)
      roots.push_back("error");
    for (const auto& ref : FindNameRefs(pending.text)) {
      bool is_root = std::find(roots.begin(), roots.end(), ref.root) != roots.end();
      bool is_global =
          std::find(SafeGlobals().begin(), SafeGlobals().end(), ref.root) != SafeGlobals().end();
      if (!is_root && !is_global) {
        Error(pending.loc,
              "unknown name '" + ref.root + "' in expression" + DidYouMean(ref.root, roots));
        break;
      }
      if (std::string problem = CheckMember(ref, known); !problem.empty()) {
        Error(pending.loc, problem);
        break;
      }
    }
  }
}

}  // namespace travet::lang
