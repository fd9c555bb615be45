#pragma once

// The server of the server benchmark: `travet serve` as a library
// (server::Serve) on a free port of 127.0.0.1, over a SQLite store and a
// bots folder in a temporary folder, with the real sign-in (API tokens of
// users in the store).

#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "runtime/engine/worker.h"
#include "runtime/store/store.h"

namespace travet::bench {

// A bot file of the bots folder: name and YAML text.
using BotFile = std::pair<std::string, std::string>;

struct BenchServerSettings {
  // As `travet serve` runs by default: 2 workers polling every 2 s when idle.
  int workers = 2;
  Millis poll = engine::WorkerOptions{}.poll;
  int max_inflight = 0;  // 0: as many as cpp-httplib's default thread pool has threads
  // Each line the server logs (requests, fires); called from its threads.
  std::function<void(const std::string& line)> log;
};

class BenchServer {
 public:
  // Names the folder travet-serve-bench-<name>-<pid> under the temp dir.
  explicit BenchServer(const std::string& name);
  // Stops the server as SIGTERM does and removes the folder.
  ~BenchServer();
  BenchServer(const BenchServer&) = delete;
  BenchServer& operator=(const BenchServer&) = delete;

  // Writes `bots` under bots/ and opens the store. Errors: the folder or the
  // store cannot be made.
  Status Open(const std::vector<BotFile>& bots);
  // Adds `user` to the store with an API token and returns the token; the
  // user has no password that works (it signs in with the token only).
  Result<std::string> AddUser(const store::User& user);
  // Starts the server and returns once it listens. Errors: as Serve's.
  Status Start(const BenchServerSettings& settings);

  store::Store& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string StoreUrl() const;
  // A keep-alive client of the server (one connection; not thread-safe).
  std::unique_ptr<httplib::Client> Client() const;

 private:
  void Stop();

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::atomic<bool> stop_{false};
  std::promise<Status> started_;
  std::thread thread_;
  int port_ = 0;
};

// "Bearer <token>", and If-Match when given.
httplib::Headers BearerHeaders(const std::string& token, const std::string& if_match = "");

}  // namespace travet::bench
