#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace travet::cli {

// Runs `work(i)` for every i in [0, count) on up to `threads` threads, and
// `emit(i)` in order 0, 1, 2 ... as soon as work(0..i) have all finished, so
// that output keeps the order of the inputs while later items are still being
// worked on. Calls of `emit` never overlap. Returns when all are emitted.
void RunInOrder(int count, int threads, const std::function<void(int)>& work,
                const std::function<void(int)>& emit);

// The "ocr: 12/63 pages, 9.8 pages/min" line on stderr, rewritten in place.
// Disabled (prints nothing) unless `enabled`. Thread-safe.
class ProgressLine {
 public:
  ProgressLine(bool enabled, int total_pages);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // One more page is done.
  void PageDone();
  // Runs `print` (which writes and flushes stdout or stderr) with the
  // progress line cleared, then draws it again below what was printed.
  void Above(const std::function<void()>& print);
  // Leaves the last progress line in place and ends it with a newline.
  void Finish();

 private:
  void Draw();  // with mu_ held

  const bool enabled_;
  const int total_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  int done_ = 0;
  bool drawn_ = false;
};

}  // namespace travet::cli
