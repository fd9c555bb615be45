#include "tools/travet/ocr_batch.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <thread>
#include <vector>

namespace travet::cli {

void RunInOrder(int count, int threads, const std::function<void(int)>& work,
                const std::function<void(int)>& emit) {
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<bool> done(static_cast<size_t>(count), false);
  int next_emit = 0;
  auto worker = [&] {
    for (int k = next++; k < count; k = next++) {
      work(k);
      std::lock_guard lock(mu);
      done[static_cast<size_t>(k)] = true;
      while (next_emit < count && done[static_cast<size_t>(next_emit)])
        emit(next_emit++);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < std::min(threads, count); ++i)
    pool.emplace_back(worker);
  worker();
  for (auto& t : pool)
    t.join();
}

ProgressLine::ProgressLine(bool enabled, int total_pages)
    : enabled_(enabled), total_(total_pages), start_(std::chrono::steady_clock::now()) {
  std::lock_guard lock(mu_);
  Draw();
}

void ProgressLine::PageDone() {
  std::lock_guard lock(mu_);
  ++done_;
  Draw();
}

void ProgressLine::Above(const std::function<void()>& print) {
  std::lock_guard lock(mu_);
  if (drawn_)
    std::cerr << "\r\033[K" << std::flush;  // stdout may be the same terminal
  print();
  Draw();
}

void ProgressLine::Finish() {
  std::lock_guard lock(mu_);
  if (drawn_)
    std::cerr << "\n" << std::flush;
  drawn_ = false;
}

void ProgressLine::Draw() {
  if (!enabled_)
    return;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  char line[96];
  if (done_ == 0 || elapsed.count() <= 0) {
    std::snprintf(line, sizeof line, "ocr: %d/%d pages", done_, total_);
  } else {
    std::snprintf(line, sizeof line, "ocr: %d/%d pages, %.1f pages/min", done_, total_,
                  done_ * 60.0 / elapsed.count());
  }
  std::cerr << "\r" << line << "\033[K" << std::flush;
  drawn_ = true;
}

}  // namespace travet::cli
