#include "runtime/lang/schema.h"

namespace travet::lang {
namespace {

// Any parameter may hold a `${{ }}` expression instead of a literal.
const Value kExpression = {{"type", "string"}, {"pattern", "\\$\\{\\{"}};

Value ParamSchema(const ParamSpec& param);

// A map parameter with fixed keys (e.g. `review:` of ocr.extract) lists them,
// so an editor flags a misspelt key as the loader does.
Value MapSchema(const ParamSpec& param) {
  Value map = {{"type", "object"}};
  if (param.keys.empty())
    return map;
  Value properties = Value::object();
  Value required = Value::array();
  for (const auto& key : param.keys) {
    properties[key.name] = ParamSchema(key);
    if (key.required)
      required.push_back(key.name);
  }
  map["properties"] = properties;
  if (!required.empty())
    map["required"] = required;
  map["additionalProperties"] = false;
  return map;
}

Value ParamSchema(const ParamSpec& param) {
  Value literal;
  switch (param.type) {
    case ParamType::kString:
      literal = {{"type", {"string", "number", "boolean"}}};
      break;
    case ParamType::kNumber:
      literal = {{"type", "number"}};
      break;
    case ParamType::kInteger:
      literal = {{"type", "integer"}};
      break;
    case ParamType::kBoolean:
      literal = {{"type", "boolean"}};
      break;
    case ParamType::kList:
      literal = {{"type", "array"}};
      break;
    case ParamType::kMap:
      literal = MapSchema(param);
      break;
    case ParamType::kDuration:
      literal = {{"$ref", "#/$defs/duration"}};
      break;
    case ParamType::kAny:
      literal = Value::object();
      break;
    case ParamType::kStringOrList:
      literal = {{"type", {"string", "number", "array"}}};
      break;
  }
  if (!param.choices.empty())
    literal["enum"] = param.choices;
  Value schema = {{"description", param.description}};
  if (param.type == ParamType::kAny || param.type == ParamType::kString) {
    schema.update(literal);
  } else {
    schema["anyOf"] = {literal, kExpression};
  }
  return schema;
}

Value WithSchema(const ActionSpec& spec) {
  Value with = {{"type", "object"}};
  Value properties = Value::object();
  Value required = Value::array();
  for (const auto& p : spec.params) {
    properties[p.name] = ParamSchema(p);
    if (p.required)
      required.push_back(p.name);
  }
  with["properties"] = properties;
  if (!required.empty())
    with["required"] = required;
  with["additionalProperties"] = spec.open_params;
  return with;
}

Value StepSchema(const ActionCatalog& actions) {
  Value names = Value::array();
  Value rules = Value::array();
  for (const ActionSpec* spec : actions) {
    names.push_back(spec->name);
    rules.push_back(
        {{"if", {{"properties", {{"uses", {{"const", spec->name}}}}}, {"required", {"uses"}}}},
         {"then", {{"properties", {{"with", WithSchema(*spec)}}}}}});
  }
  Value step_list = {{"type", "array"}, {"items", {{"$ref", "#/$defs/step"}}}, {"minItems", 1}};
  Value properties = {
      {"id", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
      {"name", {{"type", "string"}}},
      {"uses", {{"enum", names}, {"description", "The action to run (see `travet actions`)."}}},
      {"with", {{"type", "object"}}},
      {"if", {{"type", {"string", "boolean"}}, {"description", "Run only when true."}}},
      {"foreach", {{"type", {"string", "array"}}, {"description", "Repeat `steps` per item."}}},
      {"as", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
      {"steps", step_list},
      {"items",
       {{"type", "boolean"},
        {"description", "Each iteration is a work item with its own state (foreach only)."}}},
      {"key", {{"type", "string"}, {"description", "Names a work item (template)."}}},
      {"unique",
       {{"type", "boolean"},
        {"description", "A key is processed once over all runs of the bot (items only)."}}},
      {"max_failures",
       {{"oneOf",
         {{{"type", "integer"}, {"minimum", 0}},
          {{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]+)?%$"}}}},
        {"description", "Failed work items tolerated: a count or a percentage."}}},
      {"concurrency",
       {{"type", "integer"},
        {"minimum", 1},
        {"maximum", kMaxConcurrency},
        {"description", "Work items run at once in one process (items only)."}}},
      {"retry", {{"$ref", "#/$defs/retry"}}},
      {"timeout", {{"$ref", "#/$defs/duration"}}},
      {"continue_on_error", {{"type", "boolean"}}},
      {"on_error", step_list},
  };
  return {{"type", "object"},
          {"properties", properties},
          {"additionalProperties", false},
          {"oneOf", {{{"required", {"uses"}}}, {{"required", {"foreach", "steps"}}}}},
          {"allOf", rules}};
}

// The keys the loader takes on a trigger; `skip`, `holidays` and `catch_up`
// are for cron triggers.
Value TriggerSchema() {
  Value watch = {
      {"type", "object"},
      {"properties",
       {{"path", {{"type", "string"}, {"description", "Folder watched for new files."}}},
        {"pattern", {{"type", "string"}, {"default", "*"}}},
        {"settle",
         {{"$ref", "#/$defs/duration"},
          {"default", "2s"},
          {"description", "A file is taken once its size and time are unchanged this long."}}},
        {"input",
         {{"type", "string"},
          {"description",
           "The input that gets each file's path; default: the bot's only required input."}}}}},
      {"required", {"path"}},
      {"additionalProperties", false}};
  Value holidays = {
      {"type", "array"},
      {"items", {{"type", "string"}, {"pattern", "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}}},
      {"description", "Local holidays (MM-DD), skipped too, e.g. 06-24 in Turin."}};
  return {
      {"type", "object"},
      {"properties",
       {{"cron", {{"type", "string"}, {"description", "5 fields: minute hour day month weekday"}}},
        {"timezone", {{"type", "string"}, {"default", "Europe/Rome"}}},
        {"skip",
         {{"enum", {"holidays"}},
          {"description", "No fire on Italian national holidays or the `holidays` listed."}}},
        {"holidays", holidays},
        {"catch_up",
         {{"enum", {"none", "last", "all"}},
          {"default", "none"},
          {"description", "Fires missed while no server ran: start none, the last, or all."}}},
        {"watch", watch},
        {"webhook", Value::object()}}},
      {"additionalProperties", false}};
}

Value Defs(const ActionCatalog& actions) {
  Value duration = {{"type", "string"}, {"pattern", "^([0-9]+(ms|s|m|h)?)+$"}};
  Value retry = {{"oneOf",
                  {{{"type", "integer"}, {"minimum", 1}, {"maximum", 100}},
                   {{"type", "object"},
                    {"properties",
                     {{"attempts", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
                      {"delay", {{"$ref", "#/$defs/duration"}}},
                      {"max_delay", {{"$ref", "#/$defs/duration"}}},
                      {"backoff", {{"enum", {"fixed", "exponential"}}}}}},
                    {"required", {"attempts"}},
                    {"additionalProperties", false}}}}};
  Value input = {
      {"type", "object"},
      {"properties",
       {{"type", {{"enum", {"string", "number", "integer", "boolean", "path", "list", "map"}}}},
        {"default", Value::object()},
        {"description", {{"type", "string"}}},
        {"required", {{"type", "boolean"}}}}},
      {"additionalProperties", false}};
  return {{"duration", duration},
          {"retry", retry},
          {"input", input},
          {"trigger", TriggerSchema()},
          {"step", StepSchema(actions)}};
}

}  // namespace

Value BotJsonSchema(const ActionCatalog& actions) {
  Value names = {{"type", "array"},
                 {"items", {{"type", "string"}, {"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}}};
  Value steps = {{"type", "array"}, {"items", {{"$ref", "#/$defs/step"}}}, {"minItems", 1}};
  return {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"$id", "https://travet.dev/schema/bot.json"},
      {"title", "Travet bot"},
      {"type", "object"},
      {"required", {"bot", "steps"}},
      {"additionalProperties", false},
      {"properties",
       {{"bot", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9-]*$"}}},
        {"description", {{"type", "string"}}},
        {"inputs", {{"type", "object"}, {"additionalProperties", {{"$ref", "#/$defs/input"}}}}},
        {"env", names},
        {"secrets", names},
        {"triggers", {{"type", "array"}, {"items", {{"$ref", "#/$defs/trigger"}}}}},
        {"vars", {{"type", "object"}}},
        {"steps", steps},
        {"on_error", steps},
        {"kpi",
         {{"type", "object"},
          {"properties",
           {{"manual_minutes",
             {{"type", "number"},
              {"exclusiveMinimum", 0},
              {"description", "Minutes a person takes to process one document by hand"}}}}},
          {"additionalProperties", false}}}}},
      {"$defs", Defs(actions)},
  };
}

}  // namespace travet::lang
