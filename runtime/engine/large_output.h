#pragma once

#include <cstddef>
#include <string>

#include "runtime/core/status.h"
#include "runtime/core/value.h"

namespace travet::engine {

// A step output over this many bytes (as JSON, roughly) is not copied into its
// checkpoint when the step read it from a file it can read again: see
// IsLargeRead.
inline constexpr size_t kLargeOutputBytes = size_t{1} << 20;

// Whether `output` is the large output of a read that names the SHA-256 of
// what it read (file.read): worth reading again on a resume rather than
// copying into the store (a 60 MB text would be 60 MB more in the store and
// in memory per checkpoint write).
bool IsLargeRead(const Value& output);

// What a checkpoint keeps of such an output: its members of 1 KiB or less
// (size, sha256, columns), and the names of the others under "$omitted".
Value ReadSummary(const Value& output);

// Ok, or why an output derived again on a resume does not come from what the
// step read before it: the SHA-256 `before` (the checkpoint's) names is not
// that of `now`. `what` names the step and its file for the message.
Status SameRead(const std::string& what, const Value& before, const Value& now);

}  // namespace travet::engine
