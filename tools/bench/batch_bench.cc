// A batch of generated invoices, each a work item: read by OCR, then posted
// to the mock office. The same batch runs with `concurrency: 1`, then with
// `concurrency: N` in one process, then with `concurrency: 1` and N - 1
// workers helping with its items (each on its own store connection, as
// another process would be), against one SQLite store, after a warm-up that
// starts the OCR engines: the ratios are the scaling a back office gets from
// running items at once, and from adding workers.
//
//   batch_bench [COUNT=40] [N=2]
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "ocr/recognise/recognizer.h"
#include "runtime/actions/bot_loading.h"
#include "runtime/core/atomic_write.h"
#include "runtime/engine/runner.h"
#include "runtime/engine/worker.h"
#include "tools/mock_office/mock_office.h"
#include "tools/scangen/corpus.h"

namespace {

namespace fs = std::filesystem;
using travet::scangen::Condition;

std::string BotText(const std::string& inbox, int concurrency) {
  return "bot: batch-bench\n"
         "env: [OFFICE_URL]\n"
         "steps:\n"
         "  - id: docs\n"
         "    uses: file.list\n"
         "    with: { dir: " +
         inbox +
         ", pattern: \"*.png\" }\n"
         "  - id: each\n"
         "    foreach: \"${{ steps.docs.files }}\"\n"
         "    as: doc\n"
         "    items: true\n"
         "    concurrency: " +
         std::to_string(concurrency) +
         "\n"
         "    steps:\n"
         "      - id: read\n"
         "        uses: ocr.extract\n"
         "        with:\n"
         "          file: \"${{ doc.path }}\"\n"
         "          lang: ita+eng\n"
         "          fields:\n"
         "            numero: { pattern: 'Fattura\\s+n\\.?\\s*(\\S+)' }\n"
         "            totale: { label: 'Totale', type: amount, exclude: [parziale, IVA, pagare] }\n"
         "      - uses: http.request\n"
         "        with:\n"
         "          method: POST\n"
         "          url: \"${{ env.OFFICE_URL }}/api/invoices\"\n"
         "          json: { scan: \"${{ doc.name }}\", total: \"${{ steps.read.fields.totale.value "
         "}}\" }\n"
         "          expect: [201]\n";
}

// Generates `count` invoices, clean, skewed and noisy in turn, into `inbox`
// (a two-page invoice is two scans).
bool Generate(const fs::path& inbox, int count) {
  travet::scangen::CorpusOptions options;
  options.out = inbox;
  options.count = count;
  options.kinds = {travet::scangen::DocumentKind::kInvoice};
  options.conditions = {Condition::kClean, Condition::kSkewed, Condition::kNoisy};
  fs::create_directories(inbox);
  for (int i = 0; i < count; ++i) {
    auto document = travet::scangen::GenerateDocument(options, i);
    if (!document)
      return std::fprintf(stderr, "%s\n", document.error().message().c_str()), false;
  }
  return true;
}

// The PNG files in `inbox`: one per page, each a work item of the batch.
size_t Scans(const fs::path& inbox) {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(inbox))
    n += entry.path().extension() == ".png" ? 1 : 0;
  return n;
}

// The scans' reader of the whole process (the run and the helping workers
// alike), as `travet` has one.
travet::ocr::Recognizer& Reader() {
  static travet::ocr::Recognizer recognizer;
  return recognizer;
}

// Workers that help with the items of the batch's run, from a moment after it
// started (before, one could claim the queued run itself) until destroyed.
class Helpers {
 public:
  Helpers(const fs::path& store_path, int count) {
    for (int i = 0; i < count; ++i) {
      threads_.emplace_back([this, store_path] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto store = travet::store::OpenStore("sqlite://" + store_path.string());
        if (!store)
          return (void)std::fprintf(stderr, "%s\n", store.error().message().c_str());
        travet::engine::WorkerOptions options;
        options.store = store->get();
        options.poll = travet::Millis(50);
        options.stop = &stop_;
        options.ocr = &Reader();
        travet::engine::RunWorker(options);
      });
    }
  }
  ~Helpers() {
    stop_ = true;
    for (auto& thread : threads_)
      thread.join();
  }

 private:
  std::atomic<bool> stop_ = false;
  std::vector<std::thread> threads_;
};

// One batch: the folder of its scans, the loop's `concurrency`, and how many
// workers help with its items.
struct Batch {
  std::string inbox;
  int concurrency = 1;
  int helpers = 0;
};

// Runs `batch` (the bot in `dir`) against the office at `office_url`; the
// seconds it took, or -1.
double TimeBatch(travet::store::Store& store, const fs::path& dir, const Batch& batch,
                 const std::string& office_url) {
  const auto& [inbox, concurrency, helpers] = batch;
  // A file, as a worker loads the bot of a run from the file recorded with it.
  const fs::path bot_file = dir / "batch-bench.yaml";
  if (auto written = travet::WriteFileAtomic(bot_file, BotText(inbox, concurrency)); !written.ok())
    return std::fprintf(stderr, "%s\n", written.message().c_str()), -1;
  auto loaded = travet::actions::LoadBot(bot_file.string());
  if (!loaded.ok())
    return std::fprintf(stderr, "%s\n", loaded.errors[0].c_str()), -1;
  travet::engine::RunOptions options;
  options.store = &store;
  options.work_dir = dir;
  options.ocr = &Reader();
  options.getenv = [office_url](const std::string& name) {
    return name == "OFFICE_URL" ? std::optional<std::string>(office_url) : std::nullopt;
  };
  auto start = std::chrono::steady_clock::now();
  Helpers workers(dir / "bench.db", helpers);
  auto outcome = travet::engine::RunBot(*loaded.bot, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!outcome || outcome->state != travet::store::RunState::kSucceeded) {
    std::fprintf(stderr, "batch failed: %s\n",
                 outcome ? outcome->error.c_str() : outcome.error().message().c_str());
    return -1;
  }
  return seconds;
}

int Run(int count, int concurrency, const fs::path& dir) {
  if (!Generate(dir / "inbox", count) || !Generate(dir / "warmup", concurrency))
    return 1;
  auto store = travet::store::OpenStore("sqlite://" + (dir / "bench.db").string());
  if (!store)
    return std::fprintf(stderr, "%s\n", store.error().message().c_str()), 1;
  travet::mock_office::MockOffice office;
  if (!office.Start().ok())
    return std::fprintf(stderr, "mock office did not start\n"), 1;
  if (TimeBatch(**store, dir, {"warmup", concurrency}, office.url()) < 0)
    return 1;
  office.Reset();
  double one = TimeBatch(**store, dir, {"inbox", 1}, office.url());
  size_t posted_one = office.Records("invoices").size();
  office.Reset();
  double many = TimeBatch(**store, dir, {"inbox", concurrency}, office.url());
  size_t posted_many = office.Records("invoices").size();
  office.Reset();
  ::setenv("OFFICE_URL", office.url().c_str(), 1);  // the workers' bots read the environment
  double helped = TimeBatch(**store, dir, {"inbox", 1, concurrency - 1}, office.url());
  size_t posted_helped = office.Records("invoices").size();
  if (one < 0 || many < 0 || helped < 0)
    return 1;
  const size_t scans = Scans(dir / "inbox");
  std::printf("invoices             %d, %zu scans (posted %zu, %zu and %zu)\n", count, scans,
              posted_one, posted_many, posted_helped);
  std::printf("concurrency 1        %.1f s  %.2f scans/s\n", one, scans / one);
  std::printf("concurrency %-8d %.1f s  %.2f scans/s  speed-up %.2fx\n", concurrency, many,
              scans / many, one / many);
  std::printf("1 + %d worker%s         %.1f s  %.2f scans/s  speed-up %.2fx\n", concurrency - 1,
              concurrency == 2 ? " " : "s", helped, scans / helped, one / helped);
  return posted_one == scans && posted_many == scans && posted_helped == scans ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 40;
  int concurrency = argc > 2 ? std::atoi(argv[2]) : 2;
  if (count < 1 || concurrency < 1)
    return std::fprintf(stderr, "usage: batch_bench [COUNT=40] [N=2]\n"), 2;
  fs::path dir = fs::temp_directory_path() / ("travet-batch-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  int rc = Run(count, concurrency, dir);
  fs::remove_all(dir);
  return rc;
}
