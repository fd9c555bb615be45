#include "tools/bench/ocr_bench_generated.h"

#include <algorithm>
#include <cstdio>

#include "tools/bench/ocr_bench_fields.h"
#include "tools/bench/ocr_bench_real_cer.h"
#include "tools/bench/ocr_bench_set.h"
#include "tools/bench/ocr_bench_tesseract_variant.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLang = "ita+eng";

void Limit(BenchSet& set, int limit) {
  if (limit <= 0 || set.pages.size() <= static_cast<size_t>(limit)) {
    return;
  }
  set.pages.resize(limit);
  std::erase_if(set.documents, [&](const BenchDocument& d) {
    return std::any_of(d.pages.begin(), d.pages.end(), [&](int i) { return i >= limit; });
  });
}

// Whether `doc` has a true value for every field of `specs`: the spec is for
// its kind (a set's fields.yaml speaks of one kind: invoices, or receipts).
bool HasEveryField(const BenchDocument& doc, const std::vector<ocr::FieldSpec>& specs) {
  return std::all_of(specs.begin(), specs.end(),
                     [&](const ocr::FieldSpec& s) { return doc.fields.contains(s.name); });
}

std::vector<fs::path> Images(const BenchSet& set) {
  std::vector<fs::path> images;
  for (const BenchPage& p : set.pages) {
    images.push_back(p.image);
  }
  return images;
}

void MeasureTesseract(GeneratedReport& r, const BenchSet& set, const GeneratedOptions& o) {
  std::fprintf(stderr, "generated set: tesseract...\n");
  VariantRunOptions options{kLang, o.jobs, o.work / "tesseract", o.work / "scaled"};
  fs::create_directories(options.work);
  auto run = RunTesseractVariant(Images(set), {"", 1, {}}, options);
  if (!run) {
    r.note = run.error().message();
    return;
  }
  r.tesseract = {"tesseract", true, "", {}, run->seconds};
  for (size_t i = 0; i < set.pages.size(); ++i) {
    r.tesseract.pages.push_back(CountRealErrors(set.pages[i].text, run->pages[i].text, false));
  }
}

void MeasureCurve(GeneratedReport& r, const BenchSet& set, const GeneratedOptions& o) {
  auto fields = ReadInvoiceBotFieldSet(o.set / "fields.yaml");
  if (!fields) {
    r.note = fields.error().message();
    return;
  }
  std::fprintf(stderr, "generated set: travet (%d engines, %s)...\n", o.jobs, kLang);
  const SystemRun run = RunTravet(Images(set), o.jobs, kLang);
  std::vector<TruthDocument> docs;
  for (const BenchDocument& doc : set.documents) {
    if (HasEveryField(doc, fields->specs)) {
      docs.push_back({DocumentOf(doc, run), doc.fields});
    }
  }
  r.curve = CurveByType(docs, *fields, 50, 99);
}

}  // namespace

GeneratedReport MeasureGenerated(const GeneratedOptions& o) {
  GeneratedReport r;
  r.path = o.set.string();
  auto set = LoadSet(o.set);
  if (!set) {
    r.note = set.error().message();
    return r;
  }
  Limit(*set, o.limit);
  fs::create_directories(o.work);
  MeasureTesseract(r, *set, o);
  if (!o.skip_travet) {
    MeasureCurve(r, *set, o);
  }
  return r;
}

}  // namespace travet::ocr_bench
