#include "runtime/kpi/kpi_report.h"

#include "runtime/kpi/figures.h"
#include "runtime/kpi/kpi_document.h"
#include "runtime/kpi/manual_minutes.h"
#include "runtime/kpi/period.h"
#include "runtime/store/kpi_facts.h"

namespace travet::kpi {

Result<Value> KpiReport(store::Store& store, const KpiQuery& query) {
  Result<KpiPeriod> period = ParseKpiPeriod(query.since, query.until);
  if (!period)
    return period.error();
  store::KpiFilter filter{std::nullopt, period->from_utc, period->to_utc};
  if (!query.bot.empty())
    filter.bot = query.bot;
  Result<store::KpiFacts> facts = store.ReadKpiFacts(filter);
  if (!facts)
    return facts.error();
  Result<std::vector<BotMonth>> months = ComputeKpi(*facts, ManualMinutesOf(*facts));
  if (!months)
    return months.error();
  return KpiDocument(*months, query.bot, *period);
}

}  // namespace travet::kpi
