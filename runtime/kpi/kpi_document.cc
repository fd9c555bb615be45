#include "runtime/kpi/kpi_document.h"

#include <optional>

#include "runtime/actions/csv.h"

namespace travet::kpi {
namespace {

Value OrNull(const std::optional<double>& number) {
  return number ? Value(*number) : Value();
}

Value OrNull(const std::string& text) {
  return text.empty() ? Value() : Value(text);
}

Value MonthJson(const BotMonth& m) {
  Value corrections = Value::array();
  for (const FieldCorrections& c : m.corrections)
    corrections.push_back(
        {{"field", c.field}, {"approved", c.approved}, {"corrected", c.corrected}});
  return {{"bot", m.bot},
          {"month", m.month},
          {"runs", m.runs},
          {"documents", m.documents},
          {"succeeded", m.succeeded},
          {"failed", m.failed},
          {"straight_through", m.straight_through},
          {"straight_through_rate", OrNull(m.StraightThroughRate())},
          {"reviewed", m.reviewed},
          {"review_tasks", m.review_tasks},
          {"decided_tasks", m.decided_tasks},
          {"timed_tasks", m.timed_tasks},
          {"median_operator_seconds", OrNull(m.median_operator_seconds)},
          {"sla_breaches", m.sla_breaches},
          {"corrections", std::move(corrections)},
          {"manual_minutes", OrNull(m.manual_minutes)},
          {"hours_saved", OrNull(m.hours_saved)}};
}

// The columns of the CSV, in order; `corrections` is written as two.
const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string> kColumns = {"bot",
                                                    "month",
                                                    "runs",
                                                    "documents",
                                                    "succeeded",
                                                    "failed",
                                                    "straight_through",
                                                    "straight_through_rate",
                                                    "reviewed",
                                                    "review_tasks",
                                                    "decided_tasks",
                                                    "timed_tasks",
                                                    "median_operator_seconds",
                                                    "sla_breaches",
                                                    "corrections",
                                                    "corrections_by_field",
                                                    "manual_minutes",
                                                    "hours_saved"};
  return kColumns;
}

std::string CellText(const Value& value) {
  if (value.is_null())
    return "";
  if (value.is_string())
    return value.get<std::string>();
  return value.dump();
}

// One month as a map of its CSV cells, by column.
Value CsvRow(const Value& month) {
  Value row = Value::object();
  for (const std::string& column : CsvColumns()) {
    std::string cell;
    if (column == "corrections") {
      long long corrected = 0;
      for (const Value& c : month["corrections"])
        corrected += c["corrected"].get<long long>();
      cell = std::to_string(corrected);
    } else if (column == "corrections_by_field") {
      for (const Value& c : month["corrections"]) {
        cell += (cell.empty() ? "" : "; ") + c["field"].get<std::string>() + " " +
                c["corrected"].dump() + "/" + c["approved"].dump();
      }
    } else {
      cell = CellText(month[column]);
    }
    row[column] = cell;
  }
  return row;
}

}  // namespace

Value KpiDocument(const std::vector<BotMonth>& months, const std::string& bot,
                  const KpiPeriod& period) {
  Value rows = Value::array();
  for (const BotMonth& m : months)
    rows.push_back(MonthJson(m));
  return {{"timezone", kKpiTimeZone},
          {"bot", OrNull(bot)},
          {"since", OrNull(period.since)},
          {"until", OrNull(period.until)},
          {"months", std::move(rows)}};
}

// Through the CSV writer of `file.write`, so that a cell a spreadsheet would
// run as a formula (a field named "=HYPERLINK(...)") is written as text.
std::string KpiCsv(const Value& document) {
  Value rows = Value::array();
  for (const Value& month : document["months"])
    rows.push_back(CsvRow(month));
  auto records = actions::MapsToCsvRecords(rows, CsvColumns(), /*with_header=*/true);
  // Every row has exactly the columns given, so the records cannot be refused.
  return records ? actions::FormatCsv(*records, ',') : std::string();
}

}  // namespace travet::kpi
