#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "runtime/core/clock.h"
#include "runtime/core/result.h"
#include "runtime/store/store.h"

namespace travet::auth {

// The timeouts of sessions and the throttling of logins
// (docs/decisions.md, "Users and roles").
struct SessionOptions {
  Millis idle_timeout = std::chrono::minutes(30);    // unused this long, a session ends
  Millis absolute_timeout = std::chrono::hours(12);  // this long after login, it ends anyway
  Millis failure_window = std::chrono::minutes(15);  // failed logins count this long
  int failures_per_address = 5;  // of one user name from one address, in the window
  int failures_per_user = 20;    // of one user name from any address, in the window
};

// What a successful login hands the browser.
struct SessionGrant {
  std::string session_id;  // the cookie's value; the store keeps only its hash
  std::string csrf_token;  // to be sent back with every request that changes something
};

// The outcome of a login: the session, or why not. A refusal is
// kPermissionDenied "wrong user name or password" (the same whether the user
// does not exist, the password is wrong or the user is disabled) or, when
// throttled, kUnavailable "too many failed logins; try again in 42 s" with
// `retry_after` the same 42 s (for a Retry-After header).
struct [[nodiscard]] LoginResult {
  Result<SessionGrant> grant;
  std::chrono::seconds retry_after{0};
};

// The outcome of checking a user's password (Sessions::CheckPassword): Ok,
// or a refusal as Login words it, with `retry_after` when throttled.
struct [[nodiscard]] PasswordCheck {
  Status status;
  std::chrono::seconds retry_after{0};
};

// Who a request comes from.
struct Identity {
  store::User user;
  std::string csrf_token;  // the session's; empty for an API token (no cookie, no CSRF)
};

// Logins, sessions and API tokens over a Store, on an injected clock. Every
// process serving one store may hold its own: sessions and failed logins live
// in the store. Thread-safe when the store is; holds no state of its own.
// `store` and `clock` must outlive it.
class Sessions {
 public:
  Sessions(store::Store& store, Clock& clock, SessionOptions options = {});

  // Checks `password` for user `user` logging in from `address` (the
  // client's IP) and starts a new session: a new id every time, so a caller
  // that holds an older session id ends it with Logout. Refused (see
  // LoginResult) after SessionOptions' failures within the window, before the
  // password is checked; a refused login does not count as a failure, a wrong
  // password does. A success forgets the failures from that address. Errors of
  // the store are passed on. Takes as long as one Argon2id hash (VerifyPassword)
  // whether or not the user exists.
  LoginResult Login(std::string_view user, std::string_view password, std::string_view address);

  // Checks `password` of `user` from `address` as Login does (throttled, a
  // wrong one counted as a failed login, the same refusals) without starting
  // a session: for a signed-in user who confirms a change with their
  // current password, which a stolen session must not be able to guess.
  PasswordCheck CheckPassword(std::string_view user, std::string_view password,
                              std::string_view address);

  // The user of session `session_id` (the cookie's value), and records the
  // use: the idle timeout counts from now. kPermissionDenied "no such session"
  // (never was, logged out, swept, or the password changed), "the session
  // expired: unused for 30 min", "the session expired: older than 12 h" (it
  // is deleted), "user anna is disabled".
  Result<Identity> Authenticate(std::string_view session_id);

  // Ends session `session_id`; Ok when there is none.
  Status Logout(std::string_view session_id);

  // The user of API token `token` (the Bearer value). kPermissionDenied
  // "unknown API token", "user anna is disabled".
  Result<Identity> AuthenticateToken(std::string_view token);

  // Deletes the sessions that ended and the failed logins too old to count;
  // for a timer of the server.
  Status Sweep();

 private:
  Result<std::chrono::seconds> ThrottleWait(std::string_view user, std::string_view address,
                                            TimePoint now);
  Result<bool> CredentialsHold(std::string_view user, std::string_view password);
  Result<SessionGrant> Start(std::string_view user, TimePoint now);
  Status CheckLive(const store::Session& session, TimePoint now) const;
  Result<store::User> ActiveUser(std::string_view name);

  store::Store& store_;
  Clock& clock_;
  SessionOptions options_;
};

}  // namespace travet::auth
