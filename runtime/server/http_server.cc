#include "runtime/server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <span>

#include "runtime/server/client_address.h"

namespace travet::server {
namespace {

// A request body larger than this is refused (413): bot texts, inputs and
// decisions are kilobytes.
constexpr size_t kMaxBody = 8u << 20;
constexpr time_t kReadTimeoutSeconds = 30;

ApiRequest ToApi(const httplib::Request& req, std::span<const std::string> trusted_proxies) {
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [name, value] : req.params) {
    request.query.emplace(name, value);
  }
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers.emplace(std::move(lower), value);
  }
  request.body = req.body;
  request.remote_address =
      ClientAddress(req.remote_addr, request.Header("x-forwarded-for"), trusted_proxies);
  return request;
}

void FromApi(const ApiResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) {
    res.set_header(name, value);
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  // The API's answers are never cached; the web page's files say how they may be.
  if (!res.has_header("Cache-Control")) {
    res.set_header("Cache-Control", "no-store");
  }
  res.set_content(response.body, response.content_type.c_str());
}

// A place among the requests whose handlers run, held while it lives;
// none is taken when all are (held() false).
class InflightSlot {
 public:
  InflightSlot(std::atomic<int>& inflight, int most) : inflight_(inflight) {
    int now = inflight_.load();
    while (now < most && !inflight_.compare_exchange_weak(now, now + 1)) {
    }
    held_ = now < most;
  }
  ~InflightSlot() {
    if (held_) {
      inflight_.fetch_sub(1);
    }
  }
  InflightSlot(const InflightSlot&) = delete;
  InflightSlot& operator=(const InflightSlot&) = delete;
  bool held() const { return held_; }

 private:
  std::atomic<int>& inflight_;
  bool held_ = false;
};

// Answered whatever the load: a monitoring system must see a busy server
// as alive and busy, not as down.
bool AlwaysAnswered(const std::string& path) {
  return path == "/healthz" || path == "/metrics";
}

std::string MillisText(std::chrono::steady_clock::duration d) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1fms", std::chrono::duration<double, std::milli>(d).count());
  return text;
}

}  // namespace

Result<ListenAddress> ParseListen(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return InvalidArgument("--listen '" + std::string(text) +
                           "': expected HOST:PORT, e.g. 127.0.0.1:8080");
  }
  ListenAddress address;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty()) {
    address.host = std::string(host);
  }
  const std::string_view port = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (ec != std::errc() || end != port.data() + port.size() || address.port < 0 ||
      address.port > 65535) {
    return InvalidArgument("--listen '" + std::string(text) + "': the port must be 0 to 65535");
  }
  return address;
}

// cpp-httplib gives each connection a pool thread for as long as it is kept
// alive, so the limit is also how many clients are served at once: 64 lets
// an office of operators and a few API clients in without a 429 (50 clients
// on this limit: none refused; on the pool's own default of 8: 76% of their
// requests were, serve_bench). The handlers mostly wait on the store.
int DefaultMaxInflight() {
  constexpr int kClientsAtOnce = 64;
  return std::max(kClientsAtOnce, static_cast<int>(CPPHTTPLIB_THREAD_POOL_COUNT));
}

struct HttpServer::Impl {
  httplib::Server http;
  std::atomic<int> inflight{0};
  int max_inflight = 0;
  std::vector<std::string> trusted_proxies;
};

HttpServer::HttpServer(const Dispatcher& dispatcher, const RequestLog& log, HttpSettings settings)
    : impl_(std::make_unique<Impl>()) {
  impl_->max_inflight = settings.max_inflight > 0 ? settings.max_inflight : DefaultMaxInflight();
  impl_->trusted_proxies = std::move(settings.trusted_proxies);
  const size_t threads =
      static_cast<size_t>(impl_->max_inflight) + static_cast<size_t>(kSpareHttpThreads);
  impl_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->http.set_payload_max_length(kMaxBody);
  impl_->http.set_read_timeout(kReadTimeoutSeconds, 0);
  // An answer goes out as headers then body; with Nagle on, the body waits
  // for the client's delayed ACK: 40 ms on every small answer.
  impl_->http.set_tcp_nodelay(true);
  // Every method on every path goes to the dispatcher, which routes by its
  // own table (httplib's pre-routing handler would run before the body is read).
  auto answer = [&dispatcher, log, impl = impl_.get()](const httplib::Request& req,
                                                       httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    ApiRequest request = ToApi(req, impl->trusted_proxies);
    const bool counted = !AlwaysAnswered(request.path);
    const InflightSlot slot(impl->inflight, counted ? impl->max_inflight : 0);
    const ApiResponse response =
        slot.held() || !counted ? dispatcher.Handle(request) : dispatcher.Overloaded(request);
    FromApi(response, res);
    if (log) {
      log(request.request_id + " " + request.method + " " + request.path + " " +
          std::to_string(response.status) + " " +
          MillisText(std::chrono::steady_clock::now() - start));
    }
  };
  constexpr const char* kAnyPath = ".*";
  impl_->http.Get(kAnyPath, answer);
  impl_->http.Post(kAnyPath, answer);
  impl_->http.Put(kAnyPath, answer);
  impl_->http.Patch(kAnyPath, answer);
  impl_->http.Delete(kAnyPath, answer);
  impl_->http.Options(kAnyPath, answer);
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const ListenAddress& address) {
  const int port = address.port == 0
                       ? impl_->http.bind_to_any_port(address.host)
                       : (impl_->http.bind_to_port(address.host, address.port) ? address.port : -1);
  if (port < 0) {
    return Unavailable("cannot listen on " + address.host + ":" + std::to_string(address.port) +
                       " (in use, or not an address of this host)");
  }
  return port;
}

void HttpServer::Serve() {
  impl_->http.listen_after_bind();
}

void HttpServer::Stop() {
  impl_->http.stop();
}

}  // namespace travet::server
