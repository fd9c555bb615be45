#pragma once

#include <functional>
#include <optional>

#include "runtime/server/route.h"
#include "runtime/server/server_context.h"

namespace travet::server {

// Who sent a request, from its session cookie or bearer token: nullopt when
// it carries neither; an error when it carries one that is not valid
// (expired session, unknown token).
using Authenticate = std::function<Result<std::optional<Caller>>(const ApiRequest&)>;

// Answers requests from a table of routes: finds the route (404, 405 with
// Allow), checks who may call it (401, 403), that a state-changing request
// made with a session cookie carries the session's CSRF token (403), that a
// route which needs If-Match has it (428), calls
// the handler, and gives every answer the request's id (X-Request-Id) and a
// line in the metrics. A handler that throws answers 500; the server goes on.
// A GET or HEAD of a path no route has, outside /api/, is a file of the web
// page when the context has a page folder (static_files.h).
class Dispatcher {
 public:
  Dispatcher(std::span<const Route> routes, ServerContext& context, Authenticate authenticate)
      : routes_(routes), context_(context), authenticate_(std::move(authenticate)) {}

  // `request` without params, caller and (when the client sent none usable)
  // request id: Handle fills them in.
  ApiResponse Handle(ApiRequest& request) const;

  // The answer to a request beyond the server's limit of requests in
  // flight: 429 (problem "overloaded") with Retry-After: 1 and the request's
  // id, counted in the metrics under its route. Neither the handler nor the
  // caller's check runs: it costs no store query.
  ApiResponse Overloaded(ApiRequest& request) const;

 private:
  ApiResponse Answer(ApiRequest& request, std::string& route_name) const;
  bool ReadsOnly(const std::string& method, const std::string& path) const;
  ApiResponse Failed(const ApiRequest& request, const std::string& what) const;
  std::optional<ApiResponse> Admit(const Route& route, ApiRequest& request) const;

  std::span<const Route> routes_;
  ServerContext& context_;
  Authenticate authenticate_;
};

// The client's X-Request-Id when it is short and plain (letters, digits,
// '-', '_', '.'), else a new random one: it goes into the answer and the
// log line, so a user's report can be matched to the server's log.
std::string RequestIdFor(const ApiRequest& request);

}  // namespace travet::server
