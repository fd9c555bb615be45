#pragma once

#include <atomic>

namespace travet::cli {

// The flags the long-running commands (worker, serve) watch, set by signal
// handlers (lock-free atomics, so a handler may store them): SIGTERM and
// SIGINT set `stop`, SIGHUP sets `reload`. Broken pipes are ignored: a
// client that hangs up is that request's problem only.
struct StopSignals {
  std::atomic<bool> stop{false};
  std::atomic<bool> reload{false};
};

// The process's flags, with the handlers installed; SIGHUP only with
// `reload_on_hangup` (else it ends the process as by default).
StopSignals& InstallStopSignals(bool reload_on_hangup = false);

}  // namespace travet::cli
