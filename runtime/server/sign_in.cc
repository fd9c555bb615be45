#include "runtime/server/sign_in.h"

#include "runtime/auth/tokens.h"

namespace travet::server {
namespace {

Caller CallerOf(const auth::Identity& identity, bool by_cookie) {
  return {identity.user.name, AccessOf(identity.user.role), identity.user.queues, by_cookie,
          identity.csrf_token};
}

}  // namespace

Access AccessOf(store::Role role) {
  switch (role) {
    case store::Role::kOperator:
      return kOperator;
    case store::Role::kDeveloper:
      return kDeveloper;
    case store::Role::kAdmin:
      return kAdmin;
  }
  return kAnyone;
}

std::string CookieValue(const std::string& header, std::string_view name) {
  size_t at = 0;
  while (at < header.size()) {
    const size_t end = std::min(header.find(';', at), header.size());
    std::string_view pair = std::string_view(header).substr(at, end - at);
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    at = end + 1;
  }
  return {};
}

Authenticate SignedInCaller(auth::Sessions& sessions) {
  return [&sessions](const ApiRequest& request) -> Result<std::optional<Caller>> {
    const std::string authorization = request.Header("authorization");
    if (const auto token = auth::BearerToken(authorization)) {
      auto identity = sessions.AuthenticateToken(*token);
      if (!identity) {
        return identity.error();
      }
      return std::optional<Caller>(CallerOf(*identity, false));
    }
    const std::string session = CookieValue(request.Header("cookie"), kSessionCookie);
    if (session.empty()) {
      return std::optional<Caller>();
    }
    auto identity = sessions.Authenticate(session);
    if (!identity) {
      return identity.error();
    }
    return std::optional<Caller>(CallerOf(*identity, true));
  };
}

}  // namespace travet::server
