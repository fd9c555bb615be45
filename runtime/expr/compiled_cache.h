#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace travet::expr {

// Remembers which Lua registry reference holds the compiled function of a
// source text. Holds at most `capacity` entries: when full, the least recently
// used quarter is dropped and handed back so that the caller can release the
// references. Knows nothing of Lua itself.
class CompiledCache {
 public:
  explicit CompiledCache(size_t capacity);

  // The reference compiled from `text`, or nullopt; marks the entry as used.
  std::optional<int> Find(std::string_view text);

  // Adds `text` → `ref` (`text` must not be cached yet). Returns the
  // references of the entries evicted to make room.
  std::vector<int> Insert(std::string_view text, int ref);

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    int ref;
    uint64_t last_used;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  std::vector<int> EvictOldest();

  size_t capacity_;
  uint64_t clock_ = 0;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

}  // namespace travet::expr
