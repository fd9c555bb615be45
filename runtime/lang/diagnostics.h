#pragma once

#include <string>
#include <vector>

#include "runtime/lang/model.h"

namespace travet::lang {

// The problems found in a bot file, each "file:line:col: message", kept in
// the order of their location. The loader reports all of them at once.
class Diagnostics {
 public:
  static constexpr size_t kMaxErrors = 100;

  void Error(const Location& loc, const std::string& message);
  bool empty() const { return errors_.empty(); }
  // Sorted by line, then column; at most kMaxErrors.
  std::vector<std::string> Sorted() const;

 private:
  struct Entry {
    Location loc;
    std::string text;
  };
  std::vector<Entry> errors_;
};

}  // namespace travet::lang
