// The `kpi:` map of a bot: what the KPI figures need to know of the bot.
#include <cmath>

#include "runtime/lang/bot_reader.h"

namespace travet::lang {

void BotReader::ReadKpi(const YamlNode& node, Bot& bot) {
  if (!ExpectMap(node, "'kpi'"))
    return;
  CheckKeys(node, {"manual_minutes"}, "'kpi'");
  const YamlNode* minutes = FindKey(node, "manual_minutes");
  if (!minutes)
    return;
  Value v = ToValue(*minutes);
  // A quoted "15" is text: YAML's typing decides, as for every number here.
  if (!minutes->quoted && v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() > 0) {
    bot.kpi.manual_minutes = v.get<double>();
    return;
  }
  std::string given =
      minutes->is_scalar() ? "'" + minutes->scalar.substr(0, 64) + "'" : minutes->Describe();
  Error(minutes->loc,
        "'kpi.manual_minutes' must be a positive number of minutes (e.g. 15), not " + given);
}

}  // namespace travet::lang
