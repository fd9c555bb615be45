#pragma once

// What the engine tells a watcher about each action step it ran: the server
// measures steps and OCR for /metrics from it, without the engine knowing of
// the server.

#include <functional>
#include <string>

namespace travet::engine {

struct StepObservation {
  std::string action;   // the step's `uses`: "http.request", "ocr.extract"
  double seconds = 0;   // from its start to its end, retries included
  long long pages = 0;  // for an ocr.* step that succeeded: the pages it read
};

// Called on the thread that ran the step once the step ended (succeeded,
// failed or waiting for a review); a step restored from a checkpoint did not
// run and is not observed. Several workers, or the executors of a loop with
// `concurrency:`, call it at once: it must be thread-safe.
using StepObserver = std::function<void(const StepObservation&)>;

}  // namespace travet::engine
