#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace travet::actions {

// A SHA-256 over data given piece by piece, e.g. a file read in chunks; the
// same digest as Sha256Hex of all the pieces. Move-only; not thread-safe.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& other) noexcept;
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // The digest of everything given, as 64 lowercase hex digits; ends the
  // hash (call once).
  std::string FinishHex();

 private:
  evp_md_ctx_st* ctx_;
};

// The SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace travet::actions
