#include "tools/bench/ocr_bench_real_json.h"

namespace travet::ocr_bench {
namespace {

Value SummaryJson(const SystemCer& s) {
  const CerSummary c = Summarise(s.pages);
  return {{"name", s.name},   {"measured", s.measured}, {"note", s.note}, {"seconds", s.seconds},
          {"pages", c.pages}, {"mean", c.mean},         {"q1", c.q1},     {"median", c.median},
          {"q3", c.q3},       {"pooled", c.pooled}};
}

Value TallyJson(const FieldTally& t) {
  return {{"total", t.total},
          {"found", t.found},
          {"exact", t.exact},
          {"accepted", t.accepted},
          {"accepted_wrong", t.accepted_wrong},
          {"accept_rate", t.AcceptRate()},
          {"precision", t.Precision()}};
}

Value CurveJson(const std::vector<CurvePointByType>& curve) {
  Value out = Value::array();
  for (const CurvePointByType& p : curve) {
    Value point = {{"threshold", p.threshold}};
    for (const auto& [type, tally] : p.types) {
      point["types"][type] = TallyJson(tally);
    }
    out.push_back(std::move(point));
  }
  return out;
}

Value PagesJson(const SetReport& set) {
  Value pages = Value::array();
  for (size_t i = 0; i < set.pages.size(); ++i) {
    Value page = {{"name", set.pages[i]}};
    for (const SystemCer& s : set.systems) {
      if (s.measured) {
        page["cer"][s.name] = s.pages[i].Rate();
        page["reference_chars"] = s.pages[i].reference;
      }
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

Value SetJson(const SetReport& set) {
  Value out = {{"name", set.name}, {"systems", Value::array()}, {"specs", Value::array()}};
  for (const SystemCer& s : set.systems) {
    out["systems"].push_back(SummaryJson(s));
  }
  out["pages"] = PagesJson(set);
  for (const SpecReport& spec : set.specs) {
    Value v = {{"path", spec.path}, {"error", spec.error}, {"curve", CurveJson(spec.curve)}};
    for (const auto& [name, tally] : spec.by_field) {
      v["fields"][name] = TallyJson(tally);
    }
    out["specs"].push_back(std::move(v));
  }
  return out;
}

}  // namespace

Value RealJson(const RealResults& r) {
  Value out = {{"root", r.root}, {"lang", r.lang}, {"threshold", r.threshold}};
  for (const SetReport& set : r.sets) {
    out["sets"].push_back(SetJson(set));
  }
  if (!r.generated.path.empty()) {
    Value g = {{"path", r.generated.path}, {"note", r.generated.note}};
    g["tesseract"] = SummaryJson(r.generated.tesseract);
    g["curve"] = CurveJson(r.generated.curve);
    out["generated"] = std::move(g);
  }
  return out;
}

}  // namespace travet::ocr_bench
