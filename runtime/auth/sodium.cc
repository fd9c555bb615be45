#include "runtime/auth/sodium.h"

#include <sodium.h>

namespace travet::auth {

Status InitSodium() {
  // sodium_init is thread-safe itself; the static only saves the call.
  static const bool kReady = sodium_init() >= 0;
  if (!kReady)
    return Internal("libsodium could not be initialised (no source of randomness?)");
  return Status::Ok();
}

}  // namespace travet::auth
