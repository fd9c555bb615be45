#include "runtime/kpi/kpi_xlsx.h"

#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "runtime/core/atomic_write.h"

namespace travet::kpi {
namespace {

enum class Cell { kText, kMonth, kCount, kRate, kDecimal };

struct Column {
  const char* key;
  const char* header;
  Cell cell;
  double width;
};

constexpr Column kMonthColumns[] = {
    {"bot", "Bot", Cell::kText, 22},
    {"month", "Month", Cell::kMonth, 10},
    {"runs", "Runs", Cell::kCount, 8},
    {"documents", "Documents", Cell::kCount, 11},
    {"succeeded", "Succeeded", Cell::kCount, 11},
    {"failed", "Failed", Cell::kCount, 8},
    {"straight_through", "Straight-through", Cell::kCount, 16},
    {"straight_through_rate", "Straight-through rate", Cell::kRate, 20},
    {"reviewed", "Reviewed", Cell::kCount, 10},
    {"review_tasks", "Review tasks", Cell::kCount, 13},
    {"decided_tasks", "Decided tasks", Cell::kCount, 14},
    {"timed_tasks", "Timed tasks", Cell::kCount, 12},
    {"median_operator_seconds", "Median operator seconds", Cell::kDecimal, 22},
    {"sla_breaches", "SLA breaches", Cell::kCount, 13},
    {"manual_minutes", "Manual minutes", Cell::kDecimal, 15},
    {"hours_saved", "Hours saved", Cell::kDecimal, 12},
};

constexpr Column kCorrectionColumns[] = {
    {"bot", "Bot", Cell::kText, 22},
    {"month", "Month", Cell::kMonth, 10},
    {"field", "Field", Cell::kText, 18},
    {"approved", "Approved", Cell::kCount, 10},
    {"corrected", "Corrected", Cell::kCount, 10},
    {"corrected_rate", "Corrected rate", Cell::kRate, 15},
};

struct Formats {
  lxw_format* header;
  lxw_format* month;
  lxw_format* rate;
  lxw_format* decimal;
};

Formats AddFormats(lxw_workbook* book) {
  Formats f{workbook_add_format(book), workbook_add_format(book), workbook_add_format(book),
            workbook_add_format(book)};
  format_set_bold(f.header);
  // Month and year as an Italian office writes them; the cell stays a date.
  format_set_num_format(f.month, "mm/yyyy");
  format_set_num_format(f.rate, "0.0%");
  format_set_num_format(f.decimal, "0.00");
  return f;
}

// Where a cell goes.
struct CellAt {
  lxw_worksheet* sheet;
  lxw_row_t row;
  lxw_col_t col;
};

lxw_error WriteCell(CellAt at, const Column& column, const Value& value, const Formats& f) {
  auto [sheet, row, col] = at;
  if (value.is_null())
    return LXW_NO_ERROR;
  switch (column.cell) {
    case Cell::kText:
      return worksheet_write_string(sheet, row, col, value.get<std::string>().c_str(), nullptr);
    case Cell::kMonth: {
      std::string month = value.get<std::string>();  // "2026-03"
      lxw_datetime date{
          std::atoi(month.substr(0, 4).c_str()), std::atoi(month.substr(5, 2).c_str()), 1, 0, 0, 0};
      return worksheet_write_datetime(sheet, row, col, &date, f.month);
    }
    case Cell::kCount:
      return worksheet_write_number(sheet, row, col, value.get<double>(), nullptr);
    case Cell::kRate:
      return worksheet_write_number(sheet, row, col, value.get<double>(), f.rate);
    case Cell::kDecimal:
      return worksheet_write_number(sheet, row, col, value.get<double>(), f.decimal);
  }
  return LXW_NO_ERROR;
}

template <size_t N>
lxw_error WriteSheet(lxw_worksheet* sheet, const Column (&columns)[N],
                     const std::vector<Value>& rows, const Formats& f) {
  for (size_t c = 0; c < N; ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, col, col, columns[c].width, nullptr);
    if (lxw_error e = worksheet_write_string(sheet, 0, col, columns[c].header, f.header))
      return e;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < N; ++c) {
      auto row = static_cast<lxw_row_t>(r + 1);
      const Value& value = rows[r].contains(columns[c].key) ? rows[r][columns[c].key] : Value();
      if (lxw_error e = WriteCell({sheet, row, static_cast<lxw_col_t>(c)}, columns[c], value, f))
        return e;
    }
  }
  return LXW_NO_ERROR;
}

// One row per bot, month and field, with the share of approved tasks whose
// value an operator changed.
std::vector<Value> CorrectionRows(const Value& document) {
  std::vector<Value> rows;
  for (const Value& month : document["months"]) {
    for (const Value& c : month["corrections"]) {
      double approved = c["approved"].get<double>();
      rows.push_back({{"bot", month["bot"]},
                      {"month", month["month"]},
                      {"field", c["field"]},
                      {"approved", c["approved"]},
                      {"corrected", c["corrected"]},
                      {"corrected_rate",
                       approved > 0 ? Value(c["corrected"].get<double>() / approved) : Value()}});
    }
  }
  return rows;
}

lxw_error WriteBook(lxw_workbook* book, const Value& document) {
  Formats f = AddFormats(book);
  std::vector<Value> months(document["months"].begin(), document["months"].end());
  if (lxw_error e = WriteSheet(workbook_add_worksheet(book, "KPI"), kMonthColumns, months, f))
    return e;
  return WriteSheet(workbook_add_worksheet(book, "Corrections"), kCorrectionColumns,
                    CorrectionRows(document), f);
}

// Writes the workbook to `file`, a path in a folder of the caller's own.
Status WriteWorkbook(const Value& document, const std::filesystem::path& file) {
  lxw_workbook* book = workbook_new(file.c_str());
  if (book == nullptr)
    return IoError("cannot write '" + file.string() +
                   "': libxlsxwriter could not start a workbook");
  lxw_error written = WriteBook(book, document);
  // workbook_close frees the workbook whatever happened, and writes the file.
  lxw_error closed = workbook_close(book);
  lxw_error error = written != LXW_NO_ERROR ? written : closed;
  if (error != LXW_NO_ERROR)
    return IoError("cannot write '" + file.string() + "': " + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace

// The workbook is made in a private folder and published whole by
// WriteFileAtomic, as every other file Travet writes.
Status WriteKpiXlsx(const Value& document, const std::filesystem::path& path) {
  Result<std::string> bytes = KpiXlsxBytes(document);
  if (!bytes)
    return bytes.error();
  return WriteFileAtomic(path, *bytes);
}

Result<std::string> KpiXlsxBytes(const Value& document) {
  std::string pattern = (std::filesystem::temp_directory_path() / "travet-kpi-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    return IoError("cannot make a temporary folder for the workbook in " +
                   std::filesystem::temp_directory_path().string());
  const std::filesystem::path dir = pattern;
  const std::filesystem::path file = dir / "kpi.xlsx";
  Status written = WriteWorkbook(document, file);
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    bytes = out.str();
    if (!in)
      written = IoError("cannot read back '" + file.string() + "'");
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (!written.ok())
    return written;
  return bytes;
}

}  // namespace travet::kpi
