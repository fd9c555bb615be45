// libFuzzer entry point for the CSV reader and writer: any bytes must give
// records or an error, never a crash; records written and read again are the
// same records, and rows as maps convert back to records.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/actions/csv.h"

namespace {

using travet::actions::CsvRecord;

std::vector<std::vector<std::string>> Fields(const std::vector<CsvRecord>& records) {
  std::vector<std::vector<std::string>> fields;
  for (const CsvRecord& record : records)
    fields.push_back(record.fields);
  return fields;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  // The first byte picks the delimiter, as bots pick "," or ";".
  char delimiter = data[0] % 2 == 0 ? ',' : ';';
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto records = travet::actions::ParseCsv(text, delimiter);
  if (!records)
    return 0;
  std::vector<std::vector<std::string>> fields = Fields(*records);
  auto again = travet::actions::ParseCsv(travet::actions::FormatCsv(fields, delimiter), delimiter);
  if (!again || Fields(*again) != fields)
    __builtin_trap();
  auto rows = travet::actions::CsvRecordsToMaps(*records);
  if (!rows)
    return 0;
  auto header = travet::actions::CsvHeader(*records);
  if (!travet::actions::MapsToCsvRecords(*rows, header, /*with_header=*/true))
    __builtin_trap();
  return 0;
}
