#include "ocr/recognise/recognizer.h"

#include <malloc.h>
#include <tesseract/publictypes.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <thread>
#include <utility>

#include "ocr/fields/fields.h"
#include "ocr/recognise/internal/engine_pool.h"
#include "ocr/recognise/internal/page_ocr.h"
#include "ocr/recognise/internal/unread_ink.h"
#include "ocr/recognise/missed_lines.h"
#include "ocr/recognise/page_guard.h"
#include "ocr/recognise/surer_lines.h"

namespace travet::ocr {
namespace {

// Below this mean word confidence a page may be upside down.
constexpr float kSuspectConfidence = 60;

// Below these mean word confidences the preprocessed reading is unsure, and
// the page is read again in the ways of kRereads. Pages like those the
// generator makes (printed, scanned flat) read at 91 and above; real receipts
// mostly between 70 and 90. Rereading those in one block gained on them; a
// page-layout reading of a page above 70 lost more than it gained (it won by
// its many characters with text read twice or out of order) (see
// docs/ocr-benchmark.md).
constexpr float kUnsureConfidence = 88;
constexpr float kDoubtfulLayoutConfidence = 70;

// The readings of an unsure page besides the preprocessed one, all of the
// page as loaded: in one block (what the preprocessing may have spoilt); in
// one block with strokes thickened by a pixel (faint thermal print, whose
// thin broken strokes Tesseract reads as other letters or not at all); and
// with Tesseract's own page layout analysis (this is plain tesseract), which
// reads forms of scattered blocks better and finds lines a reading in one
// block drops. That last reading replaces the page's only below
// kDoubtfulLayoutConfidence; above, it only lends its missed lines.
struct Reread {
  const char* stage;
  int psm;  // -1: the caller's
  bool thicken;
  float replaces_below;  // may replace the page's reading only when its confidence is below
};
constexpr Reread kRereads[] = {
    {"fallback:as-loaded", -1, false, kUnsureConfidence},
    {"fallback:thickened", -1, true, kUnsureConfidence},
    {"fallback:page-layout", tesseract::PSM_AUTO, false, kDoubtfulLayoutConfidence}};

// A line only another reading found is added when read at least this surely:
// the confidence at which a field is accepted (kDefaultMinConfidence).
constexpr auto kSureLine = static_cast<float>(kDefaultMinConfidence);

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
  std::vector<Status> failures;  // per page, Ok when it was read
  std::mutex mu;
  int done = 0;

  bool Stopped() const { return options.stop && options.stop(); }
};

Result<PageResult> Recognize(Job& job, const PageImage& image, const PreparedPage& prepared,
                             int index, int psm) {
  auto lease = job.pool.Acquire(job.options.lang);
  if (!lease) {
    return lease.error();
  }
  const auto start = SteadyClock::now();
  auto page = RecognizePage(lease->api(), prepared, image.info, {psm, index + 1, job.options.stop});
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

// How many characters of a reading are right if word confidences were
// probabilities: the sum over its words of confidence x length. Between
// readings segmented differently a mean confidence prefers the one that left
// out the hard half of the page; this prefers the one that read more of it
// well.
double ExpectedRightCharacters(const PageResult& page) {
  double characters = 0;
  for (const Word& w : page.words) {
    characters += w.confidence / 100 * static_cast<double>(w.text.size());
  }
  return characters;
}

size_t Characters(const PageResult& page) {
  size_t n = 0;
  for (const Word& w : page.words) {
    n += w.text.size();
  }
  return n;
}

// Whether `other` is a better reading of the page than `kept`. Two readings
// in one block that found about as much text found mostly the same words, and
// their mean confidences compare; otherwise (another segmentation, or a
// reading that missed the small print of a form and is sure of the rest) the
// one with more characters expected right wins. On the real receipts,
// choosing among the one-block readings so gave mean CER 0.118, by expected
// right characters alone 0.121; by mean confidence alone, a form read at
// 0.156 was replaced by a third of its text read at 0.694
// (docs/ocr-benchmark.md).
bool Better(const PageResult& other, const PageResult& kept, bool same_segmentation) {
  constexpr double kAboutAsMuchText = 0.9;
  if (same_segmentation && static_cast<double>(Characters(other)) >=
                               kAboutAsMuchText * static_cast<double>(Characters(kept))) {
    return other.confidence > kept.confidence;
  }
  return ExpectedRightCharacters(other) > ExpectedRightCharacters(kept);
}

// The page with its dark strokes one pixel thicker (a 2x2 grey erosion).
PreparedPage Thickened(const PreparedPage& page) {
  PreparedPage thick = page;
  thick.image = cv::Mat();  // the copy shares the pixels: erode into new ones
  cv::erode(page.image, thick.image, cv::Mat::ones(2, 2, CV_8U));
  return thick;
}

// Adds the times of a reading that was not kept to the one that was.
PageResult& Spent(PageResult& kept, const StageTimes& other) {
  kept.times.load_ms = std::max(kept.times.load_ms, other.load_ms);
  kept.times.preprocess_ms += other.preprocess_ms;
  kept.times.recognize_ms += other.recognize_ms;
  return kept;
}

// Whether a reading segmented so gives its lines top to bottom: one block or
// one column (the default is one block).
bool ReadsTopToBottom(int psm) {
  return psm < 0 || psm == tesseract::PSM_SINGLE_BLOCK || psm == tesseract::PSM_SINGLE_COLUMN;
}

// Adds to `kept`, a reading in one block, the sure lines the readings not
// kept found where it has nothing (a receipt's TOTAL printed large, a form's
// box of text the block reading passed over), and says so in its stages. Not
// for a page-layout reading: a line goes in by its height on the page, which
// is the reading order of one block only. On the real scans this changed 13
// pages, 12 for the better (docs/ocr-benchmark.md "Lines only one reading found").
void AddLinesOnlyOthersRead(PageResult& kept, const std::vector<PageResult>& others) {
  const size_t before = kept.words.size();
  for (const PageResult& other : others) {
    AddMissedLines(kept, other, kSureLine);
  }
  if (kept.words.size() > before) {
    kept.stages.push_back("fallback:missed-lines");
  }
}

// The readings of one page after its first: the page as loaded, and the
// readings made of it that were not kept.
struct Rereading {
  Job& job;
  const PageImage& image;
  int index;
  PreparedPage as_loaded;
  std::vector<PageResult> not_kept;
};

PreparedPage AsLoaded(Job& job, const PageImage& image) {
  static const PreprocessPlan kAsLoaded = *ParsePreprocess("none");
  PreparedPage as_loaded = Prepare(image, kAsLoaded, job.pool);
  if (image.info.dpi_assumed) {
    // A resolution made up for the file misleads the layout analysis; left
    // out, Tesseract estimates it from the text, as its command line does.
    as_loaded.dpi = 0;
  }
  return as_loaded;
}

// Reads an unsure page again in the ways of kRereads and keeps the better
// reading (Better) in `page`; returns the segmentation of the one kept.
int RereadUnsure(Rereading& r, PageResult& page) {
  Job& job = r.job;
  const bool preprocessed = !std::all_of(page.stages.begin(), page.stages.end(),
                                         [](const std::string& s) { return s == "gray"; });
  const int block_psm = job.options.psm;
  const float first_confidence = page.confidence;
  int kept_psm = block_psm;
  for (const Reread& way : kRereads) {
    if (job.Stopped()) {
      break;  // the first reading stands; the read as a whole ends stopped
    }
    const int psm = way.psm < 0 ? block_psm : way.psm;
    if ((!preprocessed && psm == block_psm && !way.thicken) ||
        (way.psm >= 0 && job.options.psm >= 0)) {
      continue;  // the same reading again, or a segmentation the caller chose
    }
    auto other =
        Recognize(job, r.image, way.thicken ? Thickened(r.as_loaded) : r.as_loaded, r.index, psm);
    if (!other) {
      continue;  // the page has a reading already; a failed second look costs it nothing
    }
    if (first_confidence >= way.replaces_below || !Better(*other, page, psm == block_psm)) {
      Spent(page, other->times);
      r.not_kept.push_back(std::move(*other));
      continue;
    }
    other->stages.push_back(way.stage);
    Spent(*other, page.times);
    r.not_kept.push_back(std::exchange(page, std::move(*other)));
    kept_psm = psm;
  }
  return kept_psm;
}

// When the kept reading covers little of the text-sized ink on the page
// (LeftOutText), the page is read once more with its faint ink made dark,
// and the sure lines of that reading the kept one lacks are added.
void ReadFaintInk(Rereading& r, PageResult& page) {
  if (r.job.Stopped() ||
      !LeftOutText(MeasureInkCoverage(r.as_loaded.image, page.words, r.image.info.dpi))) {
    return;
  }
  PreparedPage darkened = r.as_loaded;
  darkened.image = FaintInkDarkened(r.as_loaded.image);
  auto faint = Recognize(r.job, r.image, darkened, r.index, r.job.options.psm);
  if (!faint) {
    return;
  }
  Spent(page, faint->times);
  const size_t before = page.words.size();
  AddMissedLines(page, *faint, kSureLine);
  if (page.words.size() > before) {
    page.stages.push_back("fallback:faint-ink");
  }
}

// A page read unsure after preprocessing is read again (RereadUnsure), and
// the better reading kept: a stage decided on a misleading measure (specks
// taken for noise, an x-height taken from a scanner band) must not cost the
// page its text. Lines another reading read more surely then replace the
// kept reading's (TakeSurerLines). A page read surely may still have left out text its
// confidence knows nothing of (ReadFaintInk).
PageResult FallBackWhenUnsure(Job& job, const PageImage& image, int index, PageResult page) {
  if (!job.plan.automatic || WasTurned(page.stages)) {
    return page;
  }
  Rereading r{job, image, index, AsLoaded(job, image), {}};
  int kept_psm = job.options.psm;
  if (page.confidence < kUnsureConfidence) {
    kept_psm = RereadUnsure(r, page);
  }
  if (!ReadsTopToBottom(kept_psm)) {
    return page;
  }
  if (TakeSurerLines(page, r.not_kept)) {
    page.stages.push_back("fallback:surer-lines");
  }
  AddLinesOnlyOthersRead(page, r.not_kept);
  ReadFaintInk(r, page);
  return page;
}

// Reads the page through the plan's stages. A page read upside down gives a
// low confidence: the orientation detector is then asked, and the page read
// again only when it turns it.
Result<PageResult> ReadPreprocessed(Job& job, const PageImage& image, int index) {
  auto start = SteadyClock::now();
  const PreparedPage prepared = Prepare(image, job.plan, job.pool);
  const double preprocess_ms = MsSince(start);
  auto page = Recognize(job, image, prepared, index, job.options.psm);
  if (!page) {
    return page;
  }
  page->times.preprocess_ms = preprocess_ms;
  if (!job.plan.automatic || !job.plan.orient || page->confidence >= kSuspectConfidence ||
      WasTurned(page->stages)) {
    return page;
  }
  start = SteadyClock::now();
  const PreparedPage turned = Prepare(image, job.plan, job.pool, /*suspects_rotation=*/true);
  page->times.preprocess_ms += MsSince(start);
  if (!WasTurned(turned.stages)) {
    return page;
  }
  auto second = Recognize(job, image, turned, index, job.options.psm);
  if (!second || second->confidence <= page->confidence) {
    if (second) {
      Spent(*page, second->times);
    }
    return page;
  }
  return Spent(*second, page->times);
}

Result<PageResult> ReadOnePage(Job& job, int index) {
  const auto start = SteadyClock::now();
  auto image = LoadPage(job.source, index);
  if (!image) {
    return image.error();
  }
  const double load_ms = MsSince(start);
  if (image->from_text_layer) {
    PageResult page = TextLayerPage(*image, index + 1);
    page.times.load_ms = load_ms;
    return page;
  }
  auto page = ReadPreprocessed(job, *image, index);
  if (!page) {
    return page;
  }
  page->times.load_ms = load_ms;
  return FallBackWhenUnsure(job, *image, index, std::move(*page));
}

void Work(Job& job) {
  for (size_t k = job.next++; k < job.indices.size() && !job.Stopped(); k = job.next++) {
    const int number = job.indices[k] + 1;
    auto page = GuardPage(number, [&] { return ReadOnePage(job, job.indices[k]); });
    // A page's buffers (tens of MB, of sizes that vary from page to page)
    // fragment the heap; without this the peak RSS of a long batch grows
    // by a page's worth every few pages.
    malloc_trim(0);
    std::lock_guard lock(job.mu);
    if (page) {
      job.results[k] = std::move(*page);
    } else {
      // One bad page fails alone: the others are read all the same.
      job.results[k] = FailedPage(number, page.error());
      job.failures[k] = page.error();
    }
    ++job.done;
    if (job.options.progress) {
      job.options.progress(job.done, static_cast<int>(job.indices.size()));
    }
  }
}

// The preprocessing plan of `options`, once its languages are known to be
// installed.
Result<PreprocessPlan> CheckedPlan(const RecognizeOptions& options) {
  auto plan = ParsePreprocess(options.preprocess);
  if (!plan) {
    return plan.error();
  }
  if (auto tessdata = FindTessdata(options.lang); !tessdata) {
    return tessdata.error();
  }
  return plan;
}

// Reads the chosen pages of `source` on up to options.workers threads.
Result<DocumentResult> ReadSource(const DocumentSource& source, const RecognizeOptions& options,
                                  const PreprocessPlan& plan, EnginePool& pool) {
  auto indices = SelectPages(source, options.pages);
  if (!indices) {
    return indices.error();
  }
  Job job{source, options, plan, pool, std::move(*indices), {}, {}, {}, {}, 0};
  job.results.resize(job.indices.size());
  job.failures.resize(job.indices.size());
  const int wanted = options.workers > 0 ? options.workers : pool.capacity();
  const int workers = std::min<int>(wanted, static_cast<int>(job.indices.size()));
  std::vector<std::thread> threads;
  for (int i = 1; i < workers; ++i) {
    threads.emplace_back([&job] { Work(job); });
  }
  Work(job);
  for (std::thread& t : threads) {
    t.join();
  }
  if (job.Stopped()) {
    return Timeout(source.name() + ": reading stopped before its " +
                   std::to_string(job.indices.size()) + " pages were read");
  }
  const bool all_failed = std::all_of(job.failures.begin(), job.failures.end(),
                                      [](const Status& s) { return !s.ok(); });
  if (all_failed && !job.failures.empty()) {
    return job.failures.front();  // nothing was read: the document failed
  }
  return DocumentResult{source.name(), std::move(job.results)};
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
  auto plan = CheckedPlan(options);  // a bad option is told before a bad file
  if (!plan) {
    return plan.error();
  }
  auto source = DocumentSource::Open(file);
  if (!source) {
    return source.error();
  }
  auto doc = ReadSource(*source, options, *plan, impl_->pool);
  if (doc) {
    doc->file = file.string();
  }
  return doc;
}

Result<DocumentResult> Recognizer::Read(const DocumentSource& source,
                                        const RecognizeOptions& options) {
  auto plan = CheckedPlan(options);
  if (!plan) {
    return plan.error();
  }
  return ReadSource(source, options, *plan, impl_->pool);
}

Result<DocumentResult> Recognizer::ReadBytes(std::string name, std::string bytes,
                                             const RecognizeOptions& options) {
  auto source = DocumentSource::FromBytes(std::move(name), std::move(bytes));
  if (!source) {
    return source.error();
  }
  return Read(*source, options);
}

}  // namespace travet::ocr
