#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::actions {

// One record of a CSV text and the line it starts on (1-based).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Parses RFC 4180 text: fields separated by `delimiter` ("," or ";", as
// Italian spreadsheets write), records ended by CRLF, LF or CR; a quoted
// field may hold delimiters, line breaks and doubled quotes. A quote inside
// an unquoted field is kept as text. Errors (kInvalidArgument) name the place:
// "line 3: quoted field is not closed",
// "line 2, column 6: expected ',' or a line end after a closing quote".
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, char delimiter);

// Writes records as RFC 4180 text with CRLF line ends, quoting only the
// fields that hold the delimiter, a quote or a line break.
std::string FormatCsv(const std::vector<std::vector<std::string>>& records, char delimiter);

// The names in the first record that is not blank (the header), in its
// order; empty when there is none.
std::vector<std::string> CsvHeader(const std::vector<CsvRecord>& records);

// A list of maps keyed by the first record (the header); blank lines are
// skipped. Errors: an empty input ("no header row"), a repeated header name
// ("column 'x' appears twice in the header"), a record whose field count
// differs from the header's ("line 4 has 3 fields; the header has 4").
Result<Value> CsvRecordsToMaps(const std::vector<CsvRecord>& records);

// Whether `record` is a blank line (one empty field), which tables skip.
bool IsBlankCsvRecord(const CsvRecord& record);

// Ok, or "column 'x' appears twice in the header".
Status CheckCsvHeader(const std::vector<std::string>& names);

// The map keyed by `header` of a data record. Error: "line 4 has 3 fields;
// the header has 4".
Result<Value> CsvRowMap(const std::vector<std::string>& header, const CsvRecord& record);

// Records for a list of maps, the header first when `with_header`. The columns
// are `columns` when not empty (a key outside them is an error: "row 2 has
// column 'x' that is not in the header"), else every key in order of first
// appearance across the rows (within a row, Value keys come sorted). Cells:
// strings as they are, null as empty, anything else as JSON text. Errors:
// "csv must be a list of maps", "row 3 is not a map".
//
// With `escape_formulas`, a data cell that a spreadsheet would run as a
// formula (it starts with =, +, -, @, a tab or a carriage return, and is not
// a plain number such as -12.50) is written with a leading apostrophe, as
// OWASP advises against CSV injection: "=HYPERLINK(...)" becomes
// "'=HYPERLINK(...)". Header cells are names and are left as they are.
Result<std::vector<std::vector<std::string>>> MapsToCsvRecords(
    const Value& rows, const std::vector<std::string>& columns, bool with_header,
    bool escape_formulas = true);

}  // namespace travet::actions
