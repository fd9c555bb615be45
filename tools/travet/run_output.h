#pragma once

#include "runtime/engine/run_log.h"
#include "runtime/engine/runner.h"

namespace travet::cli {

// Log lines on stderr: warnings, errors and `log` lines always; the step by
// step progress only when stderr is a terminal. `quiet` keeps only warnings
// and errors.
engine::RunLog::Sink StderrSink(bool quiet);

// Prints how a run ended (text or JSON on stdout) and returns the exit
// status: 0 succeeded, 3 waiting for review, 1 otherwise.
int PrintOutcome(const engine::RunOutcome& outcome, bool json);

}  // namespace travet::cli
