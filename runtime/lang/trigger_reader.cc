#include <filesystem>
#include <fstream>
#include <regex>

#include "runtime/lang/bot_reader.h"
#include "runtime/lang/cron.h"
#include "runtime/lang/did_you_mean.h"

namespace travet::lang {
namespace {

// Whether the system's time zone database has `tz` as the scheduler reads it
// (date/tz): a file of compiled zone data ("TZif"), so that tables beside the
// zones (zone.tab) are not taken for one, and not one of the copies and
// placeholders that date/tz leaves out (posix/, right/, posixrules, Factory).
bool KnownTimezone(const std::string& tz) {
  if (tz == "UTC")
    return true;
  std::filesystem::path zoneinfo("/usr/share/zoneinfo");
  std::error_code ec;
  if (!std::filesystem::is_directory(zoneinfo, ec))
    return true;  // cannot tell
  if (tz.find("..") != std::string::npos || tz.empty() || tz[0] == '/')
    return false;
  if (tz.rfind("posix", 0) == 0 || tz.rfind("right/", 0) == 0 || tz == "Factory")
    return false;
  if (!std::filesystem::is_regular_file(zoneinfo / tz, ec))
    return false;
  std::ifstream in(zoneinfo / tz, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  return in && std::string_view(magic, sizeof magic) == "TZif";
}

// "06-24" as a day of the year; 02-29 is one (it is, in leap years).
std::optional<std::chrono::month_day> ParseMonthDay(const std::string& text) {
  static const std::regex kMonthDay("([0-9]{2})-([0-9]{2})");
  std::smatch m;
  if (!std::regex_match(text, m, kMonthDay))
    return std::nullopt;
  std::chrono::month_day day{std::chrono::month(static_cast<unsigned>(std::stoi(m[1]))),
                             std::chrono::day(static_cast<unsigned>(std::stoi(m[2])))};
  if (!day.ok())
    return std::nullopt;
  return day;
}

}  // namespace

void BotReader::ReadTriggers(const YamlNode& node, Bot& bot) {
  if (!node.is_sequence()) {
    Error(node.loc, "'triggers' must be a list, not " + node.Describe());
    return;
  }
  for (const auto& item : node.items) {
    if (auto trigger = ReadTrigger(item, bot))
      bot.triggers.push_back(std::move(*trigger));
  }
}

std::optional<Trigger> BotReader::ReadTrigger(const YamlNode& node, const Bot& bot) {
  if (!ExpectMap(node, "a trigger"))
    return std::nullopt;
  CheckKeys(node, {"cron", "timezone", "skip", "holidays", "catch_up", "watch", "webhook"},
            "a trigger");
  Trigger t;
  t.loc = node.loc;
  if (const YamlNode* c = FindKey(node, "cron")) {
    t.kind = TriggerKind::kCron;
    ReadCronTrigger(node, *c, t);
    return t;
  }
  for (const char* key : {"skip", "holidays", "catch_up"}) {
    if (const YamlNode* k = FindKey(node, key))
      Error(k->loc, std::string("'") + key + "' is for cron triggers only");
  }
  if (const YamlNode* w = FindKey(node, "watch")) {
    t.kind = TriggerKind::kWatch;
    if (!ReadWatch(*w, bot, t))
      return std::nullopt;
  } else if (FindKey(node, "webhook")) {
    t.kind = TriggerKind::kWebhook;
  } else {
    Error(node.loc, "a trigger needs one of 'cron', 'watch' or 'webhook'");
    return std::nullopt;
  }
  return t;
}

void BotReader::ReadCronTrigger(const YamlNode& node, const YamlNode& cron, Trigger& t) {
  if (auto s = ReadString(cron, "'cron'")) {
    t.cron = *s;
    if (auto spec = ParseCron(*s); !spec)
      Error(cron.loc, spec.error().message());
  }
  if (const YamlNode* tz = FindKey(node, "timezone")) {
    if (auto s = ReadString(*tz, "'timezone'")) {
      t.timezone = *s;
      if (!KnownTimezone(*s))
        Error(tz->loc, "unknown time zone '" + *s + "' (e.g. Europe/Rome)");
    }
  }
  if (const YamlNode* skip = FindKey(node, "skip")) {
    auto s = ReadString(*skip, "'skip'");
    if (s == "holidays")
      t.skip_holidays = true;
    else if (s)
      Error(skip->loc, "'skip' must be holidays, not '" + s->substr(0, 64) + "'");
  }
  if (const YamlNode* holidays = FindKey(node, "holidays")) {
    t.holidays = ReadHolidays(*holidays);
    if (!t.skip_holidays && !FindKey(node, "skip"))
      Error(holidays->loc, "'holidays' are skipped only with 'skip: holidays': add it");
  }
  if (const YamlNode* c = FindKey(node, "catch_up"))
    t.catch_up = ReadCatchUp(*c);
}

std::vector<std::chrono::month_day> BotReader::ReadHolidays(const YamlNode& node) {
  std::vector<std::chrono::month_day> days;
  if (!node.is_sequence()) {
    Error(node.loc, "'holidays' must be a list of days (MM-DD), not " + node.Describe());
    return days;
  }
  for (const auto& item : node.items) {
    auto s = ReadString(item, "an entry of 'holidays'");
    if (!s)
      continue;
    if (auto day = ParseMonthDay(*s)) {
      days.push_back(*day);
    } else {
      Error(item.loc, "'" + s->substr(0, 64) +
                          "' in 'holidays' is not a day of the year (use MM-DD, e.g. 06-24)");
    }
  }
  return days;
}

CatchUp BotReader::ReadCatchUp(const YamlNode& node) {
  static const std::vector<std::pair<std::string, CatchUp>> kChoices = {
      {"none", CatchUp::kNone}, {"last", CatchUp::kLast}, {"all", CatchUp::kAll}};
  auto s = ReadString(node, "'catch_up'");
  if (!s)
    return CatchUp::kNone;
  for (const auto& [name, value] : kChoices) {
    if (*s == name)
      return value;
  }
  Error(node.loc, "'catch_up' must be none, last or all, not '" + s->substr(0, 64) + "'" +
                      DidYouMean(*s, {"none", "last", "all"}));
  return CatchUp::kNone;
}

bool BotReader::ReadWatch(const YamlNode& w, const Bot& bot, Trigger& t) {
  if (!ExpectMap(w, "'watch'"))
    return false;
  CheckKeys(w, {"path", "pattern", "settle", "input"}, "'watch'");
  if (const YamlNode* p = FindKey(w, "path"))
    t.watch_path = ReadString(*p, "'path'").value_or("");
  else
    Error(w.loc, "'watch' needs a 'path'");
  if (const YamlNode* p = FindKey(w, "pattern"))
    t.pattern = ReadString(*p, "'pattern'").value_or("*");
  if (const YamlNode* s = FindKey(w, "settle"))
    t.settle = ReadDuration(*s, "'settle'").value_or(t.settle);
  ChooseWatchInput(w, bot, t);
  return true;
}

// The inputs were read before the triggers (ReadBot). A run started by a
// file gets nothing but the file's path, so the input must take a path and
// every other input must do without a value.
void BotReader::ChooseWatchInput(const YamlNode& w, const Bot& bot, Trigger& t) {
  std::vector<std::string> names;
  std::vector<std::string> required;
  for (const InputSpec& input : bot.inputs) {
    names.push_back(input.name);
    if (input.required)
      required.push_back(input.name);
  }
  if (const YamlNode* given = FindKey(w, "input")) {
    auto name = ReadString(*given, "'input'");
    if (name && !bot.FindInput(*name)) {
      Error(given->loc, "'input' must name an input of the bot, not '" + name->substr(0, 64) + "'" +
                            DidYouMean(*name, names));
    }
    if (!name || !bot.FindInput(*name))
      return;
    t.input = *name;
  } else if (required.size() == 1) {
    t.input = required[0];
  } else {
    std::string listed;
    for (const std::string& name : required)
      listed += (listed.empty() ? "" : ", ") + name;
    Error(w.loc, required.empty() ? "'watch' gives each file's path to an input: declare one (e.g. "
                                    "'file: { type: path }') or name it with 'input'"
                                  : "'watch' gives each file's path to one input: name it with "
                                    "'input' (the bot requires " +
                                        listed + ")");
    return;
  }
  const InputSpec& spec = *bot.FindInput(t.input);
  if (spec.type != InputType::kPath && spec.type != InputType::kString) {
    Error(w.loc, "input '" + t.input + "' gets the path of each file 'watch' takes: it must be a " +
                     "path or a string, not " + std::string(InputTypeName(spec.type)));
  }
  for (const std::string& other : required) {
    if (other != t.input) {
      Error(w.loc, "input '" + other + "' is required, but 'watch' gives only '" + t.input +
                       "': give '" + other + "' a default");
    }
  }
}

}  // namespace travet::lang
