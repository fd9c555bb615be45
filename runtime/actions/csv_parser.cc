#include "runtime/actions/csv_parser.h"

#include <string>
#include <utility>

namespace travet::actions {

void CsvParser::SetWindow(std::string_view window, bool final) {
  // Records end at a line end, where a line starts: line_start_ == pos_.
  line_start_ -= std::min(line_start_, pos_);
  pos_ = 0;
  text_ = window;
  final_ = final;
}

Result<CsvParser::Outcome> CsvParser::Next(CsvRecord& record) {
  if (AtEnd())
    return final_ ? Outcome::kEnd : Outcome::kNeedMore;
  const size_t pos = pos_, line_start = line_start_;
  const int line = line_;
  std::vector<std::string> fields;
  short_ = false;
  Status status = ParseRecord(fields);
  if (short_) {
    pos_ = pos;
    line_ = line;
    line_start_ = line_start;
    return Outcome::kNeedMore;
  }
  TRAVET_RETURN_IF_ERROR(status);
  record = CsvRecord{.line = line, .fields = std::move(fields)};
  return Outcome::kRecord;
}

bool CsvParser::Short(size_t ahead) {
  if (!final_ && pos_ + ahead >= text_.size())
    short_ = true;
  return short_;
}

// A window that ends mid-record returns kCancelled here; Next() sees short_
// and asks for more.
Status CsvParser::ParseRecord(std::vector<std::string>& fields) {
  while (true) {
    std::string field;
    if (Short())
      return Cancelled("");
    if (!AtEnd() && text_[pos_] == '"') {
      TRAVET_RETURN_IF_ERROR(ParseQuoted(field));
    } else {
      ParseBare(field);
    }
    fields.push_back(std::move(field));
    if (Short())
      return Cancelled("");
    if (AtEnd())
      return Status::Ok();
    if (text_[pos_] != delimiter_)
      break;
    ++pos_;
  }
  SkipLineEnd();
  return short_ ? Cancelled("") : Status::Ok();
}

void CsvParser::ParseBare(std::string& field) {
  size_t start = pos_;
  while (!AtEnd() && text_[pos_] != delimiter_ && !AtLineEnd())
    ++pos_;
  field.append(text_.substr(start, pos_ - start));
}

Status CsvParser::ParseQuoted(std::string& field) {
  int start_line = line_;
  ++pos_;
  while (true) {
    if (Short())
      return Cancelled("");
    if (AtEnd()) {
      return InvalidArgument("line " + std::to_string(start_line) + ": quoted field is not closed");
    }
    char c = text_[pos_];
    if (c == '"' && Short(1))
      return Cancelled("");
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
  if (Short())
    return Cancelled("");
  if (AtEnd() || text_[pos_] == delimiter_ || AtLineEnd())
    return Status::Ok();
  return InvalidArgument("line " + std::to_string(line_) + ", column " +
                         std::to_string(pos_ - line_start_ + 1) + ": expected '" +
                         std::string(1, delimiter_) + "' or a line end after a closing quote");
}

void CsvParser::SkipLineEnd() {
  if (text_[pos_] == '\r') {
    ++pos_;
    if (Short())
      return;
  }
  if (!AtEnd() && text_[pos_] == '\n')
    ++pos_;
  NewLine(pos_);
}

void CsvParser::NewLine(size_t start) {
  ++line_;
  line_start_ = start;
}

}  // namespace travet::actions
