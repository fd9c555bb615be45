#pragma once

// Who a request comes from, for the sign-in throttle and the log. Behind a
// reverse proxy (the documented way to serve over TLS) every request comes
// from the proxy's address, so one client's failed sign-ins would lock out
// every client; the proxy says who the client is in X-Forwarded-For, but so
// can anybody else, so that header is believed only from a proxy the server
// was told to trust (`travet serve --trusted-proxy ADDR`).

#include <span>
#include <string>
#include <string_view>

namespace travet::server {

// `peer` unless it is one of `trusted_proxies`; then the right-most address of
// `forwarded_for` (X-Forwarded-For, "client, proxy1, proxy2") that is not a
// trusted proxy itself, as each proxy appends the address it was called from.
// Entries left of that one were written by the client and are not believed.
// A trusted peer without a usable header is the client itself.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          std::span<const std::string> trusted_proxies);

}  // namespace travet::server
