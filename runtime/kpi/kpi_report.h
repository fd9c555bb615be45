#pragma once

#include <string>

#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/store/store.h"

namespace travet::kpi {

// What the KPI figures are asked for: one bot (empty: every bot) and a period
// of days or months in kKpiTimeZone (ParseKpiPeriod; empty: unbounded).
struct KpiQuery {
  std::string bot;
  std::string since;
  std::string until;
};

// The KPI document (kpi_document.h) of `query` over `store`: the one
// function `travet kpi` and GET /api/v1/kpi call, so that both give the same
// document for the same store. InvalidArgument for a bad period; the
// store's errors as they are.
Result<Value> KpiReport(store::Store& store, const KpiQuery& query);

}  // namespace travet::kpi
