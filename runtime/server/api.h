#pragma once

// The server's view of one HTTP exchange, free of any HTTP library: what a
// route's handler reads and what it answers.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/status.h"
#include "runtime/core/value.h"

namespace travet::server {

// Who may call a route: a set of roles, or anyone (health, login, metrics).
enum Access : unsigned {
  kAnyone = 0,
  kOperator = 1u << 0,
  kDeveloper = 1u << 1,
  kAdmin = 1u << 2,
  kSignedIn = kOperator | kDeveloper | kAdmin,
};

// The caller, once authenticated; `role` is one of kOperator, kDeveloper,
// kAdmin (kAnyone when nobody signed in).
struct Caller {
  std::string user;
  Access role = kAnyone;
  std::vector<std::string> queues;  // the review queues an operator works
  bool by_cookie = false;           // a session cookie (needs the CSRF token to change state)
  std::string csrf_token;           // the session's, when by_cookie
};

// "operator", "developer", "admin", or "anyone".
std::string_view RoleName(Access role);

struct ApiRequest {
  std::string method;                         // "GET", "POST", ...
  std::string path;                           // "/api/v1/runs/r-1", without the query
  std::map<std::string, std::string> params;  // the route's {names} in the path
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string request_id;
  std::string remote_address;
  Caller caller;

  // The header `name` (lower-case), or "".
  std::string Header(const std::string& name) const;
  // The first query parameter `name`, or `fallback`.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The query parameter `name` of `request` as a whole number from 1 to
// `most`, or `fallback` when it is absent; kInvalidArgument "limit: must be a
// number from 1 to 500".
Result<int> QueryCount(const ApiRequest& request, const std::string& name, int fallback, int most);

// The JSON of a request body: an empty object when the body is empty; a
// discarded value (not an object, so every handler refuses it with a 400)
// when it is not JSON or nests deeper than kMaxJsonDepth, which is refused
// before parsing: the parser recurses, and 8 MiB of '[' would end the server.
Value BodyJson(std::string_view body);

// `value` as JSON with `status`.
ApiResponse JsonResponse(int status, const Value& value);

// An RFC 9457 problem (application/problem+json). `type` is a short stable
// slug ("not-found", "invalid-input"); it becomes the problem's type URI
// "urn:travet:problem:<type>", which clients may switch on.
ApiResponse Problem(int status, std::string_view type, std::string_view title,
                    std::string_view detail = "");

// The problem for an error a library returned: its code chooses the status
// and type (kNotFound: 404 not-found, kInvalidArgument: 400 invalid-input,
// kFailedPrecondition: 409 conflict, ...), its message is the detail.
ApiResponse ProblemOf(const Status& error);

}  // namespace travet::server
