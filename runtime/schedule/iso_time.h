#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::schedule {

// An instant as the clocks of a time zone show it.
struct LocalTime {
  std::chrono::local_seconds time;  // the date and time on the wall
  std::chrono::seconds offset{0};   // from UTC: +02:00 in Rome in summer
};

// `instant` in `timezone` (an IANA name: Europe/Rome). InvalidArgument for
// a zone the system's time zone database does not have.
Result<LocalTime> ToLocalTime(std::chrono::sys_seconds instant, const std::string& timezone);

// ISO 8601 with the offset, always written out: "2026-03-30T08:00:00+02:00",
// "2026-01-05T13:00:00+00:00".
std::string FormatIso(const LocalTime& time);

// Reads an ISO 8601 instant with an offset or Z: "2026-03-28T12:00:00+01:00",
// "2026-03-28T11:00Z", "2026-03-28T11:00:00.250Z" (fractions of a second are
// dropped), "...+0100". A time without an offset names no instant and is
// refused. InvalidArgument that quotes the text and shows the form.
Result<std::chrono::sys_seconds> ParseIsoInstant(std::string_view text);

}  // namespace travet::schedule
