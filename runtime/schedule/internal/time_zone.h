#pragma once

// Names date/tz types: only runtime/schedule's .cc files include it.

#include <date/tz.h>

#include <string>

#include "runtime/core/result.h"

namespace travet::schedule {

// The zone called `name` (an IANA name: Europe/Rome) in the system's time
// zone database (/usr/share/zoneinfo), its data loaded. InvalidArgument
// "unknown time zone 'NAME'" when the database has no such zone. The zone
// lives as long as the program. Thread-safe.
Result<const date::time_zone*> FindZone(const std::string& name);

}  // namespace travet::schedule
