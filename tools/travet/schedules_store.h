#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace travet::cli {

// Adds `list`, `pause` and `resume` to `travet schedules` (`cmd`): the
// schedules as a store and a bots folder hold them, through the functions
// the server's schedules API uses. Returns the function that runs the verb
// chosen among them (call it only when one of them was).
std::function<int()> SetupScheduleStore(CLI::App& cmd);

}  // namespace travet::cli
