// The KPI figures: the document `travet kpi --format json` prints, or its
// CSV and XLSX forms as downloads.
#include "runtime/kpi/kpi_document.h"
#include "runtime/kpi/kpi_report.h"
#include "runtime/kpi/kpi_xlsx.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"

namespace travet::server {
namespace {

ApiResponse Download(std::string body, const char* type, const char* name) {
  ApiResponse response{200, type, std::move(body)};
  response.headers.emplace_back("Content-Disposition",
                                std::string("attachment; filename=\"") + name + "\"");
  return response;
}

}  // namespace

ApiResponse GetKpi(const ApiRequest& request, ServerContext& context) {
  const std::string format = request.Query("format", "json");
  if (format != "json" && format != "csv" && format != "xlsx") {
    return ProblemOf(
        InvalidArgument("format: '" + format.substr(0, 64) + "' is not json, csv or xlsx"));
  }
  kpi::KpiQuery query{request.Query("bot"), request.Query("since"), request.Query("until")};
  Result<Value> document = kpi::KpiReport(context.store, query);
  if (!document) {
    return ProblemOf(document.error());
  }
  if (format == "csv") {
    return Download(kpi::KpiCsv(*document), "text/csv; charset=utf-8", "travet-kpi.csv");
  }
  if (format == "xlsx") {
    Result<std::string> bytes = kpi::KpiXlsxBytes(*document);
    if (!bytes) {
      return ProblemOf(bytes.error());
    }
    return Download(std::move(*bytes),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "travet-kpi.xlsx");
  }
  return JsonResponse(200, *document);
}

}  // namespace travet::server
