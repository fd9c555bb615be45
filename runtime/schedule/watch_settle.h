#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runtime/core/clock.h"

namespace travet::schedule {

// One file of a watched folder as a listing of the folder saw it.
struct FileSnapshot {
  std::string name;  // relative to the folder
  std::uintmax_t size = 0;
  std::filesystem::file_time_type mtime;
};

// Tells when the files that land in a watched folder are whole: a scanner or
// a copy writes a file for a while, and a file is taken only once its size
// and modification time have stayed the same for `settle`. The caller lists
// the folder now and then and passes each listing with the time of its own
// clock it was made at; the tracker keeps no thread and reads no clock or
// disk. Not thread-safe.
class SettleTracker {
 public:
  explicit SettleTracker(Millis settle) : settle_(settle) {}

  // Records `listing`, made at `now`, and returns the names of the files that
  // are ready, sorted: seen with the same size and modification time in every
  // listing for at least `settle` up to `now` (a file's time starts at the
  // first listing that shows it so, never earlier: the file times of a shared
  // folder come from another machine's clock). A file is returned once; it
  // is returned again only after it changes and settles anew (a new version
  // written in its place). Files missing from `listing` are forgotten.
  std::vector<std::string> Observe(const std::vector<FileSnapshot>& listing, TimePoint now);

  // Forgets file `name`, so that it is offered again once it has settled
  // anew, counted from the next listing that shows it: for a caller that
  // could not take a file it was offered.
  void Forget(const std::string& name) { files_.erase(name); }

  // How many files the tracker follows (those of the last listing).
  size_t size() const { return files_.size(); }

 private:
  struct Seen {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime;
    TimePoint since;     // first listing with this size and time
    bool taken = false;  // returned as ready
  };

  Millis settle_;
  std::map<std::string, Seen> files_;
};

}  // namespace travet::schedule
