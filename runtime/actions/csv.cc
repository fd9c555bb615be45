#include "runtime/actions/csv.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "runtime/actions/csv_parser.h"

namespace travet::actions {

namespace {

std::string QuoteIfNeeded(const std::string& field, char delimiter) {
  if (field.find_first_of(std::string("\"\r\n") + delimiter) == std::string::npos)
    return field;
  std::string quoted = "\"";
  for (char c : field) {
    quoted += c;
    if (c == '"')
      quoted += '"';
  }
  return quoted + "\"";
}

std::string Cell(const Value& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_null())
    return "";
  return value.dump(-1, ' ', false, Value::error_handler_t::replace);
}

// "-12.50", "+3", "-1.234,50": signed numbers, which no spreadsheet runs.
bool IsPlainNumber(const std::string& text) {
  bool digits = false;
  for (size_t i = 1; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])))
      digits = true;
    else if (text[i] != '.' && text[i] != ',')
      return false;
  }
  return digits;
}

std::string WithoutFormula(std::string cell) {
  // One character alone ("-" for nothing) runs nothing.
  if (cell.size() < 2 || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos ||
      IsPlainNumber(cell)) {
    return cell;
  }
  return "'" + cell;
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, char delimiter) {
  CsvParser parser(delimiter);
  parser.SetWindow(text, /*final=*/true);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (true) {
    auto outcome = parser.Next(record);
    if (!outcome)
      return outcome.error();
    if (*outcome == CsvParser::Outcome::kEnd)
      return records;
    records.push_back(std::move(record));
  }
}

bool IsBlankCsvRecord(const CsvRecord& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

Status CheckCsvHeader(const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second)
      return InvalidArgument("column '" + name + "' appears twice in the header");
  }
  return Status::Ok();
}

Result<Value> CsvRowMap(const std::vector<std::string>& header, const CsvRecord& record) {
  if (record.fields.size() != header.size()) {
    return InvalidArgument("line " + std::to_string(record.line) + " has " +
                           std::to_string(record.fields.size()) + " fields; the header has " +
                           std::to_string(header.size()));
  }
  Value row = Value::object();
  for (size_t i = 0; i < record.fields.size(); ++i)
    row[header[i]] = record.fields[i];
  return row;
}

std::string FormatCsv(const std::vector<std::vector<std::string>>& records, char delimiter) {
  std::string text;
  for (const auto& record : records) {
    for (size_t i = 0; i < record.size(); ++i) {
      if (i > 0)
        text += delimiter;
      text += QuoteIfNeeded(record[i], delimiter);
    }
    text += "\r\n";
  }
  return text;
}

std::vector<std::string> CsvHeader(const std::vector<CsvRecord>& records) {
  auto header = std::find_if_not(records.begin(), records.end(), IsBlankCsvRecord);
  return header == records.end() ? std::vector<std::string>{} : header->fields;
}

Result<Value> CsvRecordsToMaps(const std::vector<CsvRecord>& records) {
  auto header = std::find_if_not(records.begin(), records.end(), IsBlankCsvRecord);
  if (header == records.end())
    return InvalidArgument("no header row");
  TRAVET_RETURN_IF_ERROR(CheckCsvHeader(header->fields));
  Value rows = Value::array();
  for (auto it = header + 1; it != records.end(); ++it) {
    if (IsBlankCsvRecord(*it))
      continue;
    auto row = CsvRowMap(header->fields, *it);
    if (!row)
      return row.error();
    rows.push_back(std::move(*row));
  }
  return rows;
}

Result<std::vector<std::vector<std::string>>> MapsToCsvRecords(
    const Value& rows, const std::vector<std::string>& columns, bool with_header,
    bool escape_formulas) {
  if (!rows.is_array())
    return InvalidArgument("csv must be a list of maps");
  std::vector<std::string> names = columns;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].is_object())
      return InvalidArgument("row " + std::to_string(i + 1) + " is not a map");
    for (const auto& [key, value] : rows[i].items()) {
      if (std::find(names.begin(), names.end(), key) != names.end())
        continue;
      if (!columns.empty()) {
        return InvalidArgument("row " + std::to_string(i + 1) + " has column '" + key +
                               "' that is not in the header");
      }
      names.push_back(key);
    }
  }
  std::vector<std::vector<std::string>> records;
  if (with_header)
    records.push_back(names);
  for (const Value& row : rows) {
    std::vector<std::string> record;
    for (const std::string& name : names) {
      std::string cell = row.contains(name) ? Cell(row[name]) : "";
      record.push_back(escape_formulas ? WithoutFormula(std::move(cell)) : std::move(cell));
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace travet::actions
