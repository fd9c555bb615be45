#include "runtime/auth/passwords.h"

#include <sodium.h>

#include <array>

#include "runtime/auth/sodium.h"
#include "runtime/core/utf8.h"

namespace travet::auth {
namespace {

// The code points of valid UTF-8 `text`: its bytes that start one.
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++count;
  }
  return count;
}

}  // namespace

Status CheckNewPassword(std::string_view password) {
  if (password.empty())
    return InvalidArgument("the password is empty");
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes");
  }
  if (!IsValidUtf8(password))
    return InvalidArgument("the password is not valid UTF-8");
  size_t length = CodePoints(password);
  if (length < kMinPasswordLength) {
    return InvalidArgument("the password is too short: " + std::to_string(length) +
                           " characters, at least " + std::to_string(kMinPasswordLength));
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  TRAVET_RETURN_IF_ERROR(InitSodium());
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("hashing a password failed (Argon2id needs " +
                    std::to_string(crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20) + " MiB of memory)");
  }
  return std::string(hash.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!InitSodium().ok() || hash.size() >= crypto_pwhash_STRBYTES)
    return false;
  // libsodium reads the hash as a C string.
  std::array<char, crypto_pwhash_STRBYTES> text{};
  hash.copy(text.data(), hash.size());
  return crypto_pwhash_str_verify(text.data(), password.data(), password.size()) == 0;
}

}  // namespace travet::auth
