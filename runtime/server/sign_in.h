#pragma once

// How the server knows who calls: the session cookie a sign-in sets, or an
// API token (Authorization: Bearer), both checked by auth::Sessions.

#include "runtime/auth/sessions.h"
#include "runtime/server/dispatch.h"

namespace travet::server {

// The cookie a sign-in sets: `travet_session`.
inline constexpr char kSessionCookie[] = "travet_session";

// The caller of `request`: from its bearer token when it has one, else from
// its session cookie; nobody when it has neither.
Authenticate SignedInCaller(auth::Sessions& sessions);

// The value of cookie `name` in a Cookie header ("a=1; travet_session=x").
std::string CookieValue(const std::string& header, std::string_view name);

// The Access bit of a user's role.
Access AccessOf(store::Role role);

}  // namespace travet::server
