#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace travet::testing {

// A raw HTTP server on a free port of 127.0.0.1, for backends a test writes
// itself: add routes to server(), then Start(); it serves on its own thread
// until destroyed. (Header-only: only the tests that use it link httplib.)
class LocalServer {
 public:
  LocalServer() = default;
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;
  ~LocalServer() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  httplib::Server& server() { return server_; }

  // Binds a free port and returns once the server accepts connections.
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace travet::testing
