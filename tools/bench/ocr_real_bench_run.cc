#include "tools/bench/ocr_real_bench_run.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "tools/bench/ocr_bench_fields.h"
#include "tools/bench/ocr_bench_generated.h"
#include "tools/bench/ocr_bench_real_cer.h"
#include "tools/bench/ocr_bench_real_set.h"
#include "tools/bench/ocr_bench_receipt_truth.h"
#include "tools/bench/ocr_bench_tesseract_variant.h"

namespace travet::ocr_bench {

// Measured on the first 30 pages of each real set with --search: no tuned
// line beat the plain one on the receipts (--psm 6 came closest); on the
// forms, 2x upscale with --psm 6 did best. The 2x + psm 6 + Sauvola
// is kept as the reference it quotes.
const std::vector<std::string> kTunedTesseract = {
    "--psm 6",
    "x2 --psm 6",
    "x2 --psm 6 -c thresholding_method=2",
};

const std::vector<std::string> kSearchTesseract = {
    "--psm 4",
    "--psm 6",
    "--psm 11",
    "-c thresholding_method=2",
    "--oem 1",
    "--psm 6 -c thresholding_method=2",
    "x2 --psm 6",
    "x2 --psm 4 -c thresholding_method=2",
    "x2 --psm 11 -c thresholding_method=2",
    "x2 --dpi 300 --psm 6 -c thresholding_method=2",
    "x2 --psm 6 -c thresholding_method=1",
    "x1.5 --psm 6 -c thresholding_method=2",
    "x3 --psm 6 -c thresholding_method=2",
};

namespace {

namespace fs = std::filesystem;

// Scans that record no resolution: receipts are about 150 dpi (an 80 mm roll
// in some 470 pixels), the forms about 90 (an 11-inch page in 1000 pixels).
constexpr int kReceiptDpi = 150;
constexpr int kFormDpi = 90;

std::vector<fs::path> Images(const std::vector<RealPage>& pages) {
  std::vector<fs::path> images;
  images.reserve(pages.size());
  for (const RealPage& p : pages) {
    images.push_back(p.image);
  }
  return images;
}

// CER of each page of `run` against `pages`; a failed page counts as empty.
SystemCer Score(const std::string& name, const SystemRun& run, const std::vector<RealPage>& pages) {
  SystemCer s{name, true, "", {}, run.seconds};
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string& text = run.ok[i] ? run.pages[i].text : "";
    s.pages.push_back(
        CountRealErrors(pages[i].reference, text, pages[i].kind == RealKind::kReceipts));
  }
  if (run.failed > 0) {
    s.note = std::to_string(run.failed) + " failed, first: " + run.first_failure;
  }
  return s;
}

Result<std::vector<TesseractVariant>> Variants(const RealBenchOptions& o) {
  std::vector<std::string> labels = {""};
  if (!o.plain_only) {
    labels.insert(labels.end(), kTunedTesseract.begin(), kTunedTesseract.end());
  }
  labels.insert(labels.end(), o.variants.begin(), o.variants.end());
  if (o.search) {
    labels.insert(labels.end(), kSearchTesseract.begin(), kSearchTesseract.end());
  }
  std::vector<TesseractVariant> variants;
  for (const std::string& label : labels) {
    auto v = ParseTesseractVariant(label);
    if (!v) {
      return v.error();
    }
    const bool seen = std::any_of(variants.begin(), variants.end(),
                                  [&](const TesseractVariant& w) { return w.label == v->label; });
    if (!seen) {
      variants.push_back(std::move(*v));
    }
  }
  return variants;
}

Result<SystemCer> MeasureVariant(const std::vector<RealPage>& pages, const TesseractVariant& v,
                                 const RealBenchOptions& o, const fs::path& dir) {
  const std::string name = v.label.empty() ? "tesseract" : "tesseract " + v.label;
  std::fprintf(stderr, "%s...\n", name.c_str());
  VariantRunOptions options{o.lang, o.jobs,
                            dir / ("v" + std::to_string(std::hash<std::string>{}(v.label))),
                            dir / "scaled"};
  fs::create_directories(options.work);
  fs::create_directories(options.scaled);
  auto run = RunTesseractVariant(Images(pages), v, options);
  if (!run) {
    return run.error();
  }
  return Score(name, *run, pages);
}

SystemCer MeasureOcrmypdf(const std::vector<RealPage>& pages, const RealBenchOptions& o,
                          const fs::path& dir) {
  SystemCer s{"ocrmypdf --deskew --clean", false, "", {}, 0};
  if (!OnPath("ocrmypdf") || !OnPath("unpaper")) {
    s.note = "ocrmypdf or unpaper is not installed";
    return s;
  }
  std::fprintf(stderr, "%s...\n", s.name.c_str());
  OcrmypdfOptions options;
  options.jobs = o.jobs;
  options.lang = o.lang;
  options.image_dpi = pages.front().kind == RealKind::kReceipts ? kReceiptDpi : kFormDpi;
  options.env = {"OMP_THREAD_LIMIT=1"};
  fs::create_directories(dir / "ocrmypdf");
  auto run = RunOcrmypdf(Images(pages), dir / "ocrmypdf", options);
  if (!run) {
    s.note = run.error().message();
    return s;
  }
  return Score(s.name, *run, pages);
}

void ShowMisses(const std::vector<TruthDocument>& docs, const ocr::FieldSet& set,
                double threshold) {
  const std::vector<ocr::FieldSpec>& specs = set.specs;
  for (const TruthDocument& doc : docs) {
    for (const ocr::FieldResult& f : ExtractLikeTheBot(doc.read, set, threshold)) {
      const auto truth = doc.truths.find(f.name);
      const auto spec = std::find_if(specs.begin(), specs.end(),
                                     [&](const ocr::FieldSpec& s) { return s.name == f.name; });
      if (truth == doc.truths.end() || (f.found && SameValue(spec->type, f.value, truth->second))) {
        continue;
      }
      std::fprintf(stderr, "miss %s %s: true '%s' read '%s' conf %.0f %s%s\n",
                   doc.read.file.c_str(), f.name.c_str(), truth->second.c_str(), f.value.c_str(),
                   f.confidence, f.verdict.c_str(), f.accepted ? " ACCEPTED" : "");
    }
  }
}

SpecReport MeasureSpec(const fs::path& path, const std::vector<TruthDocument>& docs,
                       const RealBenchOptions& o) {
  SpecReport report{path.string(), "", {}, {}};
  auto set = ReadFieldSet(path);
  if (!set) {
    report.error = set.error().message();
    return report;
  }
  if (o.show_misses) {
    ShowMisses(docs, *set, o.threshold);
  }
  report.by_field = TallyByField(docs, *set, o.threshold);
  report.curve = CurveByType(docs, *set, 50, 99);
  return report;
}

std::vector<TruthDocument> ReceiptDocuments(const std::vector<RealPage>& pages,
                                            const SystemRun& run) {
  std::vector<TruthDocument> docs;
  for (size_t i = 0; i < pages.size(); ++i) {
    ocr::DocumentResult read{pages[i].name, {}};
    if (run.ok[i]) {
      read.pages.push_back(run.pages[i]);
    }
    docs.push_back({std::move(read), ReceiptTruths(pages[i].fields)});
  }
  return docs;
}

void MeasureTravet(SetReport& report, const std::vector<RealPage>& pages,
                   const RealBenchOptions& o) {
  std::fprintf(stderr, "travet (library, %d engines, %s)...\n", o.jobs, o.lang.c_str());
  const SystemRun run = RunTravet(Images(pages), o.jobs, o.lang);
  report.systems.insert(report.systems.begin(), Score("travet", run, pages));
  if (pages.front().kind == RealKind::kReceipts) {
    const std::vector<TruthDocument> docs = ReceiptDocuments(pages, run);
    for (const fs::path& spec : o.fields) {
      report.specs.push_back(MeasureSpec(spec, docs, o));
    }
  }
}

Result<SetReport> MeasureSet(RealKind kind, const RealBenchOptions& o) {
  auto pages = LoadRealSet(o.real, kind, o.limit);
  if (!pages) {
    return pages.error();
  }
  SetReport report{RealKindName(kind), {}, {}, {}};
  if (pages->empty()) {
    return report;
  }
  for (const RealPage& p : *pages) {
    report.pages.push_back(p.name);
  }
  auto variants = Variants(o);
  if (!variants) {
    return variants.error();
  }
  const fs::path dir = o.work / report.name;
  for (const TesseractVariant& v : *variants) {
    auto s = MeasureVariant(*pages, v, o, dir);
    if (!s) {
      return s.error();
    }
    report.systems.push_back(std::move(*s));
  }
  if (!o.skip_ocrmypdf) {
    report.systems.push_back(MeasureOcrmypdf(*pages, o, dir));
  }
  if (!o.skip_travet) {
    MeasureTravet(report, *pages, o);
  }
  return report;
}

}  // namespace

Result<RealResults> RunRealBench(const RealBenchOptions& o) {
  RealResults r{o.real.string(), o.lang, o.threshold, {}, {}};
  for (RealKind kind : {RealKind::kReceipts, RealKind::kForms}) {
    if (!o.only.empty() && o.only != RealKindName(kind)) {
      continue;
    }
    auto set = MeasureSet(kind, o);
    if (!set) {
      return set.error();
    }
    r.sets.push_back(std::move(*set));
  }
  if (!o.set.empty()) {
    GeneratedOptions g{o.set, o.work / "generated", o.jobs, o.limit, o.skip_travet};
    r.generated = MeasureGenerated(g);
  }
  return r;
}

}  // namespace travet::ocr_bench
