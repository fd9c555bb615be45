#include "runtime/actions/csv.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace travet::actions {

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  Result<std::vector<CsvRecord>> Parse() {
    std::vector<CsvRecord> records;
    while (pos_ < text_.size()) {
      CsvRecord record{.line = line_, .fields = {}};
      TRAVET_RETURN_IF_ERROR(ParseRecord(record.fields));
      records.push_back(std::move(record));
    }
    return records;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool AtLineEnd() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }

  Status ParseRecord(std::vector<std::string>& fields) {
    while (true) {
      std::string field;
      if (!AtEnd() && text_[pos_] == '"') {
        TRAVET_RETURN_IF_ERROR(ParseQuoted(field));
      } else {
        ParseBare(field);
      }
      fields.push_back(std::move(field));
      if (AtEnd())
        return Status::Ok();
      if (text_[pos_] != delimiter_)
        break;
      ++pos_;
    }
    SkipLineEnd();
    return Status::Ok();
  }

  void ParseBare(std::string& field) {
    while (!AtEnd() && text_[pos_] != delimiter_ && !AtLineEnd())
      field += text_[pos_++];
  }

  Status ParseQuoted(std::string& field) {
    int start_line = line_;
    ++pos_;
    while (true) {
      if (AtEnd()) {
        return InvalidArgument("line " + std::to_string(start_line) +
                               ": quoted field is not closed");
      }
      char c = text_[pos_];
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        field += '"';
        pos_ += 2;
        continue;
      }
      if (c == '"')
        break;
      if (c == '\n')
        NewLine(pos_ + 1);
      field += c;
      ++pos_;
    }
    ++pos_;
    if (AtEnd() || text_[pos_] == delimiter_ || AtLineEnd())
      return Status::Ok();
    return InvalidArgument("line " + std::to_string(line_) + ", column " +
                           std::to_string(pos_ - line_start_ + 1) + ": expected '" +
                           std::string(1, delimiter_) + "' or a line end after a closing quote");
  }

  void SkipLineEnd() {
    if (text_[pos_] == '\r')
      ++pos_;
    if (!AtEnd() && text_[pos_] == '\n')
      ++pos_;
    NewLine(pos_);
  }

  void NewLine(size_t start) {
    ++line_;
    line_start_ = start;
  }

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

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

bool IsBlank(const CsvRecord& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, char delimiter) {
  return CsvParser(text, delimiter).Parse();
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
  auto header = std::find_if_not(records.begin(), records.end(), IsBlank);
  return header == records.end() ? std::vector<std::string>{} : header->fields;
}

Result<Value> CsvRecordsToMaps(const std::vector<CsvRecord>& records) {
  auto header = std::find_if_not(records.begin(), records.end(), IsBlank);
  if (header == records.end())
    return InvalidArgument("no header row");
  std::set<std::string> seen;
  for (const std::string& name : header->fields) {
    if (!seen.insert(name).second) {
      return InvalidArgument("column '" + name + "' appears twice in the header");
    }
  }
  Value rows = Value::array();
  for (auto it = header + 1; it != records.end(); ++it) {
    if (IsBlank(*it))
      continue;
    if (it->fields.size() != header->fields.size()) {
      return InvalidArgument("line " + std::to_string(it->line) + " has " +
                             std::to_string(it->fields.size()) + " fields; the header has " +
                             std::to_string(header->fields.size()));
    }
    Value row = Value::object();
    for (size_t i = 0; i < it->fields.size(); ++i)
      row[header->fields[i]] = it->fields[i];
    rows.push_back(std::move(row));
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
