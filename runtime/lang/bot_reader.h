#pragma once

#include <chrono>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/lang/diagnostics.h"
#include "runtime/lang/loader.h"
#include "runtime/lang/model.h"
#include "runtime/lang/yaml_reader.h"

namespace travet::lang {

// Turns the YAML tree of a bot into the typed model, reporting every problem
// to Diagnostics and going on, so that one run of the loader shows them all.
// Used only by the loader; split over bot_reader.cc (the bot's top level),
// trigger_reader.cc (triggers) and step_reader.cc (steps and their parameters).
class BotReader {
 public:
  BotReader(const LoadOptions& options, Diagnostics& diag) : options_(options), diag_(diag) {}

  Bot ReadBot(const YamlNode& root);

 private:
  // bot_reader.cc
  void ReadInputs(const YamlNode& node, Bot& bot);
  std::optional<InputSpec> ReadInput(const YamlNode& key, const YamlNode& node);
  std::vector<std::string> ReadNames(const YamlNode& node, const char* what);
  void ReadVars(const YamlNode& node, Bot& bot);
  // kpi_reader.cc: the `kpi:` map.
  void ReadKpi(const YamlNode& node, Bot& bot);

  // trigger_reader.cc
  void ReadTriggers(const YamlNode& node, Bot& bot);
  std::optional<Trigger> ReadTrigger(const YamlNode& node, const Bot& bot);
  // `cron`, `timezone`, `skip`, `holidays` and `catch_up` of a cron trigger.
  void ReadCronTrigger(const YamlNode& node, const YamlNode& cron, Trigger& trigger);
  std::vector<std::chrono::month_day> ReadHolidays(const YamlNode& node);
  CatchUp ReadCatchUp(const YamlNode& node);
  bool ReadWatch(const YamlNode& watch, const Bot& bot, Trigger& trigger);
  // Which input of `bot` gets the path of each file a watch trigger takes.
  void ChooseWatchInput(const YamlNode& watch, const Bot& bot, Trigger& trigger);

  // step_reader.cc
  std::vector<Step> ReadSteps(const YamlNode& node, const char* what);
  std::optional<Step> ReadStep(const YamlNode& node);
  void ReadStepId(const YamlNode& id, Step& step);
  // `foreach`, `as`, `steps` and the work item keys of a loop step.
  void ReadLoop(const YamlNode& node, const YamlNode& foreach, Step& step);
  // `retry`, `timeout`, `continue_on_error` and `on_error` of any step.
  void ReadFailureHandling(const YamlNode& node, Step& step);
  void ReadAction(const YamlNode& uses, const YamlNode* with, Step& step);
  // `items`, `key`, `unique`, `max_failures` and `concurrency` of a foreach step.
  void ReadItemKeys(const YamlNode& node, Step& step);
  std::optional<FailureLimit> ReadFailureLimit(const YamlNode& node);
  int ReadConcurrency(const YamlNode& node);
  // False when the value does not have the parameter's type.
  bool CheckParam(const ActionSpec& spec, const ParamSpec& param, const YamlNode& value);
  void RunActionCheck(const ActionSpec& spec, const YamlNode& with);
  void CheckOneOf(const ActionSpec& spec, const YamlNode& with, const Location& loc);
  std::optional<RetryPolicy> ReadRetry(const YamlNode& node);
  std::optional<Millis> ReadDuration(const YamlNode& node, const char* what);

  // expression_check.cc: expressions are gathered while reading, with the
  // names in scope where they stand, and checked once every step id and
  // variable is known.
  void CollectExpressions(const YamlNode& node);
  void CollectExpression(const std::string& text, const Location& loc, bool bare);
  void CheckExpressions(const Bot& bot);

  // Shared helpers.
  void CheckKeys(const YamlNode& map, std::initializer_list<const char*> allowed,
                 const std::string& where);
  std::optional<std::string> ReadString(const YamlNode& node, const std::string& what);
  std::optional<bool> ReadBool(const YamlNode& node, const std::string& what);
  bool ExpectMap(const YamlNode& node, const std::string& what);
  void Error(const Location& loc, const std::string& message) { diag_.Error(loc, message); }

  const LoadOptions& options_;
  Diagnostics& diag_;
  std::map<std::string, Location> step_ids_;

  struct PendingExpression {
    std::string text;
    Location loc;
    std::vector<std::string> loop_vars;
    bool in_on_error = false;
  };
  std::vector<PendingExpression> pending_;
  std::vector<std::string> loop_vars_;  // `as` names of the enclosing loops
  int on_error_depth_ = 0;
};

// The entry for `key` in a map node, or nullptr.
const YamlNode* FindKey(const YamlNode& map, std::string_view key);

// Whether `name` is a valid identifier for expressions: [A-Za-z_][A-Za-z0-9_]*.
bool IsIdentifier(std::string_view name);

}  // namespace travet::lang
