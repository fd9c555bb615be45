#include "runtime/server/client_address.h"

#include <algorithm>

namespace travet::server {
namespace {

std::string_view Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool Trusted(std::string_view address, std::span<const std::string> trusted_proxies) {
  return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
         trusted_proxies.end();
}

}  // namespace

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          std::span<const std::string> trusted_proxies) {
  if (!Trusted(peer, trusted_proxies)) {
    return std::string(peer);
  }
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view hop =
        Trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) {
      break;  // a malformed header says nothing more that can be believed
    }
    if (!Trusted(hop, trusted_proxies)) {
      return std::string(hop);
    }
  }
  return std::string(peer);
}

}  // namespace travet::server
