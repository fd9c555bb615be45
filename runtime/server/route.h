#pragma once

// One table of routes serves the requests, checks who may call them and
// writes the OpenAPI document (openapi.h): a route cannot be served without
// being described, nor described without being served.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "runtime/server/api.h"

namespace travet::server {

struct ServerContext;

using Handler = ApiResponse (*)(const ApiRequest&, ServerContext&);

struct Route {
  const char* method;   // "GET", "POST", "DELETE"
  const char* path;     // "/api/v1/runs/{id}": {name} matches one segment
  unsigned access;      // Access bits: who may call it (kAnyone: no sign-in)
  const char* tag;      // its group in the OpenAPI document: "runs", "bots"
  const char* summary;  // one line for the OpenAPI document
  Handler handler;
  int success = 200;        // the status of a successful answer
  bool takes_body = false;  // reads a JSON body
  // Changes a resource only when `If-Match` names its current ETag: the
  // dispatcher answers 428 without the header, the handler 412 on a stale one.
  bool needs_if_match = false;
  // A POST that changes nothing (a check, a reading): the dispatcher wakes
  // no idle worker after it, as it does after any other change.
  bool reads_only = false;
};

// The route for `method` and `path`, with the path's {names} filled in.
struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;  // some route has this path (with another method: 405)
  std::string allowed;      // then the methods it has, "GET, POST"
};
RouteMatch FindRoute(std::span<const Route> routes, std::string_view method, std::string_view path);

// The names of a route path's parameters, in order: "/a/{x}/b/{y}" -> x, y.
std::vector<std::string> PathParameters(std::string_view path);

}  // namespace travet::server
