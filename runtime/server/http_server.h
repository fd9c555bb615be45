#pragma once

// The HTTP side of the server: the only user of cpp-httplib. It turns each
// request into an ApiRequest for the Dispatcher and its answer back.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/server/dispatch.h"

namespace travet::server {

struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
};

// "HOST:PORT", ":PORT" (127.0.0.1) or "[::1]:PORT". Errors name the text.
Result<ListenAddress> ParseListen(std::string_view text);

// One line per answered request: "<id> GET /api/v1/runs 200 3.1ms".
using RequestLog = std::function<void(const std::string& line)>;

// How much work the HTTP side takes on at once, and whom it believes.
struct HttpSettings {
  // Requests whose handlers run at once. One more is answered at once with
  // Dispatcher::Overloaded (429, Retry-After: 1), without running its
  // handler; /healthz and /metrics are always answered and do not count.
  // 0: DefaultMaxInflight().
  int max_inflight = 0;
  // Addresses of reverse proxies whose X-Forwarded-For names the client
  // (ClientAddress); from any other peer the header is ignored.
  std::vector<std::string> trusted_proxies;
};

// The default limit of requests in flight: 64, or cpp-httplib's default pool
// size (the cores less one, at least 8) where that is more.
int DefaultMaxInflight();

// Threads beyond the limit of requests in flight: they answer /healthz,
// /metrics and the 429s while every handler is busy.
inline constexpr int kSpareHttpThreads = 4;

class HttpServer {
 public:
  // Answers with a pool of `settings.max_inflight` + kSpareHttpThreads threads.
  HttpServer(const Dispatcher& dispatcher, const RequestLog& log, HttpSettings settings = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `address`; returns the port bound (the one picked for port 0).
  Result<int> Bind(const ListenAddress& address);
  // Answers requests until Stop; call after Bind.
  void Serve();
  // Stops accepting and returns Serve once the requests being answered are.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace travet::server
