#include "runtime/expr/compiled_cache.h"

#include <algorithm>
#include <cstddef>

namespace travet::expr {

CompiledCache::CompiledCache(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) {}

std::optional<int> CompiledCache::Find(std::string_view text) {
  auto it = entries_.find(text);
  if (it == entries_.end())
    return std::nullopt;
  it->second.last_used = ++clock_;
  return it->second.ref;
}

std::vector<int> CompiledCache::Insert(std::string_view text, int ref) {
  std::vector<int> evicted;
  if (entries_.size() >= capacity_)
    evicted = EvictOldest();
  entries_.emplace(std::string(text), Entry{ref, ++clock_});
  return evicted;
}

// Dropping a quarter at once keeps eviction amortised O(1) per insertion.
std::vector<int> CompiledCache::EvictOldest() {
  std::vector<uint64_t> ages;
  ages.reserve(entries_.size());
  for (const auto& [text, entry] : entries_)
    ages.push_back(entry.last_used);
  const size_t count = std::max<size_t>(entries_.size() / 4, 1);
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(count - 1), ages.end());
  const uint64_t newest_evicted = ages[count - 1];
  std::vector<int> evicted;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.last_used <= newest_evicted) {
      evicted.push_back(it->second.ref);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return evicted;
}

}  // namespace travet::expr
