#include "runtime/server/dispatch.h"

#include <chrono>
#include <exception>
#include <random>

#include "runtime/auth/tokens.h"
#include "runtime/server/static_files.h"

namespace travet::server {
namespace {

constexpr size_t kLongestRequestId = 64;

bool ChangesState(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string NewRequestId() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 16; ++i) {
    id += kHex[random() % 16];
  }
  return id;
}

}  // namespace

std::string RequestIdFor(const ApiRequest& request) {
  const std::string given = request.Header("x-request-id");
  const bool plain = !given.empty() && given.size() <= kLongestRequestId &&
                     given.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789-_.") == std::string::npos;
  return plain ? given : NewRequestId();
}

std::optional<ApiResponse> Dispatcher::Admit(const Route& route, ApiRequest& request) const {
  if (route.access == kAnyone) {
    return std::nullopt;
  }
  auto caller =
      authenticate_ ? authenticate_(request) : Result<std::optional<Caller>>(std::nullopt);
  if (!caller) {
    return Problem(401, "unauthenticated", "Sign in again", caller.error().message());
  }
  if (!caller->has_value()) {
    ApiResponse r = Problem(401, "unauthenticated", "Sign in first",
                            "this needs a session cookie or an API token (Authorization: Bearer)");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  request.caller = std::move(**caller);
  if ((route.access & request.caller.role) == 0) {
    return Problem(403, "forbidden", "Not allowed",
                   "your role (" + std::string(RoleName(request.caller.role)) + ") may not call " +
                       route.method + " " + route.path);
  }
  if (request.caller.by_cookie && ChangesState(route.method) &&
      !auth::SameSecret(request.Header("x-csrf-token"), request.caller.csrf_token)) {
    return Problem(403, "csrf", "Missing or wrong CSRF token",
                   "a request made with a session cookie that changes something must carry the "
                   "token given at sign-in in X-CSRF-Token");
  }
  return std::nullopt;
}

ApiResponse Dispatcher::Answer(ApiRequest& request, std::string& route_name) const {
  RouteMatch match = FindRoute(routes_, request.method, request.path);
  if (match.route == nullptr) {
    const bool reads = request.method == "GET" || request.method == "HEAD";
    if (!match.path_known && reads && !context_.web_dir.empty() && IsPagePath(request.path)) {
      route_name = "web";  // one line in the metrics for all of the web page's files
      return PageFileAnswer(context_.web_dir, request);
    }
    if (!match.path_known) {
      return Problem(404, "not-found", "No such resource", request.method + " " + request.path);
    }
    ApiResponse r = Problem(405, "method-not-allowed", "Method not allowed",
                            request.method + " " + request.path + "; allowed: " + match.allowed);
    r.headers.emplace_back("Allow", match.allowed);
    return r;
  }
  route_name = match.route->path;
  request.params = std::move(match.params);
  if (auto refused = Admit(*match.route, request)) {
    return *refused;
  }
  if (match.route->needs_if_match && request.Header("if-match").empty()) {
    return Problem(428, "precondition-required", "If-Match is required",
                   request.method + " " + request.path +
                       " changes a resource only with If-Match: the ETag it was read with");
  }
  return match.route->handler(request, context_);
}

// What was thrown may quote the request: the client gets the request's id to
// report, the server's log the text.
ApiResponse Dispatcher::Failed(const ApiRequest& request, const std::string& what) const {
  if (context_.log) {
    context_.log(request.request_id + " " + request.method + " " + request.path + ": " + what);
  }
  return Problem(500, "internal", "Internal error",
                 "the request " + request.request_id + " failed; the server's log says why");
}

// A POST that changes nothing (a check, a reading) wakes no worker: the
// validation view checks a field at every key pressed.
bool Dispatcher::ReadsOnly(const std::string& method, const std::string& path) const {
  const RouteMatch match = FindRoute(routes_, method, path);
  return match.route != nullptr && match.route->reads_only;
}

ApiResponse Dispatcher::Handle(ApiRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  request.request_id = RequestIdFor(request);
  std::string route_name = "unmatched";
  ApiResponse response;
  try {
    response = Answer(request, route_name);
  } catch (const std::exception& e) {
    response = Failed(request, e.what());
  } catch (...) {
    response = Failed(request, "an unknown exception");
  }
  response.headers.emplace_back("X-Request-Id", request.request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  context_.metrics.CountRequest(route_name, request.method, response.status, seconds);
  const bool changed = request.method != "GET" && request.method != "HEAD" &&
                       response.status >= 200 && response.status < 300 &&
                       !ReadsOnly(request.method, request.path);
  if (changed && context_.work != nullptr) {
    context_.work->Notify();
  }
  return response;
}

ApiResponse Dispatcher::Overloaded(ApiRequest& request) const {
  const auto start = std::chrono::steady_clock::now();
  request.request_id = RequestIdFor(request);
  const RouteMatch match = FindRoute(routes_, request.method, request.path);
  ApiResponse response = Problem(429, "overloaded", "Too many requests",
                                 "the server is answering as many requests as it takes at once; "
                                 "try again after Retry-After seconds");
  response.headers.emplace_back("Retry-After", "1");
  response.headers.emplace_back("X-Request-Id", request.request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  context_.metrics.CountRequest(match.route ? match.route->path : "unmatched", request.method,
                                response.status, seconds);
  return response;
}

}  // namespace travet::server
