#pragma once

#include "runtime/core/status.h"

namespace travet::auth {

// Initialises libsodium for this process (once; later calls return the first
// outcome). Every function of runtime/auth calls it before using libsodium.
// kInternal "libsodium could not be initialised" when it fails (no source of
// randomness). Thread-safe.
Status InitSodium();

}  // namespace travet::auth
