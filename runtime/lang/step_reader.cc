#include <cstdlib>

#include "runtime/core/duration.h"
#include "runtime/lang/bot_reader.h"
#include "runtime/lang/did_you_mean.h"
#include "runtime/lang/yaml_path.h"

namespace travet::lang {
namespace {

bool IsExpressionScalar(const YamlNode& node) {
  return node.is_scalar() && node.scalar.find("${{") != std::string::npos;
}

bool FitsParamType(const YamlNode& node, ParamType type) {
  Value v = ToValue(node);
  switch (type) {
    case ParamType::kString:
      return node.is_scalar();  // numbers are fine as text
    case ParamType::kNumber:
      return v.is_number();
    case ParamType::kInteger:
      return v.is_number_integer();
    case ParamType::kBoolean:
      return v.is_boolean();
    case ParamType::kList:
      return v.is_array();
    case ParamType::kMap:
      return v.is_object();
    case ParamType::kDuration:
      return v.is_string() && ParseDuration(v.get<std::string>()).has_value();
    case ParamType::kAny:
      return true;
    case ParamType::kStringOrList:
      return node.is_scalar() || node.is_sequence();
  }
  return true;
}

std::string Article(ParamType type) {
  std::string name(ParamTypeName(type));
  bool vowel = name[0] == 'a' || name[0] == 'i';
  return (vowel ? "an " : "a ") + name;
}

const ActionSpec* FindSpec(const ActionCatalog& catalog, std::string_view name) {
  for (const ActionSpec* spec : catalog) {
    if (spec->name == name)
      return spec;
  }
  return nullptr;
}

}  // namespace

std::vector<Step> BotReader::ReadSteps(const YamlNode& node, const char* what) {
  std::vector<Step> steps;
  if (!node.is_sequence()) {
    Error(node.loc, std::string(what) + " must be a list of steps, not " + node.Describe());
    return steps;
  }
  if (node.items.empty())
    Error(node.loc, std::string(what) + " must list at least one step");
  for (const auto& item : node.items) {
    if (auto step = ReadStep(item))
      steps.push_back(std::move(*step));
  }
  return steps;
}

std::optional<Step> BotReader::ReadStep(const YamlNode& node) {
  if (!ExpectMap(node, "a step"))
    return std::nullopt;
  CheckKeys(node,
            {"id", "name", "uses", "with", "if", "foreach", "as", "steps", "items", "key", "unique",
             "max_failures", "concurrency", "retry", "timeout", "continue_on_error", "on_error"},
            "a step");
  Step step;
  step.loc = node.loc;
  if (const YamlNode* id = FindKey(node, "id"))
    ReadStepId(*id, step);
  if (const YamlNode* n = FindKey(node, "name"))
    step.name = ReadString(*n, "'name'").value_or("");
  if (const YamlNode* n = FindKey(node, "if")) {
    Value v = ToValue(*n);
    if (v.is_boolean())
      step.if_expr = v.get<bool>() ? "true" : "false";
    else
      step.if_expr = ReadString(*n, "'if'").value_or("");
    if (n->is_scalar())
      CollectExpression(n->scalar, n->loc, /*bare=*/true);
  }
  const YamlNode* uses = FindKey(node, "uses");
  const YamlNode* foreach = FindKey(node, "foreach");
  const YamlNode* body = FindKey(node, "steps");
  if (uses && foreach) {
    Error(foreach->loc, "a step has either 'uses' or 'foreach', not both");
  } else if (foreach) {
    ReadLoop(node, *foreach, step);
  } else if (uses) {
    if (body)
      Error(body->loc, "'steps' belongs to a 'foreach' step");
    for (const char* key : {"as", "items", "key", "unique", "max_failures", "concurrency"}) {
      if (const YamlNode* misplaced = FindKey(node, key))
        Error(misplaced->loc, "'" + std::string(key) + "' belongs to a 'foreach' step");
    }
    ReadAction(*uses, FindKey(node, "with"), step);
  } else {
    Error(node.loc, "step has no 'uses' (the action to run) and no 'foreach'");
  }
  ReadFailureHandling(node, step);
  return step;
}

void BotReader::ReadStepId(const YamlNode& id, Step& step) {
  auto s = ReadString(id, "'id'");
  if (!s)
    return;
  step.id = *s;
  if (!IsIdentifier(*s)) {
    Error(id.loc, "step id '" + s->substr(0, 64) +
                      "' must be a letter or '_' followed by letters, digits or '_' "
                      "(it is used as steps." +
                      s->substr(0, 64) + ")");
  } else if (auto [it, fresh] = step_ids_.emplace(*s, id.loc); !fresh) {
    Error(id.loc, "duplicate step id '" + *s + "' (first at " + std::to_string(it->second.line) +
                      ":" + std::to_string(it->second.column) + ")");
  }
}

void BotReader::ReadLoop(const YamlNode& node, const YamlNode& foreach, Step& step) {
  step.foreach_expr = foreach.is_scalar() ? foreach.scalar : ToValue(foreach).dump();
  if (foreach.is_scalar()) {
    CollectExpression(foreach.scalar, foreach.loc, /*bare=*/true);
  } else {
    step.foreach_list = ToValue(foreach);  // written out: its entries may hold ${{ }}
    CollectExpressions(foreach);
  }
  const YamlNode* body = FindKey(node, "steps");
  if (!body)
    Error(node.loc, "a 'foreach' step needs 'steps' to repeat");
  if (const YamlNode* with = FindKey(node, "with"))
    Error(with->loc, "'with' belongs to a step with 'uses', not to a 'foreach'");
  if (const YamlNode* as = FindKey(node, "as")) {
    if (auto s = ReadString(*as, "'as'")) {
      if (!IsIdentifier(*s))
        Error(as->loc, "'as' must be a name like doc or row");
      else
        step.as = *s;
    }
  }
  loop_vars_.push_back(step.as);
  ReadItemKeys(node, step);
  if (body)
    step.steps = ReadSteps(*body, "'steps'");
  loop_vars_.pop_back();
}

void BotReader::ReadFailureHandling(const YamlNode& node, Step& step) {
  if (const YamlNode* r = FindKey(node, "retry"))
    step.retry = ReadRetry(*r);
  if (const YamlNode* t = FindKey(node, "timeout"))
    step.timeout = ReadDuration(*t, "'timeout'");
  if (const YamlNode* c = FindKey(node, "continue_on_error")) {
    step.continue_on_error = ReadBool(*c, "'continue_on_error'").value_or(false);
  }
  if (const YamlNode* e = FindKey(node, "on_error")) {
    // A loop's handler runs per item: the loop variable is still in scope.
    if (step.is_loop())
      loop_vars_.push_back(step.as);
    ++on_error_depth_;
    step.on_error = ReadSteps(*e, "'on_error'");
    --on_error_depth_;
    if (step.is_loop())
      loop_vars_.pop_back();
  }
}

void BotReader::ReadItemKeys(const YamlNode& node, Step& step) {
  if (const YamlNode* items = FindKey(node, "items"))
    step.items = ReadBool(*items, "'items'").value_or(false);
  if (const YamlNode* key = FindKey(node, "key")) {
    if (!step.items)
      Error(key->loc, "'key' names a work item: it needs 'items: true'");
    if (auto text = ReadString(*key, "'key'")) {
      step.key_expr = *text;
      CollectExpression(*text, key->loc, /*bare=*/false);
    }
  }
  if (const YamlNode* unique = FindKey(node, "unique")) {
    if (!step.items)
      Error(unique->loc, "'unique' is about the keys of work items: it needs 'items: true'");
    step.unique = ReadBool(*unique, "'unique'").value_or(false);
  }
  if (const YamlNode* limit = FindKey(node, "max_failures")) {
    if (!step.items)
      Error(limit->loc, "'max_failures' counts failed work items: it needs 'items: true'");
    step.max_failures = ReadFailureLimit(*limit);
  }
  if (const YamlNode* concurrency = FindKey(node, "concurrency")) {
    if (!step.items)
      Error(concurrency->loc, "'concurrency' runs work items at once: it needs 'items: true'");
    step.concurrency = ReadConcurrency(*concurrency);
  }
}

int BotReader::ReadConcurrency(const YamlNode& node) {
  Value v = ToValue(node);
  if (v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= kMaxConcurrency)
    return static_cast<int>(v.get<long long>());
  std::string given = node.is_scalar() ? "'" + node.scalar.substr(0, 64) + "'" : node.Describe();
  Error(node.loc, "'concurrency' must be a whole number from 1 to " +
                      std::to_string(kMaxConcurrency) + ", not " + given);
  return 1;
}

std::optional<FailureLimit> BotReader::ReadFailureLimit(const YamlNode& node) {
  Value v = ToValue(node);
  if (v.is_number_integer() && v.get<long long>() >= 0)
    return FailureLimit{static_cast<double>(v.get<long long>()), false};
  if (node.is_scalar() && node.scalar.size() > 1 && node.scalar.back() == '%') {
    std::string number = node.scalar.substr(0, node.scalar.size() - 1);
    char* end = nullptr;
    double percent = std::strtod(number.c_str(), &end);
    if (end == number.c_str() + number.size() && percent >= 0 && percent <= 100)
      return FailureLimit{percent, true};
  }
  std::string given = node.is_scalar() ? "'" + node.scalar.substr(0, 64) + "'" : node.Describe();
  Error(node.loc,
        "'max_failures' must be a count (3) or a percentage of the items (\"10%\"), not " + given);
  return std::nullopt;
}

void BotReader::ReadAction(const YamlNode& uses, const YamlNode* with, Step& step) {
  auto name = ReadString(uses, "'uses'");
  if (!name)
    return;
  step.uses = *name;
  const ActionSpec* spec = FindSpec(*options_.actions, *name);
  if (!spec) {
    std::vector<std::string> names;
    for (const ActionSpec* s : *options_.actions)
      names.push_back(s->name);
    Error(uses.loc, "unknown action '" + name->substr(0, 64) + "'" + DidYouMean(*name, names) +
                        " (see 'travet actions')");
    return;
  }
  if (with && !ExpectMap(*with, "'with'"))
    return;
  if (with)
    step.with = ToValue(*with);
  // A script reads its names itself; the rest of `with` is a template.
  if (with && spec->name != "script")
    CollectExpressions(*with);
  std::vector<std::string> known;
  for (const auto& p : spec->params)
    known.push_back(p.name);
  bool typed = true;
  for (const auto& p : spec->params) {
    const YamlNode* value = with ? FindKey(*with, p.name) : nullptr;
    if (value)
      typed = CheckParam(*spec, p, *value) && typed;
    else if (p.required)
      Error(with ? with->loc : uses.loc, spec->name + " needs parameter '" + p.name + "'");
    typed = typed && (value != nullptr || !p.required);
  }
  if (!with)
    return;
  if (typed && spec->check)
    RunActionCheck(*spec, *with);
  for (const auto& [key, value] : with->entries) {
    step.param_locs[key.scalar] = value.loc;
    if (spec->open_params) {
      if (!IsIdentifier(key.scalar))
        Error(key.loc, "'" + key.scalar.substr(0, 64) + "' is not a valid name");
    } else if (std::find(known.begin(), known.end(), key.scalar) == known.end()) {
      Error(key.loc, "unknown parameter '" + key.scalar.substr(0, 64) + "' for " + spec->name +
                         DidYouMean(key.scalar, known));
    }
  }
  CheckOneOf(*spec, *with, with->loc);
}

bool BotReader::CheckParam(const ActionSpec& spec, const ParamSpec& param, const YamlNode& value) {
  if (IsExpressionScalar(value))
    return true;  // checked when the step runs
  if (!FitsParamType(value, param.type)) {
    Error(value.loc, "parameter '" + param.name + "' of " + spec.name + " must be " +
                         Article(param.type) + ", not " + value.Describe());
    return false;
  }
  if (!param.keys.empty() && value.is_map()) {
    std::vector<std::string> known;
    for (const auto& k : param.keys)
      known.push_back(k.name);
    for (const auto& [key, item] : value.entries) {
      auto it = std::find(known.begin(), known.end(), key.scalar);
      if (it == known.end()) {
        Error(key.loc, "unknown key '" + key.scalar.substr(0, 64) + "' in parameter '" +
                           param.name + "' of " + spec.name + DidYouMean(key.scalar, known));
        continue;
      }
      ParamSpec nested = param.keys[it - known.begin()];
      nested.name = param.name + "." + nested.name;  // e.g. review.due
      CheckParam(spec, nested, item);
    }
  }
  if (!param.choices.empty() && value.is_scalar()) {
    auto it = std::find(param.choices.begin(), param.choices.end(), value.scalar);
    if (it == param.choices.end()) {
      std::string list;
      for (const auto& c : param.choices)
        list += (list.empty() ? "" : ", ") + c;
      Error(value.loc, "parameter '" + param.name + "' of " + spec.name + " must be one of " +
                           list + ", not '" + value.scalar.substr(0, 64) + "'");
    }
  }
  return true;
}

void BotReader::RunActionCheck(const ActionSpec& spec, const YamlNode& with) {
  for (const ParamProblem& problem : spec.check(ToValue(with))) {
    if (PathHoldsExpression(with, problem.path))
      continue;  // checked when the step runs
    Error(NodeAtPath(with, problem.path, problem.at_key).loc, problem.message);
  }
}

void BotReader::CheckOneOf(const ActionSpec& spec, const YamlNode& with, const Location& loc) {
  for (const auto& group : spec.one_of) {
    std::vector<std::string> given;
    for (const auto& name : group.names) {
      if (FindKey(with, name))
        given.push_back(name);
    }
    std::string list;
    for (const auto& n : group.names)
      list += (list.empty() ? "" : ", ") + n;
    if (given.size() > 1) {
      Error(loc, spec.name + " takes only one of " + list + " (got " + given[0] + " and " +
                     given[1] + ")");
    } else if (given.empty() && group.required) {
      Error(loc, spec.name + " needs one of " + list);
    }
  }
}

std::optional<RetryPolicy> BotReader::ReadRetry(const YamlNode& node) {
  RetryPolicy policy;
  Value shorthand = ToValue(node);
  const YamlNode* attempts = &node;
  if (node.is_map()) {
    CheckKeys(node, {"attempts", "delay", "backoff", "max_delay"}, "'retry'");
    attempts = FindKey(node, "attempts");
    if (const YamlNode* d = FindKey(node, "delay"))
      policy.delay = ReadDuration(*d, "'delay'").value_or(policy.delay);
    if (const YamlNode* d = FindKey(node, "max_delay"))
      policy.max_delay = ReadDuration(*d, "'max_delay'").value_or(policy.max_delay);
    if (const YamlNode* b = FindKey(node, "backoff")) {
      auto s = ReadString(*b, "'backoff'");
      if (s == "exponential")
        policy.backoff = Backoff::kExponential;
      else if (s && *s != "fixed")
        Error(b->loc, "'backoff' must be fixed or exponential, not '" + s->substr(0, 64) + "'");
    }
    if (!attempts) {
      Error(node.loc, "'retry' needs 'attempts'");
      return std::nullopt;
    }
  }
  Value n = ToValue(*attempts);
  if (!n.is_number_integer() || n.get<long long>() < 1 || n.get<long long>() > 100) {
    Error(attempts->loc, "'attempts' must be a whole number from 1 to 100, not " +
                             (n.is_number() ? n.dump() : attempts->Describe()));
    return std::nullopt;
  }
  policy.attempts = n.get<int>();
  return policy;
}

std::optional<Millis> BotReader::ReadDuration(const YamlNode& node, const char* what) {
  auto text = ReadString(node, what);
  if (!text)
    return std::nullopt;
  auto d = ParseDuration(*text);
  if (!d) {
    Error(node.loc, std::string(what) + ": " + d.error().message());
    return std::nullopt;
  }
  return *d;
}

}  // namespace travet::lang
