#include "runtime/actions/flow_actions.h"

#include "runtime/expr/evaluator.h"

namespace travet::actions {
namespace {

using lang::ParamType;

Result<Value> RunSet(const Value& params, ActionContext& ctx) {
  if (!params.is_object())
    return InvalidArgument("set: expected names and values");
  for (const auto& [name, value] : params.items())
    (*ctx.vars)[name] = value;
  return params;
}

Result<Value> RunLog(const Value& params, ActionContext& ctx) {
  const Value& message = params.value("message", Value());
  std::string text = message.is_string() ? message.get<std::string>() : message.dump();
  LogLevel level = LogLevel::kInfo;
  const Value& level_param = params.value("level", Value("info"));
  if (!level_param.is_string())
    return InvalidArgument("log: parameter 'level' must be a string");
  std::string level_name = level_param.get<std::string>();
  if (!ParseLogLevel(level_name, &level)) {
    return InvalidArgument("log: unknown level '" + level_name +
                           "' (use debug, info, warning or error)");
  }
  if (ctx.logger)
    ctx.logger->Log(level, text);
  return Value();
}

Result<Value> RunFail(const Value& params, ActionContext&) {
  const Value& message = params.value("message", Value("the bot asked to fail"));
  return Failed(message.is_string() ? message.get<std::string>() : message.dump());
}

// Ends the work item (inside a loop with `items: true`) or the run here,
// successfully: the engine records the outcome and runs no further step.
Result<Value> RunStop(const Value& params, ActionContext&) {
  const Value& outcome = params.value("outcome", Value("stopped"));
  const Value& reason = params.value("reason", Value(""));
  if (!outcome.is_string() || outcome.get<std::string>().empty())
    return InvalidArgument("stop: parameter 'outcome' must be a word such as skipped");
  std::string text = outcome.get<std::string>();
  std::string why = reason.is_string() ? reason.get<std::string>() : reason.dump();
  return Stopped(why.empty() ? text : text + ": " + why);
}

Result<Value> RunScript(const Value& params, ActionContext& ctx) {
  const Value& lua = params.value("lua", Value());
  if (!lua.is_string())
    return InvalidArgument("script: parameter 'lua' must be a string");
  if (!ctx.evaluator || !ctx.scope)
    return Internal("script: no evaluator");
  return ctx.evaluator->RunChunk(lua.get<std::string>(), *ctx.scope,
                                 {.clock = ctx.clock, .at = ctx.deadline});
}

}  // namespace

std::vector<ActionDef> FlowActions() {
  return {
      {{"fail",
        "Fail the step with a message (on_error handlers run).",
        {{"message", ParamType::kString, false, "Why the bot fails."}},
        {},
        "none"},
       RunFail},
      {{"log",
        "Write a line to the run's log.",
        {{"message", ParamType::kAny, true, "The text (or value) to log."},
         {"level",
          ParamType::kString,
          false,
          "debug, info, warning or error (default info).",
          {"debug", "info", "warning", "error"}}},
        {},
        "none"},
       RunLog},
      {{"script",
        "Run a Lua chunk in the sandbox; its return value is the output.",
        {{"lua", ParamType::kString, true,
          "The chunk. It reads inputs, vars, steps ... like an expression."}},
        {},
        "the chunk's return value"},
       RunScript},
      {{"set",
        "Set variables: each name under `with` becomes vars.<name>.",
        {},
        {},
        "the values set",
        /*open_params=*/true},
       RunSet},
      {{"stop",
        "End the current work item (in a loop with `items: true`) or the run, successfully.",
        {{"outcome", ParamType::kString, false,
          "A word people read in `travet runs items`: skipped, duplicate ... (default stopped)."},
         {"reason", ParamType::kString, false, "Why, for people."}},
        {},
        "{outcome}: what ended it, as \"outcome: reason\""},
       RunStop},
  };
}

}  // namespace travet::actions
