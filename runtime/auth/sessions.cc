#include "runtime/auth/sessions.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "runtime/auth/passwords.h"
#include "runtime/auth/tokens.h"

namespace travet::auth {
namespace {

constexpr std::string_view kWrongCredentials = "wrong user name or password";

// "30 min", "12 h", "90 s": a timeout as messages say it.
std::string Spoken(Millis length) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(length).count();
  if (seconds % 3600 == 0)
    return std::to_string(seconds / 3600) + " h";
  if (seconds % 60 == 0)
    return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds) + " s";
}

// The hash an unknown user's password is checked against, so that a login
// takes as long whether or not the user exists.
const std::string& DecoyHash() {
  static const std::string kDecoy = [] {
    Result<std::string> hash = HashPassword("a password of nobody at all");
    return hash ? *hash : std::string();
  }();
  return kDecoy;
}

// How long until the failure at `oldest` leaves the window.
Millis UntilLeaves(const std::string& oldest, Millis window, TimePoint now) {
  std::optional<TimePoint> at = ParseRfc3339(oldest);
  if (!at)
    return window;
  return std::max(Millis(0), std::chrono::duration_cast<Millis>(*at + window - now));
}

}  // namespace

Sessions::Sessions(store::Store& store, Clock& clock, SessionOptions options)
    : store_(store), clock_(clock), options_(options) {}

LoginResult Sessions::Login(std::string_view user, std::string_view password,
                            std::string_view address) {
  PasswordCheck check = CheckPassword(user, password, address);
  if (!check.status.ok())
    return {check.status, check.retry_after};
  return {Start(user, clock_.Now())};
}

PasswordCheck Sessions::CheckPassword(std::string_view user, std::string_view password,
                                      std::string_view address) {
  TimePoint now = clock_.Now();
  Result<std::chrono::seconds> wait = ThrottleWait(user, address, now);
  if (!wait)
    return {wait.error()};
  if (wait->count() > 0) {
    return {
        Unavailable("too many failed logins; try again in " + std::to_string(wait->count()) + " s"),
        *wait};
  }
  Result<bool> holds = CredentialsHold(user, password);
  if (!holds)
    return {holds.error()};
  if (!*holds) {
    // A name no user can have is not counted: nobody can be locked out
    // under it, and the store keeps no junk.
    if (store::CheckUserName(user).ok()) {
      Status recorded = store_.RecordLoginFailure(user, address, now);
      if (!recorded.ok())
        return {recorded};
    }
    return {PermissionDenied(std::string(kWrongCredentials))};
  }
  return {store_.ClearLoginFailures(user, address)};
}

// Zero when `user` may try from `address`; else how long until one of the
// failures that fill a limit leaves the window (at least a second).
Result<std::chrono::seconds> Sessions::ThrottleWait(std::string_view user, std::string_view address,
                                                    TimePoint now) {
  // A failure exactly failure_window old no longer counts (times are in ms).
  Result<store::LoginFailures> failures =
      store_.CountRecentFailures(user, address, now - options_.failure_window + Millis(1));
  if (!failures)
    return failures.error();
  bool by_address = failures->from_address >= options_.failures_per_address;
  bool by_user = failures->from_anywhere >= options_.failures_per_user;
  if (!by_address && !by_user)
    return std::chrono::seconds(0);
  Millis wait(0);
  if (by_address)
    wait = UntilLeaves(failures->oldest_from_address, options_.failure_window, now);
  if (by_user) {
    wait =
        std::max(wait, UntilLeaves(failures->oldest_from_anywhere, options_.failure_window, now));
  }
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
}

// Whether `user` exists, is enabled and has `password`. Hashes once in every
// case, so the time taken does not tell which failed.
Result<bool> Sessions::CredentialsHold(std::string_view user, std::string_view password) {
  Result<std::string> hash = store_.GetPasswordHash(user);
  if (!hash && hash.error().code() != StatusCode::kNotFound)
    return hash.error();
  if (!hash) {
    (void)VerifyPassword(DecoyHash(), password);
    return false;
  }
  if (!VerifyPassword(*hash, password))
    return false;
  Result<store::User> found = store_.GetUser(user);
  if (!found)
    return found.error();
  return !found->disabled;
}

Result<SessionGrant> Sessions::Start(std::string_view user, TimePoint now) {
  Result<std::string> id = NewSecret();
  if (!id)
    return id.error();
  Result<std::string> csrf = NewSecret();
  if (!csrf)
    return csrf.error();
  std::string at = FormatRfc3339(now);
  store::Session session{.id_hash = HashSecret(*id),
                         .user = std::string(user),
                         .csrf_token = *csrf,
                         .created_at = at,
                         .last_seen_at = at,
                         .expires_at = FormatRfc3339(
                             now + std::min(options_.idle_timeout, options_.absolute_timeout))};
  TRAVET_RETURN_IF_ERROR(store_.CreateSession(session));
  return SessionGrant{.session_id = std::move(*id), .csrf_token = std::move(*csrf)};
}

Result<Identity> Sessions::Authenticate(std::string_view session_id) {
  std::string hash = HashSecret(session_id);
  Result<store::Session> session = store_.GetSession(hash);
  if (!session && session.error().code() == StatusCode::kNotFound)
    return PermissionDenied("no such session");
  if (!session)
    return session.error();
  TimePoint now = clock_.Now();
  Status live = CheckLive(*session, now);
  if (!live.ok()) {
    TRAVET_RETURN_IF_ERROR(store_.DeleteSession(hash));
    return live;
  }
  Result<store::User> user = ActiveUser(session->user);
  if (!user)
    return user.error();
  TimePoint absolute_end = *ParseRfc3339(session->created_at) + options_.absolute_timeout;
  Status touched =
      store_.TouchSession(hash, now, std::min(now + options_.idle_timeout, absolute_end));
  if (touched.code() == StatusCode::kNotFound)
    return PermissionDenied("no such session");
  TRAVET_RETURN_IF_ERROR(touched);
  return Identity{.user = std::move(*user), .csrf_token = session->csrf_token};
}

// Ok while `session` is within both timeouts and its stored end.
Status Sessions::CheckLive(const store::Session& session, TimePoint now) const {
  std::optional<TimePoint> created = ParseRfc3339(session.created_at);
  std::optional<TimePoint> seen = ParseRfc3339(session.last_seen_at);
  if (!created || !seen)
    return Internal("the session of user " + session.user + " has an unreadable time");
  if (now - *created >= options_.absolute_timeout)
    return PermissionDenied("the session expired: older than " + Spoken(options_.absolute_timeout));
  if (now - *seen >= options_.idle_timeout || FormatRfc3339(now) >= session.expires_at)
    return PermissionDenied("the session expired: unused for " + Spoken(options_.idle_timeout));
  return Status::Ok();
}

Result<store::User> Sessions::ActiveUser(std::string_view name) {
  Result<store::User> user = store_.GetUser(name);
  if (!user)
    return user.error();
  if (user->disabled)
    return PermissionDenied("user " + user->name + " is disabled");
  return user;
}

Status Sessions::Logout(std::string_view session_id) {
  return store_.DeleteSession(HashSecret(session_id));
}

Result<Identity> Sessions::AuthenticateToken(std::string_view token) {
  Result<std::optional<store::ApiToken>> found =
      store_.FindTokenByHash(HashSecret(token), clock_.Now());
  if (!found)
    return found.error();
  if (!found->has_value())
    return PermissionDenied("unknown API token");
  Result<store::User> user = ActiveUser((*found)->user);
  if (!user)
    return user.error();
  return Identity{.user = std::move(*user), .csrf_token = {}};
}

Status Sessions::Sweep() {
  TimePoint now = clock_.Now();
  Result<int> sessions = store_.SweepSessions(now);
  if (!sessions)
    return sessions.error();
  Result<int> failures = store_.PruneLoginFailures(now - options_.failure_window);
  return failures.status();
}

}  // namespace travet::auth
