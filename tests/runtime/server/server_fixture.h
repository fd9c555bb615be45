#pragma once

// A Travet server started in the test's process on a free port of
// 127.0.0.1, with a bots folder and a SQLite store in a temporary folder,
// and an HTTP client to talk to it.

#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "runtime/server/serve.h"
#include "runtime/store/store.h"
#include "tests/fakes/temp_dir.h"

namespace travet::server::testing {

// A bot that sets one value from its input: runs in milliseconds.
inline constexpr char kEchoBot[] = R"(bot: echo
inputs:
  name: { type: string, default: world }
steps:
  - id: greet
    uses: set
    with: { greeting: "hello ${{ inputs.name }}" }
)";

// A bot of work items, one per name, with a trigger of each kind that never
// fires by itself: item "b" fails the first time the run is executed
// (attempt 1), and its cause is gone by the time someone retries it.
inline constexpr char kBatchBot[] = R"(bot: batch
inputs:
  names: { type: list, default: [a, b, c] }
triggers:
  - cron: "0 8 31 2 *"
  - webhook: true
steps:
  - id: each
    foreach: "${{ inputs.names }}"
    as: name
    items: true
    key: "${{ name }}"
    steps:
      - uses: fail
        if: "${{ name == 'b' and run.attempt < 2 }}"
        with: { message: "${{ name }} is not ready" }
  - id: report
    uses: set
    with: { failed: "${{ steps.each.failed }}" }
)";

// The body of an answer as JSON (discarded when it is not; null when there
// was no answer).
inline Value JsonOf(const httplib::Result& r) {
  return r ? Value::parse(r->body, nullptr, false) : Value();
}

// Who calls, without users in the store: "Bearer as-operator" is an
// operator, and so on; "Bearer stale" is refused; a
// "travet_session=as-developer" cookie is a developer signed in by cookie
// whose CSRF token is "good-csrf".
Result<std::optional<Caller>> StandInAuthenticate(const ApiRequest& request);
// The headers of a caller with `role` ("operator", "developer", "admin") for
// StandInAuthenticate.
httplib::Headers As(const std::string& role);

struct ServerSetup {
  std::vector<std::pair<std::string, std::string>> bots = {{"echo.yaml", kEchoBot}};
  Authenticate authenticate;
  int workers = 1;
  std::vector<std::string> trusted_proxies;
  // Shows review pages and reads boxes (ServeOptions::pages); null: none.
  ocr::PageViewer* pages = nullptr;
  std::filesystem::path web_dir;  // the web page's folder; empty: none
};

class ServerFixture {
 public:
  // Writes the bots under bots/, opens the store and starts the server;
  // returns once it listens.
  explicit ServerFixture(ServerSetup setup);
  // Stops it as SIGTERM does and waits for it.
  ~ServerFixture();
  ServerFixture(const ServerFixture&) = delete;
  ServerFixture& operator=(const ServerFixture&) = delete;

  httplib::Client Client() const;
  store::Store& store() { return *store_; }
  const travet::testing::TempDir& dir() const { return dir_; }
  // Asks the server to read its bots folder again, as SIGHUP does.
  void Reload() { reload_ = true; }

 private:
  travet::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> reload_{false};
  std::promise<int> listening_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace travet::server::testing
