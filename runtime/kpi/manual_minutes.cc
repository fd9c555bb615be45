#include "runtime/kpi/manual_minutes.h"

#include "runtime/actions/bot_loading.h"

namespace travet::kpi {

std::map<std::string, double> ManualMinutesOf(const store::KpiFacts& facts) {
  // Runs come oldest first: the last file seen for a bot is its newest run's.
  std::map<std::string, std::string> files;
  for (const store::KpiRun& run : facts.runs) {
    if (!run.bot_file.empty())
      files[run.bot] = run.bot_file;
  }
  std::map<std::string, double> minutes;
  for (const auto& [bot, file] : files) {
    lang::LoadResult loaded = actions::LoadBot(file);
    if (loaded.ok() && loaded.bot->name == bot && loaded.bot->kpi.manual_minutes)
      minutes[bot] = *loaded.bot->kpi.manual_minutes;
  }
  return minutes;
}

}  // namespace travet::kpi
