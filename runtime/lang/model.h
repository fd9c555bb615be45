#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/core/clock.h"
#include "runtime/core/value.h"

namespace travet::lang {

// Where something stands in a bot file; line and column count from 1.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  // "file:line:col"
  std::string ToString() const;
};

enum class InputType { kString, kNumber, kInteger, kBoolean, kPath, kList, kMap };

std::string_view InputTypeName(InputType type);

// A declared input of a bot: given with -i key=value, by a trigger or the API.
struct InputSpec {
  std::string name;
  InputType type = InputType::kString;
  std::optional<Value> default_value;
  bool required = false;  // true when there is no default
  std::string description;
  Location loc;
};

enum class Backoff { kFixed, kExponential };

// How a step is retried after a retryable failure (HTTP 5xx, timeout,
// connection error). `attempts` counts the first try.
struct RetryPolicy {
  int attempts = 1;
  Millis delay{1000};
  Backoff backoff = Backoff::kFixed;
  Millis max_delay{300'000};
};

// How many failed work items a loop with `items: true` tolerates: more than
// `value` (a count, or a percentage of the items) fails the loop.
struct FailureLimit {
  double value = 0;
  bool percent = false;

  bool ExceededBy(long long failed, long long count) const {
    return percent ? static_cast<double>(failed) * 100 > value * static_cast<double>(count)
                   : static_cast<double>(failed) > value;
  }
};

// The most work items one loop runs at once: each holds a thread, a Lua state
// and an HTTP client, and OCR engines are not many more than the cores.
inline constexpr int kMaxConcurrency = 64;

// One step: an action (`uses` + `with`) or a loop (`foreach` + `steps`).
struct Step {
  std::string id;                            // may be empty
  std::string name;                          // human label, may be empty
  std::string uses;                          // action name; empty for a foreach
  Value with = Value::object();              // parameters, may hold ${{ }} templates
  std::string if_expr;                       // as written; empty when there is none
  std::string foreach_expr;                  // as written; empty when not a loop
  std::optional<Value> foreach_list;         // a list written out in YAML, not an expression
  std::string as = "item";                   // loop variable name
  std::vector<Step> steps;                   // body of a foreach
  bool items = false;                        // each iteration is a work item (its own state)
  std::string key_expr;                      // template naming a work item; empty: the default key
  bool unique = false;                       // a key is done once over all runs of the bot
  std::optional<FailureLimit> max_failures;  // of work items; none: no limit
  int concurrency = 1;                       // work items run at once in one process
  std::optional<RetryPolicy> retry;
  std::optional<Millis> timeout;
  bool continue_on_error = false;
  std::vector<Step> on_error;
  Location loc;
  // Location of each parameter under `with`, by name.
  std::map<std::string, Location> param_locs;

  bool is_loop() const { return !foreach_expr.empty(); }
};

enum class TriggerKind { kCron, kWatch, kWebhook };

// What a cron trigger does with the fires it missed while no server ran:
// start none of them, only the most recent, or all of them (up to a limit).
enum class CatchUp { kNone, kLast, kAll };

std::string_view CatchUpName(CatchUp catch_up);

// When a bot starts by itself. `skip_holidays`, `holidays` and `catch_up`
// are for kCron, `watch_path`, `pattern`, `settle` and `input` for kWatch.
struct Trigger {
  TriggerKind kind = TriggerKind::kCron;
  std::string cron;  // kCron: 5 fields
  std::string timezone = "Europe/Rome";
  bool skip_holidays = false;                    // no fire on Italian national holidays
  std::vector<std::chrono::month_day> holidays;  // local ones, also skipped ("06-24")
  CatchUp catch_up = CatchUp::kNone;
  std::string watch_path;     // kWatch
  std::string pattern = "*";  // kWatch
  Millis settle{2000};        // kWatch: a file is taken once unchanged this long
  // kWatch: the input that gets each taken file's absolute path; the loader
  // fills it in (the `input` key, else the bot's only required input).
  std::string input;
  Location loc;
};

// What a bot's `kpi:` map says for the KPI figures (runtime/kpi).
struct KpiSettings {
  // How long a person takes to process one document by hand, in minutes;
  // none: unknown, and no hours saved are computed for the bot.
  std::optional<double> manual_minutes;
};

// A whole bot file, validated.
struct Bot {
  std::string name;
  std::string description;
  std::string file;  // path it was loaded from
  std::vector<InputSpec> inputs;
  std::vector<std::string> env;      // allowed environment variables
  std::vector<std::string> secrets;  // secret names
  std::vector<Trigger> triggers;
  std::vector<std::pair<std::string, Value>> vars;  // in file order
  std::vector<Step> steps;
  std::vector<Step> on_error;  // bot-level handler
  KpiSettings kpi;
  Location loc;

  const InputSpec* FindInput(std::string_view name) const;
};

}  // namespace travet::lang
