#pragma once

#include <map>
#include <string>

#include "runtime/store/kpi_facts.h"

namespace travet::kpi {

// The `kpi.manual_minutes` of each bot of `facts` that says it, by bot name,
// read now from the bot file recorded with the bot's newest run in `facts`
// (the file later runs of the bot would load). A bot whose file is gone or
// no longer validates, or says nothing, is left out: its hours saved are
// unknown. The CLI and the server both use this, so they agree.
std::map<std::string, double> ManualMinutesOf(const store::KpiFacts& facts);

}  // namespace travet::kpi
