#include "tools/travet/stop_signals.h"

#include <signal.h>

namespace travet::cli {
namespace {

StopSignals g_signals;

extern "C" void OnStopSignal(int) {
  g_signals.stop.store(true);
}

extern "C" void OnReloadSignal(int) {
  g_signals.reload.store(true);
}

void Install(int signal_number, void (*handler)(int)) {
  struct sigaction action = {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = handler;
  sigaction(signal_number, &action, nullptr);
}

}  // namespace

StopSignals& InstallStopSignals(bool reload_on_hangup) {
  Install(SIGTERM, OnStopSignal);
  Install(SIGINT, OnStopSignal);
  Install(SIGPIPE, SIG_IGN);
  if (reload_on_hangup) {
    Install(SIGHUP, OnReloadSignal);
  }
  return g_signals;
}

}  // namespace travet::cli
