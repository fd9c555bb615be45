// Sign in and out: POST, GET and DELETE /api/v1/session; a signed-in
// user's own password: PUT /api/v1/session/password.
#include "runtime/auth/accounts.h"
#include "runtime/auth/passwords.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/sign_in.h"

namespace travet::server {
namespace {

// The session cookie: out of reach of scripts, never sent by another site's
// page, for the whole server; Secure when the client reached us over TLS
// (a reverse proxy that terminates it says so in X-Forwarded-Proto).
std::string SessionCookie(const ApiRequest& request, const std::string& value, bool expire) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/";
  if (expire) {
    cookie += "; Max-Age=0";
  }
  if (request.Header("x-forwarded-proto") == "https") {
    cookie += "; Secure";
  }
  return cookie;
}

Value CallerJson(const Caller& caller) {
  return {{"user", caller.user},
          {"role", std::string(RoleName(caller.role))},
          {"queues", caller.queues}};
}

}  // namespace

ApiResponse SignIn(const ApiRequest& request, ServerContext& context) {
  if (context.sessions == nullptr) {
    return Problem(501, "not-implemented", "This server has no sign-in");
  }
  const Value body = BodyJson(request.body);
  if (!body.is_object() || !body.value("user", Value()).is_string() ||
      !body.value("password", Value()).is_string()) {
    return Problem(400, "invalid-input", "The request is not valid",
                   R"(the body must be {"user": "...", "password": "..."})");
  }
  auth::LoginResult login = context.sessions->Login(
      body["user"].get<std::string>(), body["password"].get<std::string>(), request.remote_address);
  if (!login.grant) {
    if (login.retry_after.count() > 0) {
      ApiResponse r = Problem(429, "too-many-attempts", "Too many failed sign-ins",
                              login.grant.error().message());
      r.headers.emplace_back("Retry-After", std::to_string(login.retry_after.count()));
      return r;
    }
    if (login.grant.error().code() == StatusCode::kPermissionDenied) {
      return Problem(401, "unauthenticated", "Wrong user name or password");
    }
    return ProblemOf(login.grant.error());
  }
  auto identity = context.sessions->Authenticate(login.grant->session_id);
  if (!identity) {
    return ProblemOf(identity.error());
  }
  Value answer = CallerJson(
      {identity->user.name, AccessOf(identity->user.role), identity->user.queues, true, ""});
  answer["csrf_token"] = login.grant->csrf_token;
  ApiResponse r = JsonResponse(200, answer);
  r.headers.emplace_back("Set-Cookie", SessionCookie(request, login.grant->session_id, false));
  return r;
}

// A session's CSRF token is in the answer too: a page loaded again (a new
// tab, a reload) has lost the one given at sign-in, and no other site's page
// can read this answer (no CORS), so it gives the token to no one else.
ApiResponse ShowSession(const ApiRequest& request, ServerContext&) {
  Value answer = CallerJson(request.caller);
  if (request.caller.by_cookie) {
    answer["csrf_token"] = request.caller.csrf_token;
  }
  return JsonResponse(200, answer);
}

ApiResponse SignOut(const ApiRequest& request, ServerContext& context) {
  const std::string session = CookieValue(request.Header("cookie"), kSessionCookie);
  if (context.sessions != nullptr && !session.empty()) {
    if (const Status s = context.sessions->Logout(session); !s.ok()) {
      return ProblemOf(s);
    }
  }
  ApiResponse r{204, "application/json", "", {}};
  r.headers.emplace_back("Set-Cookie", SessionCookie(request, "", true));
  return r;
}

// The current password confirms the change: a session left open on another
// person's screen must not be enough to take the account. Checked as a
// sign-in is (throttled, failures counted). Every session of the user ends,
// this one too (as `travet users passwd`): the caller signs in again.
ApiResponse ChangeOwnPassword(const ApiRequest& request, ServerContext& context) {
  if (context.sessions == nullptr) {
    return Problem(501, "not-implemented", "This server has no sign-in");
  }
  const Value body = BodyJson(request.body);
  if (!body.is_object() || !body.value("current_password", Value()).is_string() ||
      !body.value("new_password", Value()).is_string()) {
    return Problem(400, "invalid-input", "The request is not valid",
                   R"(the body must be {"current_password": "...", "new_password": "..."})");
  }
  const std::string fresh = body["new_password"].get<std::string>();
  if (const Status acceptable = auth::CheckNewPassword(fresh); !acceptable.ok()) {
    return Problem(422, "invalid-value", "A value is not acceptable", acceptable.message());
  }
  const auth::PasswordCheck check = context.sessions->CheckPassword(
      request.caller.user, body["current_password"].get<std::string>(), request.remote_address);
  if (check.retry_after.count() > 0) {
    ApiResponse r =
        Problem(429, "too-many-attempts", "Too many wrong passwords", check.status.message());
    r.headers.emplace_back("Retry-After", std::to_string(check.retry_after.count()));
    return r;
  }
  if (check.status.code() == StatusCode::kPermissionDenied) {
    return Problem(403, "forbidden", "The current password is wrong");
  }
  if (!check.status.ok()) {
    return ProblemOf(check.status);
  }
  if (const Status set = auth::ChangePassword(context.store, request.caller.user, fresh);
      !set.ok()) {
    return ProblemOf(set);
  }
  ApiResponse r{204, "application/json", "", {}};
  if (request.caller.by_cookie) {
    r.headers.emplace_back("Set-Cookie", SessionCookie(request, "", true));
  }
  return r;
}

}  // namespace travet::server
