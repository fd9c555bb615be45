#include "tools/bench/ocr_bench_field_tally.h"

#include <cctype>

#include "tools/bench/ocr_bench_fields.h"

namespace travet::ocr_bench {
namespace {

std::string UpperCollapsed(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::map<std::string, ocr::FieldType> TypesOf(const std::vector<ocr::FieldSpec>& specs) {
  std::map<std::string, ocr::FieldType> types;
  for (const ocr::FieldSpec& spec : specs) {
    types[spec.name] = spec.type;
  }
  return types;
}

FieldTally Score(const ocr::FieldResult& field, ocr::FieldType type, const std::string& truth) {
  const bool exact = field.found && SameValue(type, field.value, truth);
  return {1, field.found ? 1 : 0, exact ? 1 : 0, field.accepted ? 1 : 0,
          field.accepted && !exact ? 1 : 0};
}

// Calls `f(field name, field type, tally of one field)` for every field of
// `docs` that has a true value.
template <typename F>
void ForEachScored(const std::vector<TruthDocument>& docs, const ocr::FieldSet& set,
                   double threshold, F f) {
  const std::map<std::string, ocr::FieldType> types = TypesOf(set.specs);
  for (const TruthDocument& doc : docs) {
    for (const ocr::FieldResult& field : ExtractLikeTheBot(doc.read, set, threshold)) {
      const auto truth = doc.truths.find(field.name);
      if (truth == doc.truths.end() || truth->second.empty()) {
        continue;
      }
      const ocr::FieldType type = types.at(field.name);
      f(field.name, type, Score(field, type, truth->second));
    }
  }
}

}  // namespace

void FieldTally::Add(const FieldTally& o) {
  total += o.total;
  found += o.found;
  exact += o.exact;
  accepted += o.accepted;
  accepted_wrong += o.accepted_wrong;
}

bool SameValue(ocr::FieldType type, std::string_view read, std::string_view truth) {
  if (type == ocr::FieldType::kText) {
    return UpperCollapsed(read) == UpperCollapsed(truth);
  }
  return read == truth;
}

std::map<std::string, FieldTally> TallyByField(const std::vector<TruthDocument>& docs,
                                               const ocr::FieldSet& set, double threshold) {
  std::map<std::string, FieldTally> out;
  ForEachScored(
      docs, set, threshold,
      [&](const std::string& name, ocr::FieldType, const FieldTally& t) { out[name].Add(t); });
  return out;
}

std::map<std::string, FieldTally> TallyByType(const std::vector<TruthDocument>& docs,
                                              const ocr::FieldSet& set, double threshold) {
  std::map<std::string, FieldTally> out;
  ForEachScored(docs, set, threshold,
                [&](const std::string&, ocr::FieldType type, const FieldTally& t) {
                  out[std::string(ocr::FieldTypeName(type))].Add(t);
                });
  return out;
}

std::vector<CurvePointByType> CurveByType(const std::vector<TruthDocument>& docs,
                                          const ocr::FieldSet& set, int first, int last) {
  std::vector<CurvePointByType> curve;
  for (int t = first; t <= last; ++t) {
    curve.push_back({t, TallyByType(docs, set, t)});
  }
  return curve;
}

int LowestSafeThreshold(const std::vector<CurvePointByType>& curve, const std::string& type,
                        double precision) {
  int lowest = -1;
  for (auto p = curve.rbegin(); p != curve.rend(); ++p) {
    const auto t = p->types.find(type);
    if (t == p->types.end()) {
      continue;
    }
    if (t->second.Precision() < precision) {
      break;
    }
    if (t->second.accepted > 0) {
      lowest = p->threshold;
    }
  }
  return lowest;
}

}  // namespace travet::ocr_bench
