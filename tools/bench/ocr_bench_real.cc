#include "tools/bench/ocr_bench_real.h"

#include <algorithm>
#include <cstdio>

namespace travet::ocr_bench {
namespace {

constexpr const char* kTravet = "travet";
constexpr const char* kPlain = "tesseract";
constexpr double kWorseBy = 0.03;
constexpr double kSafePrecision = 0.995;
const std::vector<std::string> kCurveTypes = {"amount", "date", "text"};

double Quantile(const std::vector<double>& sorted, double q) {
  const double at = q * (sorted.size() - 1);
  const size_t low = static_cast<size_t>(at);
  const size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

std::string PctOneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

// The tuned tesseract command line with the lowest mean CER; nullptr when
// none was run.
const SystemCer* BestVariant(const SetReport& set) {
  const SystemCer* best = nullptr;
  double best_mean = 0;
  for (const SystemCer& s : set.systems) {
    if (!s.measured || !s.name.starts_with(std::string(kPlain) + " ")) {
      continue;
    }
    const double mean = Summarise(s.pages).mean;
    if (best == nullptr || mean < best_mean) {
      best = &s;
      best_mean = mean;
    }
  }
  return best;
}

void PrintSystems(const SetReport& set) {
  std::printf("%-56s %7s %7s %7s %7s %7s %8s\n", "system", "mean", "q1", "median", "q3", "pooled",
              "seconds");
  for (const SystemCer& s : set.systems) {
    if (!s.measured) {
      std::printf("%-56s not measured: %s\n", s.name.c_str(), s.note.c_str());
      continue;
    }
    const CerSummary c = Summarise(s.pages);
    std::printf("%-56s %7.3f %7.3f %7.3f %7.3f %7.3f %8.1f%s%s\n", s.name.c_str(), c.mean, c.q1,
                c.median, c.q3, c.pooled, s.seconds, s.note.empty() ? "" : "  ", s.note.c_str());
  }
  if (const SystemCer* best = BestVariant(set)) {
    const CerSummary c = Summarise(best->pages);
    std::printf("best tesseract command line measured: \"%s\": mean %.3f, median %.3f\n",
                best->name.c_str(), c.mean, c.median);
  }
}

struct PageDelta {
  std::string name;
  double travet = 0;
  double tesseract = 0;
};

void PrintPageComparison(const SetReport& set) {
  const SystemCer* travet = FindSystem(set, kTravet);
  const SystemCer* plain = FindSystem(set, kPlain);
  if (travet == nullptr || plain == nullptr) {
    return;
  }
  std::vector<PageDelta> worse;
  for (size_t i = 0; i < set.pages.size(); ++i) {
    const double t = travet->pages[i].Rate(), p = plain->pages[i].Rate();
    if (t > p) {
      worse.push_back({set.pages[i], t, p});
    }
  }
  std::sort(worse.begin(), worse.end(), [](const PageDelta& a, const PageDelta& b) {
    return a.travet - a.tesseract > b.travet - b.tesseract;
  });
  double excess = 0;
  int beyond = 0;
  for (const PageDelta& d : worse) {
    excess += d.travet - d.tesseract;
    beyond += d.travet - d.tesseract > kWorseBy;
  }
  std::printf(
      "travet reads %zu of %zu pages worse than plain tesseract (by %.3f on average); "
      "worse by more than %.2f: %d\n",
      worse.size(), set.pages.size(), worse.empty() ? 0 : excess / worse.size(), kWorseBy, beyond);
  for (size_t i = 0; i < worse.size() && i < 5; ++i) {
    std::printf("  %-16s travet %.3f  tesseract %.3f  (+%.3f)\n", worse[i].name.c_str(),
                worse[i].travet, worse[i].tesseract, worse[i].travet - worse[i].tesseract);
  }
}

void PrintFields(const SpecReport& spec, double threshold) {
  if (!spec.error.empty()) {
    std::printf("\nfields, spec %s: not measured: %s\n", spec.path.c_str(), spec.error.c_str());
    return;
  }
  std::printf("\nfields at threshold %.0f, spec %s\n", threshold, spec.path.c_str());
  std::printf("%-10s %6s %6s %6s %9s %15s %10s\n", "field", "total", "found", "exact", "accepted",
              "accepted wrong", "precision");
  for (const auto& [name, t] : spec.by_field) {
    std::printf("%-10s %6d %6d %6d %9d %15d %10s\n", name.c_str(), t.total, t.found, t.exact,
                t.accepted, t.accepted_wrong,
                t.accepted ? PctOneDecimal(t.Precision()).c_str() : "-");
  }
}

std::string CurveCell(const CurvePointByType& p, const std::string& type) {
  const auto t = p.types.find(type);
  if (t == p.types.end()) {
    return "-";
  }
  return PctOneDecimal(t->second.AcceptRate()) + " / " +
         (t->second.accepted ? PctOneDecimal(t->second.Precision()) : std::string("-"));
}

void PrintCurve(const std::vector<CurvePointByType>& curve, const std::string& what) {
  if (curve.empty()) {
    return;
  }
  std::printf("\ncalibration, %s: threshold -> auto-accepted / precision of accepted\n",
              what.c_str());
  std::printf("%9s", "threshold");
  for (const std::string& type : kCurveTypes) {
    std::printf("  %-19s", type.c_str());
  }
  std::printf("\n");
  for (const CurvePointByType& p : curve) {
    if (p.threshold % 5 == 0 || p.threshold >= 95) {
      std::printf("%9d", p.threshold);
      for (const std::string& type : kCurveTypes) {
        std::printf("  %-19s", CurveCell(p, type).c_str());
      }
      std::printf("\n");
    }
  }
  std::printf("lowest threshold with precision >= %s:", PctOneDecimal(kSafePrecision).c_str());
  for (const std::string& type : kCurveTypes) {
    const int t = LowestSafeThreshold(curve, type, kSafePrecision);
    std::printf(" %s %s", type.c_str(), t < 0 ? "none" : std::to_string(t).c_str());
  }
  std::printf("\n");
}

void PrintSummaryRow(const std::string& what, const SystemCer* s) {
  if (s == nullptr || !s->measured) {
    return;
  }
  const CerSummary c = Summarise(s->pages);
  std::printf("%-40s %6d %7.3f %7.3f %7.3f %7.3f\n", what.c_str(), c.pages, c.mean, c.q1, c.median,
              c.q3);
}

void PrintGeneratedVsReal(const RealResults& r) {
  if (r.generated.path.empty()) {
    return;
  }
  std::printf("\nplain tesseract, generated vs real\n%-40s %6s %7s %7s %7s %7s\n", "set", "pages",
              "mean", "q1", "median", "q3");
  if (!r.generated.note.empty()) {
    std::printf("%-40s not measured: %s\n", r.generated.path.c_str(), r.generated.note.c_str());
  }
  PrintSummaryRow("generated " + r.generated.path, &r.generated.tesseract);
  for (const SetReport& set : r.sets) {
    PrintSummaryRow("real " + set.name, FindSystem(set, kPlain));
  }
  PrintCurve(r.generated.curve, "generated set " + r.generated.path);
}

}  // namespace

CerSummary Summarise(const std::vector<CerCount>& pages) {
  CerSummary s;
  s.pages = static_cast<int>(pages.size());
  if (pages.empty()) {
    return s;
  }
  std::vector<double> rates;
  CerCount pooled;
  for (const CerCount& c : pages) {
    rates.push_back(c.Rate());
    pooled.Add(c);
  }
  std::sort(rates.begin(), rates.end());
  for (double v : rates) {
    s.mean += v / rates.size();
  }
  s.q1 = Quantile(rates, 0.25);
  s.median = Quantile(rates, 0.5);
  s.q3 = Quantile(rates, 0.75);
  s.pooled = pooled.Rate();
  return s;
}

const SystemCer* FindSystem(const SetReport& set, const std::string& name) {
  for (const SystemCer& s : set.systems) {
    if (s.name == name && s.measured) {
      return &s;
    }
  }
  return nullptr;
}

void PrintRealReport(const RealResults& r) {
  for (const SetReport& set : r.sets) {
    std::printf("\n== %s/%s: %zu pages, -l %s; CER per page (NFKC, whitespace collapsed%s)\n",
                r.root.c_str(), set.name.c_str(), set.pages.size(), r.lang.c_str(),
                set.name == "receipts" ? ", upper-cased" : "");
    PrintSystems(set);
    PrintPageComparison(set);
    for (const SpecReport& spec : set.specs) {
      PrintFields(spec, r.threshold);
      PrintCurve(spec.curve, set.name + ", spec " + spec.path);
    }
  }
  PrintGeneratedVsReal(r);
}

}  // namespace travet::ocr_bench
