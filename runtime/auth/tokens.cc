#include "runtime/auth/tokens.h"

#include <sodium.h>

#include <array>

#include "runtime/auth/sodium.h"
#include "runtime/core/ascii.h"

namespace travet::auth {
namespace {

constexpr size_t kSecretBytes = 32;

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();  // the terminating NUL
  return hex;
}

}  // namespace

Result<std::string> NewSecret(std::string_view prefix) {
  TRAVET_RETURN_IF_ERROR(InitSodium());
  std::array<unsigned char, kSecretBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(kSecretBytes, kVariant)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  sodium_memzero(bytes.data(), bytes.size());
  std::string secret = std::string(prefix) + text.data();
  sodium_memzero(text.data(), text.size());
  return secret;
}

Result<std::string> NewApiToken() {
  return NewSecret(kApiTokenPrefix);
}

Result<std::string> NewTokenId() {
  TRAVET_RETURN_IF_ERROR(InitSodium());
  std::array<unsigned char, 6> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return "tk-" + Hex(bytes.data(), bytes.size());
}

std::string HashSecret(std::string_view secret) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size());
  return Hex(digest.data(), digest.size());
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      AsciiLower(authorization.substr(0, kScheme.size())) != kScheme) {
    return std::nullopt;
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ')
    token.remove_suffix(1);
  if (token.empty() || token.find(' ') != std::string_view::npos)
    return std::nullopt;
  return token;
}

}  // namespace travet::auth
