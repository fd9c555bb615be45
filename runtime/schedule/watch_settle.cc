#include "runtime/schedule/watch_settle.h"

#include <algorithm>

namespace travet::schedule {

std::vector<std::string> SettleTracker::Observe(const std::vector<FileSnapshot>& listing,
                                                TimePoint now) {
  std::map<std::string, Seen> seen;
  std::vector<std::string> ready;
  for (const FileSnapshot& file : listing) {
    Seen state{file.size, file.mtime, now, false};
    if (auto it = files_.find(file.name);
        it != files_.end() && it->second.size == file.size && it->second.mtime == file.mtime) {
      state = it->second;  // unchanged since the last listing
    }
    if (!state.taken && now - state.since >= settle_) {
      state.taken = true;
      ready.push_back(file.name);
    }
    seen[file.name] = state;
  }
  files_ = std::move(seen);
  std::sort(ready.begin(), ready.end());
  return ready;
}

}  // namespace travet::schedule
