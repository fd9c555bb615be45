// OCR benchmark: accuracy (CER, field exact match) of Travet's
// pipeline against plain `tesseract` and `ocrmypdf` on a travet-scangen set,
// the confidence curve (threshold -> auto-accept rate and precision),
// throughput against the tesseract CLI run the ways a shell user would,
// per-stage overhead, and peak RSS. Every comparison is measured in this one
// process, so that ratios hold on a busy machine.
//
//   travet-scangen --out /tmp/scans --count 63 --seed 1
//   ocr_bench --set /tmp/scans [--jobs 2] [--engines 2] [--threshold 85]
//             [--skip-ocrmypdf] [--skip-tesseract] [--skip-cli] [--travet PATH]
//             [--rounds N] [--json OUT]
//
// --rounds N times the throughput systems N times, in turn, and keeps each
// one's fastest run (accuracy comes from the first round).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>

#include "tools/bench/ocr_bench_report.h"
#include "tools/bench/ocr_bench_runners.h"

namespace {

namespace fs = std::filesystem;
using namespace travet::ocr_bench;  // NOLINT: a main file

struct Options {
  fs::path set;
  fs::path json;
  fs::path travet;
  int jobs = 2;
  int engines = 2;
  double threshold = 85;
  int rss_per_condition = 2;
  bool skip_ocrmypdf = false;
  bool skip_tesseract = false;
  bool skip_cli = false;
  bool show_misses = false;
  bool show_pages = false;
  int rounds = 1;
};

fs::path SelfPath() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec);
}

bool ParseArgs(int argc, char** argv, Options& o) {
  o.travet = SelfPath().parent_path().parent_path() / "travet" / "travet";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--set" && has_value) {
      o.set = argv[++i];
    } else if (a == "--json" && has_value) {
      o.json = argv[++i];
    } else if (a == "--travet" && has_value) {
      o.travet = argv[++i];
    } else if (a == "--jobs" && has_value) {
      o.jobs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--engines" && has_value) {
      o.engines = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--threshold" && has_value) {
      o.threshold = std::atof(argv[++i]);
    } else if (a == "--rounds" && has_value) {
      o.rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--show-misses") {
      o.show_misses = true;
    } else if (a == "--show-pages") {
      o.show_pages = true;
    } else if (a == "--skip-ocrmypdf" || a == "--skip-tesseract" || a == "--skip-cli") {
      (a == "--skip-ocrmypdf"    ? o.skip_ocrmypdf
       : a == "--skip-tesseract" ? o.skip_tesseract
                                 : o.skip_cli) = true;
    } else {
      std::fprintf(stderr, "ocr_bench: unknown or incomplete option '%s'\n", a.c_str());
      return false;
    }
  }
  if (o.set.empty()) {
    std::fprintf(stderr,
                 "usage: ocr_bench --set DIR [--jobs N] [--engines N] [--threshold T] "
                 "[--skip-ocrmypdf] [--skip-tesseract] [--skip-cli] [--travet PATH] "
                 "[--rounds N] [--show-misses] [--show-pages] [--json OUT]\n");
    return false;
  }
  return true;
}

// The peak resident set of this process since its exec, in KB (VmHWM).
long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) {
      return std::atol(line.c_str() + 6);
    }
  }
  return 0;
}

// The hidden child mode: reads the images with Travet and prints its peak
// RSS. Not wait4's ru_maxrss: posix_spawn starts the child with vfork, and
// exec folds the parent's high-water mark (the bench holding every result)
// into the child's ru_maxrss. VmHWM belongs to the memory of the new image.
int RssChild(int argc, char** argv) {
  const int engines = std::atoi(argv[2]);
  std::vector<fs::path> images(argv + 3, argv + argc);
  const SystemRun run = RunTravet(images, engines);
  std::printf("%ld\n", PeakRssKb());
  return run.failed == 0 ? 0 : 1;
}

std::vector<fs::path> Images(const BenchSet& set) {
  std::vector<fs::path> images;
  for (const BenchPage& page : set.pages) {
    images.push_back(page.image);
  }
  return images;
}

ConditionRow& RowFor(Results& r, const std::string& condition) {
  for (ConditionRow& row : r.rows) {
    if (row.condition == condition) {
      return row;
    }
  }
  r.rows.push_back({});
  r.rows.back().condition = condition;
  return r.rows.back();
}

// Adds `f` to the rows of `condition`, the degraded pool and the total.
template <typename F>
void ForRows(Results& r, const std::string& condition, F f) {
  f(RowFor(r, condition));
  if (IsTargetDegraded(condition)) {
    f(r.degraded);
  }
  f(r.all);
}

void ScoreText(Results& r, const BenchSet& set, const SystemRun& run,
               CerCount ConditionRow::*member) {
  for (size_t i = 0; i < set.pages.size(); ++i) {
    const CerCount c = CountErrors(set.pages[i].text, run.ok[i] ? run.pages[i].text : "");
    ForRows(r, set.pages[i].condition, [&](ConditionRow& row) { (row.*member).Add(c); });
  }
}

bool HasFields(const BenchDocument& doc) {
  return doc.kind == "invoice" && !doc.fields.empty();
}

// Prints each field read wrong (to stderr) for the analysis of misses.
void ShowMisses(const BenchDocument& doc, const std::vector<travet::ocr::FieldResult>& fields) {
  for (const travet::ocr::FieldResult& f : fields) {
    auto truth = doc.fields.find(f.name);
    if (truth != doc.fields.end() && (!f.found || f.value != truth->second)) {
      std::fprintf(stderr, "miss %s %s: true '%s' read '%s' raw '%s' conf %.0f %s%s\n",
                   doc.name.c_str(), f.name.c_str(), truth->second.c_str(), f.value.c_str(),
                   f.raw.c_str(), f.confidence, f.verdict.c_str(), f.accepted ? " ACCEPTED" : "");
    }
  }
}

// Fields at the headline threshold, the curve, and the extraction time.
void ScoreTravetFields(Results& r, const BenchSet& set, const SystemRun& run,
                       const travet::ocr::FieldSet& specs, bool show_misses) {
  for (int t = 50; t <= 99; ++t) {
    r.curve.push_back({t, {}, {}, {}});
  }
  for (const BenchDocument& doc : set.documents) {
    if (!HasFields(doc)) {
      continue;
    }
    const travet::ocr::DocumentResult result = DocumentOf(doc, run);
    const auto start = std::chrono::steady_clock::now();
    const auto fields = ExtractLikeTheBot(result, specs, r.threshold);
    r.extract_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const FieldCount headline = ScoreFields(fields, doc);
    if (show_misses) {
      ShowMisses(doc, fields);
    }
    ForRows(r, doc.condition, [&](ConditionRow& row) { row.fields.Add(headline); });
    for (CurvePoint& p : r.curve) {
      const FieldCount c = ScoreFields(ExtractLikeTheBot(result, specs, p.threshold), doc);
      p.all.Add(c);
      if (doc.condition == "clean") {
        p.clean.Add(c);
      } else if (IsTargetDegraded(doc.condition)) {
        p.degraded.Add(c);
      }
    }
  }
}

void ScoreTesseractFields(Results& r, const BenchSet& set, const SystemRun& run,
                          const travet::ocr::FieldSet& specs) {
  for (const BenchDocument& doc : set.documents) {
    if (HasFields(doc)) {
      const FieldCount c =
          ScoreFields(ExtractLikeTheBot(DocumentOf(doc, run), specs, r.threshold), doc);
      ForRows(r, doc.condition, [&](ConditionRow& row) { row.tesseract_fields.Add(c); });
    }
  }
}

Throughput Line(const std::string& name, int pages, double seconds, int failed,
                const std::string& failure) {
  Throughput t{name, true, pages, seconds, ""};
  if (failed > 0) {
    t.note = std::to_string(failed) + " failed, first: " + failure;
  }
  return t;
}

// Prints each page's stages, times and CER (to stderr).
void ShowPages(const BenchSet& set, const SystemRun& run) {
  for (size_t i = 0; i < set.pages.size(); ++i) {
    const travet::ocr::PageResult& p = run.pages[i];
    std::string stages;
    for (const std::string& s : p.stages) {
      stages += " " + s;
    }
    std::fprintf(stderr, "page %-28s load %4.0f prep %5.0f rec %5.0f ms conf %4.1f CER %6.2f%%%s\n",
                 set.pages[i].name.c_str(), p.times.load_ms, p.times.preprocess_ms,
                 p.times.recognize_ms, p.confidence,
                 100 * CountErrors(set.pages[i].text, p.text).Rate(), stages.c_str());
  }
}

// The library's throughput line and stage times, from `run`.
void KeepTravetTimes(Results& r, const BenchSet& set, const Options& o, const SystemRun& run) {
  r.travet = Line("travet library, " + std::to_string(o.engines) + " engines",
                  static_cast<int>(set.pages.size()), run.seconds, run.failed, run.first_failure);
  r.load_ms = r.preprocess_ms = r.recognize_ms = 0;
  for (const travet::ocr::PageResult& page : run.pages) {
    r.load_ms += page.times.load_ms;
    r.preprocess_ms += page.times.preprocess_ms;
    r.recognize_ms += page.times.recognize_ms;
  }
}

void MeasureTravet(Results& r, const BenchSet& set, const Options& o,
                   const travet::ocr::FieldSet& specs) {
  std::fprintf(stderr, "travet (library, %d engines)...\n", o.engines);
  const SystemRun run = RunTravet(Images(set), o.engines);
  KeepTravetTimes(r, set, o, run);
  if (o.show_pages) {
    ShowPages(set, run);
  }
  ScoreText(r, set, run, &ConditionRow::travet);
  ScoreTravetFields(r, set, run, specs, o.show_misses);
  for (size_t i = 0; i < set.pages.size(); ++i) {
    ForRows(r, set.pages[i].condition, [](ConditionRow& row) { ++row.pages; });
  }
}

void MeasureTesseract(Results& r, const BenchSet& set, const fs::path& work,
                      const travet::ocr::FieldSet& specs) {
  const int pages = static_cast<int>(set.pages.size());
  std::fprintf(stderr, "tesseract, one page after the other...\n");
  auto run = RunTesseract(Images(set), work);
  if (!run) {
    r.tesseract_sequential.note = run.error().message();
    return;
  }
  r.tesseract = true;
  r.tesseract_sequential = Line("tesseract CLI, sequential (OpenMP on)", pages, run->seconds,
                                run->failed, run->first_failure);
  ScoreText(r, set, *run, &ConditionRow::tesseract);
  ScoreTesseractFields(r, set, *run, specs);
  std::fprintf(stderr, "xargs -P tesseract...\n");
  auto xargs = RunXargsTesseract(Images(set), work);
  if (xargs) {
    r.xargs = Line("xargs -P" + std::to_string(sysconf(_SC_NPROCESSORS_ONLN)) +
                       " tesseract, OMP_THREAD_LIMIT=1",
                   pages, xargs->seconds, xargs->failed, xargs->first_failure);
  } else {
    r.xargs.note = xargs.error().message();
  }
}

void MeasureCli(Results& r, const BenchSet& set, const fs::path& work, const Options& o) {
  r.cli.name = "travet ocr --json --workers " + std::to_string(o.engines);
  if (!fs::exists(o.travet)) {
    r.cli.note = o.travet.string() + " not built";
    return;
  }
  std::fprintf(stderr, "travet ocr...\n");
  auto run = RunTravetCli(o.travet, Images(set), work, o.engines);
  if (!run) {
    r.cli.note = run.error().message();
    return;
  }
  r.cli = Line(r.cli.name, static_cast<int>(set.pages.size()), run->seconds, run->failed,
               run->first_failure);
}

void MeasureOcrmypdf(Results& r, const BenchSet& set, const fs::path& work, const Options& o) {
  const bool clean = OnPath("unpaper");
  r.ocrmypdf_run.name = "ocrmypdf --deskew" + std::string(clean ? " --clean" : "") + ", " +
                        std::to_string(o.jobs) + " files at once";
  if (!OnPath("ocrmypdf")) {
    r.ocrmypdf_run.note = "ocrmypdf not installed";
    return;
  }
  std::fprintf(stderr, "ocrmypdf...\n");
  OcrmypdfOptions options;
  options.jobs = o.jobs;
  auto run = RunOcrmypdf(Images(set), work, options);
  if (!run) {
    r.ocrmypdf_run.note = run.error().message();
    return;
  }
  r.ocrmypdf = true;
  r.ocrmypdf_run = Line(r.ocrmypdf_run.name, static_cast<int>(set.pages.size()), run->seconds,
                        run->failed, run->first_failure);
  if (!clean) {
    r.ocrmypdf_run.note += std::string(r.ocrmypdf_run.note.empty() ? "" : "; ") +
                           "--clean left out: unpaper is not installed";
  }
  ScoreText(r, set, *run, &ConditionRow::ocrmypdf);
}

// Keeps `later` in place of `kept` when it ran faster: on a shared machine the
// fastest of several runs is the least disturbed one.
void KeepFaster(Throughput& kept, const Throughput& later) {
  if (later.seconds > 0 && (kept.seconds <= 0 || later.seconds < kept.seconds)) {
    kept = later;
  }
}

// A later round: every system timed again in the same order (so each sees
// the machine's moods in turn), its fastest run kept. Accuracy comes from the
// first round; the pipeline's outputs do not change between runs.
void TimeAgain(Results& r, const BenchSet& set, const fs::path& work, const Options& o) {
  const SystemRun run = RunTravet(Images(set), o.engines);
  if (run.failed == 0 && run.seconds < r.travet.seconds) {
    KeepTravetTimes(r, set, o, run);
  }
  Results again;
  if (!o.skip_cli) {
    MeasureCli(again, set, work, o);
    KeepFaster(r.cli, again.cli);
  }
  if (!o.skip_tesseract) {
    MeasureTesseract(again, set, work, {});
    KeepFaster(r.tesseract_sequential, again.tesseract_sequential);
    KeepFaster(r.xargs, again.xargs);
  }
}

// A few pages of every condition in a child process, measured with wait4.
void MeasureRss(Results& r, const BenchSet& set, const fs::path& work, const Options& o) {
  std::vector<std::string> argv = {SelfPath().string(), "--rss-child", std::to_string(o.engines)};
  std::map<std::string, int> taken;
  for (const BenchPage& page : set.pages) {
    if (taken[page.condition]++ < o.rss_per_condition) {
      argv.push_back(page.image.string());
    }
  }
  std::fprintf(stderr, "peak RSS child (%zu pages)...\n", argv.size() - 3);
  const fs::path out = work / "rss.txt";
  auto run = RunBatch({{argv, {}, out}}, 1);
  if (run && run->failed == 0) {
    std::ifstream in(out);
    in >> r.rss_kb;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--rss-child") == 0) {
    return RssChild(argc, argv);
  }
  Options o;
  if (!ParseArgs(argc, argv, o)) {
    return 2;
  }
  auto set = LoadSet(o.set);
  auto specs = ReadInvoiceBotFieldSet(o.set / "fields.yaml");
  if (!set || !specs) {
    std::fprintf(stderr, "ocr_bench: %s\n", (!set ? set.error() : specs.error()).message().c_str());
    return 1;
  }
  const fs::path work = fs::temp_directory_path() / ("ocr-bench-" + std::to_string(getpid()));
  fs::create_directories(work);
  Results r;
  r.set = o.set.string();
  r.threshold = o.threshold;
  r.engines = o.engines;
  r.degraded.condition = "degraded*";
  r.all.condition = "all";
  for (const std::string& c : ConditionsOf(*set)) {
    RowFor(r, c);
  }
  MeasureTravet(r, *set, o, *specs);
  if (!o.skip_cli) {
    MeasureCli(r, *set, work, o);
  }
  if (!o.skip_tesseract) {
    MeasureTesseract(r, *set, work, *specs);
  }
  for (int round = 2; round <= o.rounds; ++round) {
    std::fprintf(stderr, "round %d: timing again...\n", round);
    TimeAgain(r, *set, work, o);
  }
  if (!o.skip_ocrmypdf) {
    MeasureOcrmypdf(r, *set, work, o);
  }
  MeasureRss(r, *set, work, o);
  PrintReport(r);
  std::printf("* degraded = skewed + fax + noisy + lowdpi\n");
  std::printf("timings: fastest of %d round%s (systems timed in turn)\n", o.rounds,
              o.rounds == 1 ? "" : "s");
  if (!o.json.empty()) {
    std::ofstream(o.json) << ToJson(r).dump(2) << '\n';
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  return 0;
}
