#include "runtime/server/page_cache.h"

namespace travet::server {

std::shared_ptr<const ocr::PagePicture> PageCache::Find(const std::string& key) {
  const std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key == key) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().picture;
    }
  }
  return nullptr;
}

void PageCache::Keep(const std::string& key, std::shared_ptr<const ocr::PagePicture> picture) {
  const std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key == key) {
      bytes_ -= it->picture->png.size();
      entries_.erase(it);
      break;
    }
  }
  bytes_ += picture->png.size();
  entries_.push_front({key, std::move(picture)});
  while (bytes_ > most_bytes_ && entries_.size() > 1) {
    bytes_ -= entries_.back().picture->png.size();
    entries_.pop_back();
  }
}

size_t PageCache::bytes() {
  const std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace travet::server
