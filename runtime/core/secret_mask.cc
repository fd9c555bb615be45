#include "runtime/core/secret_mask.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "runtime/core/url_encode.h"
#include "runtime/core/value.h"

namespace travet {
namespace {

// As a JSON string carries it (without the quotes), written by the same
// serializer that writes stored values and log lines.
std::string JsonEscaped(const std::string& text) {
  std::string quoted = Value(text).dump(-1, ' ', false, Value::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

// Standard Base64 of the whole 3-byte groups of `bytes` (no padding).
std::string Base64Groups(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6)
      out += kAlphabet[(n >> shift) & 63];
  }
  return out;
}

// The forms in which the runtime itself may write `secret`: as is, in a URL
// or a form, in a JSON string, and inside Base64 (a Basic auth header of
// "user:secret"). Base64 of a longer text holds the secret's bytes from the
// first group boundary on; which bytes those are depends on where the secret
// starts, so the three alignments are all kept (at least 8 characters each:
// shorter ones would hide ordinary words).
std::vector<std::string> EncodedForms(const std::string& secret) {
  std::vector<std::string> forms = {secret, UrlEncode(secret), UrlEncode(secret, true),
                                    JsonEscaped(secret)};
  for (size_t offset = 0; offset < 3 && offset < secret.size(); ++offset) {
    std::string groups = Base64Groups(std::string_view(secret).substr(offset));
    if (groups.size() >= 8)
      forms.push_back(std::move(groups));
  }
  return forms;
}

}  // namespace

void SecretMask::Add(const std::string& value) {
  if (value.empty())
    return;
  std::lock_guard lock(mu_);
  for (auto& form : EncodedForms(value)) {
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end())
      secrets_.push_back(std::move(form));
  }
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

bool MaskStrings(Value& v, const SecretMask& mask) {
  bool found = false;
  auto masked_text = [&](const std::string& text) {
    std::string masked = mask.Mask(text);
    found = found || masked != text;
    return masked;
  };
  if (v.is_string()) {
    v = masked_text(v.get_ref<const std::string&>());
  } else if (v.is_object()) {
    Value masked = Value::object();
    for (auto& [key, item] : v.items()) {
      found = MaskStrings(item, mask) || found;
      masked[masked_text(key)] = std::move(item);
    }
    v = std::move(masked);
  } else if (v.is_array()) {
    for (auto& item : v)
      found = MaskStrings(item, mask) || found;
  }
  return found;
}

}  // namespace travet
