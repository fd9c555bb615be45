#pragma once

// The pictures of documents' pages the server made lately, so that an
// operator going back and forth between tasks and pages is not made to wait
// for a page to be decoded, scaled and encoded again.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "ocr/recognise/page_viewer.h"

namespace travet::server {

// Least recently used pictures, bounded by the bytes of their PNGs (the
// newest is kept even when alone over the bound). Thread-safe.
class PageCache {
 public:
  explicit PageCache(size_t most_bytes) : most_bytes_(most_bytes) {}

  // The picture kept under `key`, or null.
  std::shared_ptr<const ocr::PagePicture> Find(const std::string& key);
  // Keeps `picture` under `key`, dropping the least recently used beyond the bound.
  void Keep(const std::string& key, std::shared_ptr<const ocr::PagePicture> picture);
  size_t bytes();

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const ocr::PagePicture> picture;
  };
  const size_t most_bytes_;
  std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first
  size_t bytes_ = 0;
};

}  // namespace travet::server
