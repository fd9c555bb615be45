#pragma once

// The HTTP side of the server: the only user of cpp-httplib. It turns each
// request into an ApiRequest for the Dispatcher and its answer back.

#include <functional>
#include <memory>
#include <string>

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

class HttpServer {
 public:
  HttpServer(const Dispatcher& dispatcher, const RequestLog& log);
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
