#pragma once

#include <string_view>

#include "runtime/actions/csv.h"
#include "runtime/core/result.h"

namespace travet::actions {

// The RFC 4180 state machine behind ParseCsv and CsvReader: takes one record
// at a time from a window of the text. The window may end before the text
// does (`final` false); a record that runs into its end is not taken, and
// the parser asks for more instead, so a chunk boundary may fall anywhere (in
// a quoted field, between a doubled quote, between CR and LF). Errors are
// those ParseCsv documents. Not thread-safe.
class CsvParser {
 public:
  enum class Outcome { kRecord, kNeedMore, kEnd };

  explicit CsvParser(char delimiter) : delimiter_(delimiter) {}

  // Parses from `window`, which starts where the previous window's unused
  // part started (its first `consumed()` bytes dropped, more bytes after).
  void SetWindow(std::string_view window, bool final);
  // The bytes of the current window taken by the records returned so far.
  size_t consumed() const { return pos_; }
  // The line the next record starts on.
  int line() const { return line_; }

  // The next record into `record`: kRecord, kEnd when the text is done, or
  // kNeedMore (record untouched, nothing consumed) when the window ends
  // before the record does and is not final.
  Result<Outcome> Next(CsvRecord& record);

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool AtLineEnd() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }
  // Whether the window ends at pos_ + ahead while the text goes on.
  bool Short(size_t ahead = 0);
  Status ParseRecord(std::vector<std::string>& fields);
  void ParseBare(std::string& field);
  Status ParseQuoted(std::string& field);
  void SkipLineEnd();
  void NewLine(size_t start);

  std::string_view text_;
  bool final_ = true;
  bool short_ = false;  // the record being parsed ran into the window's end
  char delimiter_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

}  // namespace travet::actions
