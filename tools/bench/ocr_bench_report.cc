#include "tools/bench/ocr_bench_report.h"

#include <cstdio>

namespace travet::ocr_bench {
namespace {

struct Target {
  std::string name;
  bool measured = false;
  bool pass = false;
  std::string detail;
};

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * v);
  return buf;
}

std::string Num(double v, const char* format = "%.2f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

const ConditionRow* Row(const Results& r, const std::string& condition) {
  for (const ConditionRow& row : r.rows) {
    if (row.condition == condition) {
      return &row;
    }
  }
  return nullptr;
}

const CurvePoint* PointAt(const Results& r, int threshold) {
  for (const CurvePoint& p : r.curve) {
    if (p.threshold == threshold) {
      return &p;
    }
  }
  return nullptr;
}

void AddCerLimit(std::vector<Target>& t, const Results& r, const std::string& c, double limit) {
  const ConditionRow* row = Row(r, c);
  t.push_back({"CER " + c + " <= " + Pct(limit), row != nullptr, row && row->travet.Rate() <= limit,
               row ? Pct(row->travet.Rate()) : "no pages"});
}

void AddRatio(std::vector<Target>& t, const std::string& name, const Throughput& ours,
              const Throughput& theirs, double wanted) {
  const bool measured = ours.measured && theirs.measured && theirs.seconds > 0;
  const double ratio = measured ? ours.PagesPerMinute() / theirs.PagesPerMinute() : 0;
  t.push_back({name, measured, ratio >= wanted, Num(ratio) + "x (wanted " + Num(wanted) + "x)"});
}

void AddAccuracyTargets(std::vector<Target>& t, const Results& r) {
  const ConditionRow* clean = Row(r, "clean");
  const double deg_t = r.degraded.travet.Rate(), deg_s = r.degraded.tesseract.Rate();
  t.push_back({"CER degraded >= 40% lower than tesseract", r.tesseract, deg_t <= 0.6 * deg_s,
               Pct(deg_t) + " vs " + Pct(deg_s) + " (" +
                   Num(deg_s > 0 ? 100 * (1 - deg_t / deg_s) : 0, "%.0f") + "% lower)"});
  if (clean) {
    t.push_back({"CER clean not worse than tesseract", r.tesseract,
                 clean->travet.Rate() <= clean->tesseract.Rate(),
                 Pct(clean->travet.Rate()) + " vs " + Pct(clean->tesseract.Rate())});
  }
  t.push_back({"CER all pages <= ocrmypdf", r.ocrmypdf,
               r.all.travet.Rate() <= r.all.ocrmypdf.Rate(),
               Pct(r.all.travet.Rate()) + " vs " + Pct(r.all.ocrmypdf.Rate())});
  AddRatio(t, "speed >= 3x ocrmypdf", r.travet, r.ocrmypdf_run, 3.0);
  AddCerLimit(t, r, "clean", 0.01);
  AddCerLimit(t, r, "skewed", 0.05);
  AddCerLimit(t, r, "noisy", 0.05);
  AddCerLimit(t, r, "fax", 0.08);
  if (clean) {
    t.push_back({"fields clean >= 95%", clean->fields.total > 0, clean->fields.Match() >= 0.95,
                 Pct(clean->fields.Match())});
  }
  t.push_back({"fields degraded >= 85%", r.degraded.fields.total > 0,
               r.degraded.fields.Match() >= 0.85, Pct(r.degraded.fields.Match())});
}

void AddAcceptTargets(std::vector<Target>& t, const Results& r) {
  const CurvePoint* p = PointAt(r, static_cast<int>(r.threshold));
  if (p == nullptr) {
    return;
  }
  const std::string at = " at " + Num(r.threshold, "%.0f");
  t.push_back({"accepted fields >= 99.5% right" + at, p->all.accepted > 0,
               p->all.Precision() >= 0.995, Pct(p->all.Precision())});
  t.push_back({"auto-accepted clean >= 70%" + at, p->clean.total > 0, p->clean.AcceptRate() >= 0.70,
               Pct(p->clean.AcceptRate())});
  t.push_back({"auto-accepted degraded >= 40%" + at, p->degraded.total > 0,
               p->degraded.AcceptRate() >= 0.40, Pct(p->degraded.AcceptRate())});
}

std::vector<Target> Targets(const Results& r) {
  std::vector<Target> t;
  AddAccuracyTargets(t, r);
  AddAcceptTargets(t, r);
  AddRatio(t, "library >= 2.5x tesseract sequential", r.travet, r.tesseract_sequential, 2.5);
  AddRatio(t, "library >= 1.0x xargs -P tesseract", r.travet, r.xargs, 1.0);
  AddRatio(t, "travet ocr >= 2.5x tesseract sequential", r.cli, r.tesseract_sequential, 2.5);
  AddRatio(t, "travet ocr >= 1.0x xargs -P tesseract", r.cli, r.xargs, 1.0);
  const double overhead =
      r.recognize_ms > 0 ? (r.load_ms + r.preprocess_ms + r.extract_ms) / r.recognize_ms : 0;
  t.push_back(
      {"overhead <= 15% of recognition", r.recognize_ms > 0, overhead <= 0.15, Pct(overhead)});
  t.push_back({"peak RSS <= 250 MB with " + std::to_string(r.engines) + " engines", r.rss_kb > 0,
               r.rss_kb <= 250L * 1024, Num(r.rss_kb / 1024.0, "%.0f") + " MB"});
  return t;
}

std::string Cer(const CerCount& c, bool measured) {
  return measured && c.reference > 0 ? Pct(c.Rate()) : "-";
}

void PrintRow(const ConditionRow& row, const Results& r) {
  const std::string tf = row.tesseract_fields.total && r.tesseract
                             ? Pct(row.tesseract_fields.Match())
                             : std::string("-");
  const bool f = row.fields.total > 0;
  std::printf("%-10s %5d  %8s %9s %9s  %8s %8s  %8s %9s\n", row.condition.c_str(), row.pages,
              Cer(row.travet, true).c_str(), Cer(row.tesseract, r.tesseract).c_str(),
              Cer(row.ocrmypdf, r.ocrmypdf).c_str(), f ? Pct(row.fields.Match()).c_str() : "-",
              tf.c_str(), f ? Pct(row.fields.AcceptRate()).c_str() : "-",
              f && row.fields.accepted ? Pct(row.fields.Precision()).c_str() : "-");
}

void PrintCurve(const Results& r) {
  std::printf("\nthreshold  accepted clean / degraded / all   precision clean / degraded / all\n");
  for (const CurvePoint& p : r.curve) {
    if (p.threshold % 5 != 0 && p.threshold < 95) {
      continue;
    }
    std::printf("%9d  %14s %9s %7s   %15s %9s %7s\n", p.threshold,
                Pct(p.clean.AcceptRate()).c_str(), Pct(p.degraded.AcceptRate()).c_str(),
                Pct(p.all.AcceptRate()).c_str(), Pct(p.clean.Precision()).c_str(),
                Pct(p.degraded.Precision()).c_str(), Pct(p.all.Precision()).c_str());
  }
}

void PrintThroughput(const Throughput& t) {
  if (!t.measured) {
    std::printf("%-44s not measured%s%s\n", t.name.c_str(), t.note.empty() ? "" : ": ",
                t.note.c_str());
    return;
  }
  std::printf("%-44s %7.1f pages/min (%d pages in %.1f s)%s%s\n", t.name.c_str(),
              t.PagesPerMinute(), t.pages, t.seconds, t.note.empty() ? "" : "; ", t.note.c_str());
}

}  // namespace

void PrintReport(const Results& r) {
  std::printf("set %s, headline threshold %.0f\n\n", r.set.c_str(), r.threshold);
  std::printf("%-10s %5s  %8s %9s %9s  %8s %8s  %8s %9s\n", "condition", "pages", "CER trv",
              "CER tess", "CER ocrm", "fld trv", "fld tess", "accept", "precision");
  for (const ConditionRow& row : r.rows) {
    PrintRow(row, r);
  }
  PrintRow(r.degraded, r);
  PrintRow(r.all, r);
  PrintCurve(r);
  std::printf("\n");
  for (const Throughput* t :
       {&r.travet, &r.cli, &r.tesseract_sequential, &r.xargs, &r.ocrmypdf_run}) {
    PrintThroughput(*t);
  }
  std::printf("stage times: load %.0f ms, preprocess %.0f ms, extract %.0f ms, recognise %.0f ms\n",
              r.load_ms, r.preprocess_ms, r.extract_ms, r.recognize_ms);
  std::printf("peak RSS with %d engines: %.0f MB\n\n", r.engines, r.rss_kb / 1024.0);
  for (const Target& t : Targets(r)) {
    std::printf("%-5s %-48s %s\n",
                !t.measured ? "----"
                : t.pass    ? "PASS"
                            : "MISS",
                t.name.c_str(), t.detail.c_str());
  }
}

namespace {

Value CountJson(const FieldCount& c) {
  return {{"total", c.total},          {"right", c.right},
          {"accepted", c.accepted},    {"accepted_right", c.accepted_right},
          {"match", c.Match()},        {"accept_rate", c.AcceptRate()},
          {"precision", c.Precision()}};
}

Value RowJson(const ConditionRow& row) {
  return {{"condition", row.condition},
          {"pages", row.pages},
          {"cer_travet", row.travet.Rate()},
          {"cer_tesseract", row.tesseract.Rate()},
          {"cer_ocrmypdf", row.ocrmypdf.Rate()},
          {"fields_travet", CountJson(row.fields)},
          {"fields_tesseract", CountJson(row.tesseract_fields)}};
}

Value ThroughputJson(const Throughput& t) {
  return {{"name", t.name},
          {"measured", t.measured},
          {"pages", t.pages},
          {"seconds", t.seconds},
          {"pages_per_minute", t.PagesPerMinute()},
          {"note", t.note}};
}

}  // namespace

Value ToJson(const Results& r) {
  Value out = {{"set", r.set}, {"threshold", r.threshold}, {"engines", r.engines}};
  for (const ConditionRow* row : {&r.degraded, &r.all}) {
    out["pooled"].push_back(RowJson(*row));
  }
  for (const ConditionRow& row : r.rows) {
    out["conditions"].push_back(RowJson(row));
  }
  for (const CurvePoint& p : r.curve) {
    out["curve"].push_back({{"threshold", p.threshold},
                            {"clean", CountJson(p.clean)},
                            {"degraded", CountJson(p.degraded)},
                            {"all", CountJson(p.all)}});
  }
  for (const Throughput* t :
       {&r.travet, &r.cli, &r.tesseract_sequential, &r.xargs, &r.ocrmypdf_run}) {
    out["throughput"].push_back(ThroughputJson(*t));
  }
  out["stage_ms"] = {{"load", r.load_ms},
                     {"preprocess", r.preprocess_ms},
                     {"extract", r.extract_ms},
                     {"recognize", r.recognize_ms}};
  out["peak_rss_mb"] = r.rss_kb / 1024.0;
  for (const Target& t : Targets(r)) {
    out["targets"].push_back(
        {{"target", t.name}, {"measured", t.measured}, {"pass", t.pass}, {"detail", t.detail}});
  }
  return out;
}

}  // namespace travet::ocr_bench
