// travet kpi: the KPI figures per bot and month, as a table, CSV, an XLSX
// workbook or the JSON document GET /api/v1/kpi answers.
#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "runtime/core/atomic_write.h"
#include "runtime/kpi/kpi_document.h"
#include "runtime/kpi/kpi_report.h"
#include "runtime/kpi/kpi_xlsx.h"
#include "tools/travet/command.h"

namespace travet::cli {
namespace {

struct KpiArgs {
  StoreFlag store;
  kpi::KpiQuery query;
  std::string format = "table";
  std::string out;
};

std::string Fixed(const Value& number, int digits, const char* suffix = "") {
  if (number.is_null())
    return "-";
  std::ostringstream text;
  text << std::fixed << std::setprecision(digits) << number.get<double>() << suffix;
  return text.str();
}

// The corrections of a month, "total 1/3, vat 0/3"; "-" when none.
std::string CorrectionsText(const Value& month) {
  std::string text;
  for (const Value& c : month["corrections"]) {
    text += (text.empty() ? "" : ", ") + c["field"].get<std::string>() + " " +
            c["corrected"].dump() + "/" + c["approved"].dump();
  }
  return text.empty() ? "-" : text;
}

std::string Table(const Value& document) {
  std::ostringstream out;
  out << std::left << std::setw(20) << "BOT" << std::setw(9) << "MONTH" << std::right
      << std::setw(6) << "RUNS" << std::setw(7) << "DOCS" << std::setw(7) << "FAILED"
      << std::setw(8) << "STP" << std::setw(7) << "TASKS" << std::setw(10) << "MEDIAN-S"
      << std::setw(5) << "SLA" << std::setw(8) << "SAVED-H"
      << "  CORRECTED/APPROVED\n";
  for (const Value& m : document["months"]) {
    const Value rate = m["straight_through_rate"].is_null()
                           ? Value()
                           : Value(m["straight_through_rate"].get<double>() * 100);
    out << std::left << std::setw(20) << m["bot"].get<std::string>() << std::setw(9)
        << m["month"].get<std::string>() << std::right << std::setw(6) << m["runs"].dump()
        << std::setw(7) << m["documents"].dump() << std::setw(7) << m["failed"].dump()
        << std::setw(8) << Fixed(rate, 1, "%") << std::setw(7) << m["review_tasks"].dump()
        << std::setw(10) << Fixed(m["median_operator_seconds"], 0) << std::setw(5)
        << m["sla_breaches"].dump() << std::setw(8) << Fixed(m["hours_saved"], 1) << "  "
        << CorrectionsText(m) << "\n";
  }
  if (document["months"].empty())
    out << "no runs in the period\n";
  return out.str();
}

int WriteXlsx(const Value& document, const KpiArgs& args) {
  if (!args.out.empty()) {
    Status written = kpi::WriteKpiXlsx(document, args.out);
    if (!written.ok()) {
      std::cerr << "travet kpi: " << written.message() << "\n";
      return kExitFailed;
    }
    return kExitOk;
  }
  if (isatty(STDOUT_FILENO)) {
    std::cerr << "travet kpi: an XLSX workbook is not for a terminal; give --out FILE or "
                 "redirect stdout to a file\n";
    return kExitInvalid;
  }
  Result<std::string> bytes = kpi::KpiXlsxBytes(document);
  if (!bytes) {
    std::cerr << "travet kpi: " << bytes.error().message() << "\n";
    return kExitFailed;
  }
  std::cout.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  return std::cout.flush() ? kExitOk : kExitFailed;
}

int WriteText(const std::string& text, const KpiArgs& args) {
  if (args.out.empty()) {
    std::cout << text;
    return kExitOk;
  }
  Status written = WriteFileAtomic(args.out, text);
  if (!written.ok()) {
    std::cerr << "travet kpi: " << written.message() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

int Kpi(const KpiArgs& args) {
  auto opened = store::OpenStore(args.store.url, store::StoreAccess::kRead);
  if (!opened) {
    std::cerr << "travet kpi: " << opened.error().message() << "\n";
    return kExitFailed;
  }
  Result<Value> document = kpi::KpiReport(**opened, args.query);
  if (!document) {
    std::cerr << "travet kpi: " << document.error().message() << "\n";
    return document.error().code() == StatusCode::kInvalidArgument ? kExitInvalid : kExitFailed;
  }
  if (args.format == "xlsx")
    return WriteXlsx(*document, args);
  if (args.format == "json")
    return WriteText(document->dump(2) + "\n", args);
  if (args.format == "csv")
    return WriteText(kpi::KpiCsv(*document), args);
  return WriteText(Table(*document), args);
}

}  // namespace

std::function<int()> SetupKpi(CLI::App& cmd) {
  auto args = std::make_shared<KpiArgs>();
  args->store.Add(cmd);
  cmd.add_option("--bot", args->query.bot, "Only this bot");
  cmd.add_option("--since", args->query.since,
                 "From this day or month (YYYY-MM-DD or YYYY-MM, Europe/Rome), included");
  cmd.add_option("--until", args->query.until,
                 "Until this day or month (YYYY-MM-DD or YYYY-MM, Europe/Rome), included");
  cmd.add_option("--format", args->format, "table, csv, xlsx or json")
      ->check(CLI::IsMember({"table", "csv", "xlsx", "json"}))
      ->capture_default_str();
  cmd.add_option("--out", args->out,
                 "Write to this file (whole or not at all) instead of stdout; xlsx needs it "
                 "unless stdout is not a terminal");
  cmd.footer(
      "Per bot and month of the runs' creation (Europe/Rome): documents, straight-through rate, "
      "review tasks, median operator time, SLA breaches, hours saved (kpi.manual_minutes of the "
      "bot file of its newest run), corrections per field. --format json is the document "
      "GET /api/v1/kpi answers. Exit status: 0 done, 1 the store or the file failed, 2 bad "
      "arguments.");
  return [args] { return Kpi(*args); };
}

}  // namespace travet::cli
