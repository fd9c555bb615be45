#include "runtime/lang/cron.h"

#include <array>
#include <charconv>
#include <sstream>
#include <string>
#include <vector>

namespace travet::lang {
namespace {

struct Field {
  const char* name;
  int min;
  int max;
  std::array<const char*, 12> names;  // for months and weekdays
  int first_name_value;
};

constexpr Field kFields[5] = {
    {"minute", 0, 59, {}, 0},
    {"hour", 0, 23, {}, 0},
    {"day of month", 1, 31, {}, 0},
    {"month",
     1,
     12,
     {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
     1},
    {"day of week", 0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}, 0},
};

Result<int> ParseNumber(std::string_view text, const Field& field) {
  for (int i = 0; i < 12 && field.names[i]; ++i) {
    std::string lower(text);
    for (auto& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == field.names[i])
      return field.first_name_value + i;
  }
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    return InvalidArgument(std::string(field.name) + " '" + std::string(text) +
                           "' is not a number");
  }
  if (value < field.min || value > field.max) {
    return InvalidArgument(std::string(field.name) + " " + std::to_string(value) +
                           " is out of range " + std::to_string(field.min) + "-" +
                           std::to_string(field.max));
  }
  return value;
}

// Parses one comma-separated item ("*", "5", "1-5", "*/15", "8-18/2") into
// the values it selects.
Status ParseItem(std::string_view item, const Field& field, std::vector<int>& out) {
  int step = 1;
  if (auto slash = item.find('/'); slash != std::string_view::npos) {
    auto step_text = item.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
    if (ec != std::errc() || ptr != step_text.data() + step_text.size() || step <= 0) {
      return InvalidArgument("bad step '" + std::string(step_text) + "' in " + field.name);
    }
    item = item.substr(0, slash);
  }
  int low = field.min, high = field.max;
  if (item != "*") {
    auto dash = item.find('-');
    auto a = ParseNumber(item.substr(0, dash), field);
    if (!a)
      return a.error();
    low = high = *a;
    if (dash != std::string_view::npos) {
      auto b = ParseNumber(item.substr(dash + 1), field);
      if (!b)
        return b.error();
      high = *b;
      if (high < low) {
        return InvalidArgument(std::string(field.name) + " range " + std::string(item) +
                               " goes backwards");
      }
    } else if (step > 1) {
      high = field.max;  // "5/15" means from 5 every 15
    }
  }
  for (int v = low; v <= high; v += step)
    out.push_back(v);
  return Status::Ok();
}

std::string Expand(std::string_view text) {
  if (text == "@hourly")
    return "0 * * * *";
  if (text == "@daily" || text == "@midnight")
    return "0 0 * * *";
  if (text == "@weekly")
    return "0 0 * * 0";
  if (text == "@monthly")
    return "0 0 1 * *";
  if (text == "@yearly" || text == "@annually")
    return "0 0 1 1 *";
  return std::string(text);
}

}  // namespace

Result<CronSpec> ParseCron(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("bad cron expression '" + std::string(text) + "': " + why);
  };
  std::istringstream in(Expand(text));
  std::vector<std::string> fields;
  for (std::string f; in >> f;)
    fields.push_back(f);
  if (fields.size() != 5) {
    return bad("expected 5 fields (minute hour day month weekday), got " +
               std::to_string(fields.size()));
  }
  CronSpec spec;
  for (int i = 0; i < 5; ++i) {
    std::vector<int> values;
    std::string_view rest = fields[i];
    while (true) {
      auto comma = rest.find(',');
      Status s = ParseItem(rest.substr(0, comma), kFields[i], values);
      if (!s.ok())
        return bad(s.message());
      if (comma == std::string_view::npos)
        break;
      rest = rest.substr(comma + 1);
    }
    for (int v : values) {
      switch (i) {
        case 0:
          spec.minutes.set(v);
          break;
        case 1:
          spec.hours.set(v);
          break;
        case 2:
          spec.days.set(v);
          break;
        case 3:
          spec.months.set(v);
          break;
        case 4:
          spec.weekdays.set(v % 7);
          break;
      }
    }
  }
  spec.any_day = fields[2][0] == '*';
  spec.any_weekday = fields[4][0] == '*';
  return spec;
}

}  // namespace travet::lang
