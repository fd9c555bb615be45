#include "runtime/core/secret_mask.h"

#include <algorithm>

namespace travet {

void SecretMask::Add(std::string value) {
  if (value.empty())
    return;
  std::lock_guard lock(mu_);
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end())
    return;
  secrets_.push_back(std::move(value));
  std::sort(secrets_.begin(), secrets_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string SecretMask::Mask(std::string_view text) const {
  std::lock_guard lock(mu_);
  std::string out(text);
  for (const auto& secret : secrets_) {
    size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), "***");
      pos += 3;
    }
  }
  return out;
}

bool SecretMask::empty() const {
  std::lock_guard lock(mu_);
  return secrets_.empty();
}

}  // namespace travet
