#include "ocr/fields/field_spec_choice.h"

#include <algorithm>
#include <array>

#include "ocr/fields/fuzzy_label.h"

namespace travet::ocr {
namespace {

constexpr std::array<std::pair<std::string_view, PickRule>, 4> kPicks = {{
    {"first", PickRule::kFirst},
    {"last", PickRule::kLast},
    {"largest", PickRule::kLargest},
    {"smallest", PickRule::kSmallest},
}};

std::optional<SpecProblem> ParsePick(const std::string& name, const Value& def, FieldSpec& spec) {
  if (!def.contains("pick"))
    return std::nullopt;
  const Value& pick = def["pick"];
  const std::string text = pick.is_string() ? pick.get<std::string>() : pick.dump();
  for (const auto& [known, rule] : kPicks) {
    if (pick.is_string() && text == known)
      spec.pick = rule;
  }
  if (spec.pick == PickRule::kAmbiguous) {
    std::string hint = SpecSuggestion(text, {"first", "last", "largest", "smallest"});
    return SpecProblemAt(name, {"pick"},
                         "field '" + name + "': unknown pick '" + text + "'" +
                             (hint.empty() ? " (use first, last, largest or smallest)" : hint));
  }
  const bool ordered = spec.type == FieldType::kAmount || spec.type == FieldType::kInteger ||
                       spec.type == FieldType::kDate;
  if (!ordered && (spec.pick == PickRule::kLargest || spec.pick == PickRule::kSmallest)) {
    return SpecProblemAt(
        name, {"pick"},
        "field '" + name + "': pick " + text + " needs a field of type amount, integer or date");
  }
  return std::nullopt;
}

std::optional<SpecProblem> ParseExclude(const std::string& name, const Value& def,
                                        FieldSpec& spec) {
  if (!def.contains("exclude"))
    return std::nullopt;
  const Value& exclude = def["exclude"];
  const std::string shape =
      "field '" + name + "': exclude must be a list of words, e.g. [SUB, QTY]";
  if (!exclude.is_array() || exclude.empty())
    return SpecProblemAt(name, {"exclude"}, shape);
  for (std::size_t i = 0; i < exclude.size(); ++i) {
    const Value& word = exclude[i];
    if (!word.is_string() || LabelKey(word.get<std::string>()).empty()) {
      return SpecProblemAt(name, {"exclude", std::to_string(i)},
                           "field '" + name + "': exclude item " + std::to_string(i + 1) +
                               " is not a word with letters or digits, e.g. [SUB, QTY]");
    }
    spec.exclude.push_back(word.get<std::string>());
  }
  return std::nullopt;
}

std::optional<SpecProblem> ParseNear(const std::string& name, const Value& def, FieldSpec& spec) {
  if (!def.contains("near"))
    return std::nullopt;
  const Value& near = def["near"];
  if (!near.is_string() || LabelKey(near.get<std::string>()).empty()) {
    return SpecProblemAt(name, {"near"},
                         "field '" + name + "': near must name another label, e.g. 'Totale'");
  }
  if (spec.pick != PickRule::kAmbiguous) {
    return SpecProblemAt(name, {"near"}, "field '" + name + "' has both pick and near; use one");
  }
  spec.near = near.get<std::string>();
  return std::nullopt;
}

std::optional<SpecProblem> ParseDateRange(const std::string& name, const Value& def,
                                          FieldSpec& spec) {
  if (!def.contains("date_range"))
    return std::nullopt;
  if (spec.type != FieldType::kDate) {
    return SpecProblemAt(name, {"date_range"},
                         "field '" + name + "': date_range is only for fields of type date");
  }
  const Value& range = def["date_range"];
  const std::string shape = "field '" + name +
                            "': date_range must be [FROM, TO], each an ISO date (2024-01-31), "
                            "today, or an offset from today like -2y, +6m, +30d";
  if (!range.is_array() || range.size() != 2)
    return SpecProblemAt(name, {"date_range"}, shape);
  std::array<DateBound, 2> bounds;
  for (std::size_t i = 0; i < 2; ++i) {
    auto bound = range[i].is_string() ? ParseDateBound(range[i].get<std::string>()) : std::nullopt;
    if (!bound)
      return SpecProblemAt(name, {"date_range", std::to_string(i)}, shape);
    bounds[i] = *bound;
  }
  const CalendarDate any_day{2000, 1, 1};  // both relative: compare their offsets
  if (DayNumber(ResolveDateBound(bounds[0], any_day)) >
          DayNumber(ResolveDateBound(bounds[1], any_day)) &&
      bounds[0].fixed.has_value() == bounds[1].fixed.has_value()) {
    return SpecProblemAt(name, {"date_range"},
                         "field '" + name + "': date_range starts after it ends");
  }
  spec.date_range = DateRange{bounds[0], bounds[1]};
  return std::nullopt;
}

}  // namespace

SpecProblem SpecProblemAt(const std::string& name, std::vector<std::string> path,
                          std::string message, bool at_key) {
  path.insert(path.begin(), name);
  return SpecProblem{std::move(path), at_key, std::move(message)};
}

namespace {

// EditDistance that also counts swapping two neighbours as one edit: "lable"
// is one slip from "label", not two.
std::size_t TypoDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string SpecSuggestion(std::string_view word, const std::vector<std::string_view>& names) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (std::string_view name : names) {
    std::size_t distance = TypoDistance(word, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : "; did you mean '" + std::string(best) + "'?";
}

std::optional<SpecProblem> ParseChoice(const Value& def, FieldSpec& spec) {
  const std::string& name = spec.name;
  if (auto problem = ParsePick(name, def, spec))
    return problem;
  if (auto problem = ParseExclude(name, def, spec))
    return problem;
  if (auto problem = ParseNear(name, def, spec))
    return problem;
  return ParseDateRange(name, def, spec);
}

}  // namespace travet::ocr
