#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/value.h"

namespace travet {

// Remembers secret values and replaces every occurrence of them in text with
// "***": as they are, and in each form the runtime itself writes them in
// (percent-encoded in a URL or form, escaped in a JSON string, inside Base64
// as in a Basic auth header). Everything that leaves the runner as text (log
// lines, run records, error messages, step outputs and their keys) passes
// through Mask. A secret that bot code transforms itself (reversed, upper-
// cased, hashed) is beyond its reach. Thread-safe.
class SecretMask {
 public:
  // Adds a value to hide. Values shorter than 4 characters are still masked;
  // an empty value is ignored.
  void Add(const std::string& value);
  std::string Mask(std::string_view text) const;
  bool empty() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> secrets_;  // longest first, so overlaps mask fully
};

// Masks every string inside `v`, map keys included: what is stored never
// holds a secret (a response may use one as a key). True when a secret was
// found.
bool MaskStrings(Value& v, const SecretMask& mask);

}  // namespace travet
