#include "tools/travet/review_stats.h"

#include <cstdio>
#include <iomanip>
#include <iostream>

#include "runtime/review/statistics.h"
#include "tools/travet/command.h"
#include "tools/travet/time_bound.h"

namespace travet::cli {
namespace {

std::string Percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

void PrintTable(const Value& rows) {
  std::cout << std::left << std::setw(14) << "QUEUE" << std::setw(16) << "FIELD" << std::right
            << std::setw(8) << "DECIDED" << std::setw(9) << "CHANGED" << std::setw(9) << "SAMPLED"
            << std::setw(9) << "WRONG" << std::setw(8) << "ERROR"
            << "  95% CI\n";
  for (const Value& row : rows) {
    const Value& sampled = row["sampled"];
    std::cout << std::left << std::setw(14) << row["queue"].get<std::string>() << std::setw(16)
              << row["field"].get<std::string>() << std::right << std::setw(8)
              << row["decided"].get<long long>() << std::setw(9) << row["changed"].get<long long>()
              << std::setw(9) << sampled["decided"].get<long long>() << std::setw(9)
              << sampled["changed"].get<long long>();
    if (sampled["error_rate"].is_null()) {
      std::cout << std::setw(8) << "-"
                << "  -\n";
      continue;
    }
    std::cout << std::setw(8) << Percent(sampled["error_rate"].get<double>()) << "  "
              << Percent(sampled["ci95"][0].get<double>()) << " - "
              << Percent(sampled["ci95"][1].get<double>()) << "\n";
  }
}

}  // namespace

int ReviewStatsCommand(store::Store& store, const StatsArgs& args) {
  store::StatsFilter filter;
  if (!args.queue.empty())
    filter.queue = args.queue;
  if (!args.since.empty()) {
    std::optional<std::string> since = StoreTimeBound(args.since, Bound::kFrom);
    if (!since) {
      std::cerr << "travet review stats: --since '" << args.since
                << "' is not a date: " << kTimeBoundHint << "\n";
      return kExitInvalid;
    }
    filter.since = *since;
  }
  Result<std::vector<store::FieldStats>> stats = store.ReviewStats(filter);
  if (!stats) {
    std::cerr << "travet review stats: " << stats.error().message() << "\n";
    return kExitFailed;
  }
  Value rows = Value::array();
  for (const store::FieldStats& s : *stats)
    rows.push_back(review::FieldStatsJson(s));
  if (args.json)
    std::cout << rows.dump(2) << "\n";
  else if (rows.empty())
    std::cout << "no decided tasks\n";
  else
    PrintTable(rows);
  return kExitOk;
}

}  // namespace travet::cli
