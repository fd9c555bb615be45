#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "runtime/actions/csv_reader.h"
#include "runtime/actions/sha256.h"
#include "runtime/core/result.h"
#include "runtime/core/value.h"

namespace travet::actions {

// The rows of a CSV table read from an open descriptor one at a time, as
// maps keyed by the header (the first record that is not blank), blank lines
// skipped: what CsvRecordsToMaps gives for the whole text, in bounded memory.
// The bytes are checked as UTF-8 and hashed (SHA-256) on the way. Errors:
// those of CsvReader and CsvRecordsToMaps ("no header row" at the end of a
// file without one), and "is not valid UTF-8 at byte 12" (utf8_error() then
// true). The descriptor is not owned. Not thread-safe.
class CsvRows {
 public:
  CsvRows(int fd, char delimiter);
  CsvRows(const CsvRows&) = delete;  // the reader's hook points at this one
  CsvRows& operator=(const CsvRows&) = delete;

  // The next row into `row`; false after the last one.
  Result<bool> Next(Value& row);

  // The header's names, in order; known after the first Next().
  const std::vector<std::string>& columns() const { return columns_; }
  // Whether the error Next() returned is about UTF-8.
  bool utf8_error() const { return utf8_error_; }
  size_t bytes_read() const { return reader_.bytes_read(); }
  // The SHA-256 of the whole file; call once, after Next() returned false.
  std::string FinishSha256() { return hash_.FinishHex(); }

 private:
  Result<bool> NextRecord(CsvRecord& record);

  Sha256 hash_;
  CsvReader reader_;
  std::vector<std::string> columns_;
  bool has_header_ = false;
  bool utf8_error_ = false;
};

// What file.read with `stream: true` returns as `content` in place of the
// rows: {"$rows": {"path", "format": "csv", "delimiter", "columns", "count",
// "sha256"}}. A map whose only key is "$rows" is such a reference; `foreach`
// reads the rows from the file (see RowSource in runtime/engine).
struct CsvRowsRef {
  std::string path;  // as PathGuard::Display shows it, from the working folder
  char delimiter = ',';
  std::vector<std::string> columns;
  size_t count = 0;
  std::string sha256;
};

inline constexpr char kRowsMarker[] = "$rows";

Value CsvRowsRefValue(const CsvRowsRef& ref);

// Whether `value` is a reference (a map whose only key is "$rows").
bool IsRowsRef(const Value& value);

// The reference `value` holds. Error: "is not a well-formed $rows reference
// (…)" naming what is missing or of the wrong type.
Result<CsvRowsRef> ParseRowsRef(const Value& value);

}  // namespace travet::actions
