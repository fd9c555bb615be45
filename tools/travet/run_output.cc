#include "tools/travet/run_output.h"

#include <unistd.h>

#include <iostream>

#include "runtime/core/line_escape.h"
#include "tools/travet/command.h"

namespace travet::cli {

// Log lines on stderr: warnings, errors and `log` lines always; the step by
// step progress only when stderr is a terminal. Control characters (a URL or a
// header name with CRLF in it) are escaped so that one line is one event.
engine::RunLog::Sink StderrSink(bool quiet) {
  bool tty = isatty(STDERR_FILENO);
  return [tty, quiet](LogLevel level, std::string_view path, std::string_view line) {
    if (quiet && level < LogLevel::kWarning)
      return;
    if (level == LogLevel::kDebug && !tty)
      return;
    std::cerr << "[" << LogLevelName(level) << "] "
              << (path.empty() ? "" : EscapeControls(path) + ": ") << EscapeControls(line) << "\n";
  };
}

int PrintOutcome(const engine::RunOutcome& outcome, bool json) {
  std::string state(store::RunStateName(outcome.state));
  if (json) {
    Value v = {{"run_id", outcome.run_id}, {"state", state}, {"steps_run", outcome.steps_run}};
    if (!outcome.waiting_for.empty())
      v["waiting_for"] = outcome.waiting_for;
    if (!outcome.outcome.empty())
      v["outcome"] = outcome.outcome;
    v["error"] = outcome.error.empty() ? Value() : Value(outcome.error);
    std::cout << v.dump(2) << "\n";
  } else {
    std::cout << "run " << outcome.run_id << " " << state;
    if (!outcome.error.empty())
      std::cout << ": " << EscapeControls(outcome.error);
    if (!outcome.outcome.empty())
      std::cout << " (stopped: " << outcome.outcome << ")";
    std::cout << "\n";
    if (outcome.state == store::RunState::kWaitingReview) {
      std::cout << "it is " << outcome.waiting_for << "\n"
                << "  see it:    travet review list\n"
                << "  decide:    travet review approve TASK [--set field=value]...\n"
                << "  continue:  travet runs resume " << outcome.run_id << "\n";
    }
  }
  switch (outcome.state) {
    case store::RunState::kSucceeded:
      return kExitOk;
    case store::RunState::kWaitingReview:
      return kExitWaitingReview;
    default:
      return kExitFailed;
  }
}

}  // namespace travet::cli
