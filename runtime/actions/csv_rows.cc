#include "runtime/actions/csv_rows.h"

#include "runtime/core/utf8.h"

namespace travet::actions {

CsvRows::CsvRows(int fd, char delimiter)
    : reader_(fd, {.delimiter = delimiter,
                   .on_read = [this](std::string_view data) { hash_.Update(data); }}) {}

Result<bool> CsvRows::NextRecord(CsvRecord& record) {
  auto more = reader_.Next(record);
  if (!more || !*more)
    return more;
  size_t bad = InvalidUtf8Offset(reader_.last_bytes());
  if (bad == std::string_view::npos)
    return true;
  utf8_error_ = true;
  return InvalidArgument("is not valid UTF-8 at byte " +
                         std::to_string(reader_.last_offset() + bad));
}

Result<bool> CsvRows::Next(Value& row) {
  CsvRecord record;
  while (true) {
    auto more = NextRecord(record);
    if (!more)
      return more.error();
    if (!*more && !has_header_)
      return InvalidArgument("no header row");
    if (!*more)
      return false;
    if (IsBlankCsvRecord(record))
      continue;
    if (has_header_)
      break;
    TRAVET_RETURN_IF_ERROR(CheckCsvHeader(record.fields));
    columns_ = std::move(record.fields);
    has_header_ = true;
  }
  auto map = CsvRowMap(columns_, record);
  if (!map)
    return map.error();
  row = std::move(*map);
  return true;
}

Value CsvRowsRefValue(const CsvRowsRef& ref) {
  return {{kRowsMarker,
           {{"path", ref.path},
            {"format", "csv"},
            {"delimiter", std::string(1, ref.delimiter)},
            {"columns", ref.columns},
            {"count", ref.count},
            {"sha256", ref.sha256}}}};
}

bool IsRowsRef(const Value& value) {
  return value.is_object() && value.size() == 1 && value.contains(kRowsMarker);
}

namespace {

Status Malformed(const std::string& what) {
  return InvalidArgument(std::string("is not a well-formed ") + kRowsMarker + " reference (" +
                         what + ")");
}

bool IsString(const Value& ref, const char* name) {
  return ref.contains(name) && ref[name].is_string();
}

}  // namespace

Result<CsvRowsRef> ParseRowsRef(const Value& value) {
  if (!IsRowsRef(value) || !value[kRowsMarker].is_object())
    return Malformed("not a map");
  const Value& ref = value[kRowsMarker];
  for (const char* name : {"path", "format", "delimiter", "sha256"}) {
    if (!IsString(ref, name))
      return Malformed(std::string("'") + name + "' must be a string");
  }
  if (ref["format"] != "csv")
    return Malformed("format must be csv");
  if (ref["delimiter"].get<std::string>().size() != 1)
    return Malformed("delimiter must be one character");
  // An expression gives integers back signed.
  if (!ref.contains("count") || !ref["count"].is_number_integer() || ref["count"] < 0)
    return Malformed("'count' must be a whole number");
  CsvRowsRef out;
  out.path = ref["path"].get<std::string>();
  out.delimiter = ref["delimiter"].get<std::string>()[0];
  out.count = ref["count"].get<size_t>();
  out.sha256 = ref["sha256"].get<std::string>();
  if (ref.contains("columns") && ref["columns"].is_array()) {
    for (const Value& name : ref["columns"])
      out.columns.push_back(name.is_string() ? name.get<std::string>() : name.dump());
  }
  return out;
}

}  // namespace travet::actions
