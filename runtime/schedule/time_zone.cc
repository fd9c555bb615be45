#include "runtime/schedule/internal/time_zone.h"

#include <exception>

namespace travet::schedule {

Result<const date::time_zone*> FindZone(const std::string& name) {
  // date/tz throws for a name it does not know and for zone data it cannot
  // read; a zone reads its data on first use, so that happens here too.
  try {
    const date::time_zone* zone = date::locate_zone(name);
    (void)zone->get_info(date::sys_seconds{});
    return zone;
  } catch (const std::exception& e) {
    return InvalidArgument("unknown time zone '" + name + "' (" + e.what() + ")");
  }
}

}  // namespace travet::schedule
