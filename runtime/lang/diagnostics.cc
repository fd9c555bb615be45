#include "runtime/lang/diagnostics.h"

#include <algorithm>

namespace travet::lang {

void Diagnostics::Error(const Location& loc, const std::string& message) {
  if (errors_.size() >= kMaxErrors)
    return;
  errors_.push_back({loc, loc.ToString() + ": " + message});
}

std::vector<std::string> Diagnostics::Sorted() const {
  std::vector<Entry> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  std::vector<std::string> out;
  for (auto& e : sorted) {
    if (out.empty() || out.back() != e.text)
      out.push_back(std::move(e.text));
  }
  return out;
}

}  // namespace travet::lang
