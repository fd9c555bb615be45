#include "ocr/recognizer.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "ocr/engine_pool.h"
#include "ocr/page_ocr.h"

namespace travet::ocr {
namespace {

// Below this mean word confidence a page may be upside down.
constexpr float kSuspectConfidence = 60;

using SteadyClock = std::chrono::steady_clock;

double MsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

int HardwareThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// The shared state of one Read: workers take the next page until none is left
// or one of them fails.
struct Job {
  const DocumentSource& source;
  const RecognizeOptions& options;
  const PreprocessPlan& plan;
  EnginePool& pool;
  std::vector<int> indices;
  std::vector<PageResult> results;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_error;
  int done = 0;
};

Result<PageResult> Recognize(Job& job, const PageImage& image, const PreparedPage& prepared,
                             int index) {
  auto lease = job.pool.Acquire(job.options.lang);
  if (!lease) {
    return lease.error();
  }
  const auto start = SteadyClock::now();
  auto page = RecognizePage(lease->api(), prepared, image.info, job.options.psm, index + 1);
  if (page) {
    page->dpi_assumed = image.info.dpi_assumed;
    page->times.recognize_ms = MsSince(start);
  }
  return page;
}

bool WasTurned(const std::vector<std::string>& stages) {
  return std::any_of(stages.begin(), stages.end(),
                     [](const std::string& s) { return s.starts_with("orient"); });
}

Result<PageResult> ReadOnePage(Job& job, int index) {
  auto start = SteadyClock::now();
  auto image = LoadPage(job.source, index);
  if (!image) {
    return image.error();
  }
  StageTimes times;
  times.load_ms = MsSince(start);
  if (image->from_text_layer) {
    PageResult page = TextLayerPage(*image, index + 1);
    page.times = times;
    return page;
  }
  start = SteadyClock::now();
  const PreparedPage prepared = Prepare(*image, job.plan, job.pool);
  times.preprocess_ms = MsSince(start);
  auto page = Recognize(job, *image, prepared, index);
  if (page) {
    times.recognize_ms = page->times.recognize_ms;
    page->times = times;
  }
  if (!page || !job.plan.automatic || !job.plan.orient || page->confidence >= kSuspectConfidence ||
      WasTurned(page->stages)) {
    return page;
  }
  // A page read upside down gives a low confidence: ask the orientation
  // detector, and read again only when it turns the page.
  start = SteadyClock::now();
  const PreparedPage turned = Prepare(*image, job.plan, job.pool, /*suspects_rotation=*/true);
  page->times.preprocess_ms += MsSince(start);
  if (!WasTurned(turned.stages)) {
    return page;
  }
  auto second = Recognize(job, *image, turned, index);
  if (!second || second->confidence <= page->confidence) {
    page->times.recognize_ms += second ? second->times.recognize_ms : 0;
    return page;
  }
  second->times.load_ms = page->times.load_ms;
  second->times.preprocess_ms = page->times.preprocess_ms;
  second->times.recognize_ms += page->times.recognize_ms;
  return second;
}

void Work(Job& job) {
  for (size_t k = job.next++; k < job.indices.size() && !job.failed; k = job.next++) {
    auto page = ReadOnePage(job, job.indices[k]);
    // A page's buffers (tens of MB, of sizes that vary from page to page)
    // fragment the heap; without this the peak RSS of a long batch grows
    // by a page's worth every few pages.
    malloc_trim(0);
    std::lock_guard lock(job.mu);
    if (!page) {
      if (!job.failed.exchange(true)) {
        job.first_error = page.error();
      }
      return;
    }
    job.results[k] = std::move(*page);
    ++job.done;
    if (job.options.progress) {
      job.options.progress(job.done, static_cast<int>(job.indices.size()));
    }
  }
}

}  // namespace

struct Recognizer::Impl {
  explicit Impl(int workers) : pool(workers > 0 ? workers : HardwareThreads()) {}
  EnginePool pool;
};

Recognizer::Recognizer(int workers) : impl_(std::make_unique<Impl>(workers)) {}

Recognizer::~Recognizer() = default;

Result<DocumentResult> Recognizer::Read(const std::filesystem::path& file,
                                        const RecognizeOptions& options) {
  auto plan = ParsePreprocess(options.preprocess);
  if (!plan) {
    return plan.error();
  }
  if (auto tessdata = FindTessdata(options.lang); !tessdata) {
    return tessdata.error();
  }
  auto source = DocumentSource::Open(file);
  if (!source) {
    return source.error();
  }
  auto indices = SelectPages(*source, options.pages);
  if (!indices) {
    return indices.error();
  }
  Job job{*source, options, *plan, impl_->pool, std::move(*indices), {}, {}, {}, {}, {}, 0};
  job.results.resize(job.indices.size());
  const int wanted = options.workers > 0 ? options.workers : impl_->pool.capacity();
  const int workers = std::min<int>(wanted, static_cast<int>(job.indices.size()));
  std::vector<std::thread> threads;
  for (int i = 1; i < workers; ++i) {
    threads.emplace_back([&job] { Work(job); });
  }
  Work(job);
  for (std::thread& t : threads) {
    t.join();
  }
  if (job.failed) {
    return job.first_error;
  }
  return DocumentResult{file.string(), std::move(job.results)};
}

}  // namespace travet::ocr
