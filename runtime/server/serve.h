#pragma once

// `travet serve` as a library: the bots of a folder, N workers, the HTTP
// API, until told to stop.

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "runtime/engine/worker.h"
#include "runtime/server/dispatch.h"
#include "runtime/server/http_server.h"

namespace travet::server {

struct ServeOptions {
  ListenAddress listen;
  std::filesystem::path bots_dir;
  int workers = 1;
  // The workers' settings (store, OCR reader, lease, poll, secrets); its
  // `stop` and `observe` are replaced by the server's.
  engine::WorkerOptions worker;
  // Shows review tasks' pages and reads boxes on them (ocr/recognise/
  // scan_viewer.h); null: those routes answer 501.
  ocr::PageViewer* pages = nullptr;
  // Requests whose handlers run at once; more are answered 429 with
  // Retry-After (HttpSettings). 0: DefaultMaxInflight().
  int max_inflight = 0;
  // Reverse proxies whose X-Forwarded-For is believed (HttpSettings).
  std::vector<std::string> trusted_proxies;
  // The folder of the operator's web page, served at / (static_files.h);
  // empty: no page, only the API.
  std::filesystem::path web_dir;
  // Who calls; default: session cookies and API tokens of the store's users
  // (SignedInCaller). Tests put a stand-in here.
  Authenticate authenticate;
  std::string version;
  // Set by SIGTERM/SIGINT: stop accepting, let the workers finish their
  // current steps and give their runs back (queued, for any worker), return.
  // Set by SIGHUP: read the bots folder again.
  const std::atomic<bool>* stop = nullptr;
  std::atomic<bool>* reload = nullptr;
  std::function<void(const std::string& line)> out;  // "listening on http://..."
  std::function<void(const std::string& line)> log;  // requests and problems
};

// Runs the server until `stop`. Errors: the bots folder cannot be read, the
// address cannot be bound; then nothing was started.
Status Serve(const ServeOptions& options);

}  // namespace travet::server
