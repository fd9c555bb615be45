#include "runtime/actions/ocr_json.h"

#include "ocr/validators/validators.h"

namespace travet::actions {

Value BoxJson(const ocr::Box& b) {
  return {{"x", b.x}, {"y", b.y}, {"width", b.width}, {"height", b.height}};
}

Value PageJson(const ocr::PageResult& page, bool with_words) {
  Value out = {{"page", page.page},
               {"text", page.text},
               {"confidence", page.confidence},
               {"width", page.width},
               {"height", page.height},
               {"dpi", page.dpi},
               {"dpi_assumed", page.dpi_assumed},
               {"from_text_layer", page.from_text_layer},
               {"stages", page.stages}};
  if (!page.error.empty())
    out["error"] = page.error;
  if (!with_words)
    return out;
  Value words = Value::array();
  for (const auto& w : page.words) {
    words.push_back({{"text", w.text},
                     {"confidence", w.confidence},
                     {"box", BoxJson(w.box)},
                     {"line", w.line},
                     {"block", w.block}});
  }
  out["words"] = std::move(words);
  return out;
}

Value FieldsJson(const std::vector<ocr::FieldResult>& fields,
                 const std::vector<ocr::FieldSpec>& specs) {
  Value out = Value::object();
  for (size_t i = 0; i < fields.size(); ++i) {
    const ocr::FieldResult& f = fields[i];
    out[f.name] = {{"value", f.found ? Value(f.value) : Value()},
                   {"raw", f.raw},
                   {"confidence", f.confidence},
                   {"page", f.page},
                   {"box", BoxJson(f.box)},
                   {"valid", f.valid},
                   {"verdict", f.verdict},
                   {"accepted", f.accepted},
                   {"score", f.score},
                   {"type", std::string(ocr::FieldTypeName(specs[i].type))},
                   {"required", f.required}};
  }
  return out;
}

}  // namespace travet::actions
