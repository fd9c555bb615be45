#pragma once

#include <filesystem>

namespace travet::testing {

// Sets the immutable attribute (chattr +i) on a file or folder for the life of
// the object: the one failure that even root cannot write through. Not every
// file system has it: check ok() and skip.
class Immutable {
 public:
  explicit Immutable(std::filesystem::path path);
  ~Immutable();
  Immutable(const Immutable&) = delete;
  Immutable& operator=(const Immutable&) = delete;

  bool ok() const { return ok_; }

 private:
  bool Set(bool on);

  std::filesystem::path path_;
  bool ok_ = false;
};

}  // namespace travet::testing
