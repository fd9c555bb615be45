#include "tools/bench/ocr_bench_fields.h"

#include <yaml-cpp/yaml.h>

namespace travet::ocr_bench {
namespace {

Value ToValue(const YAML::Node& node) {
  if (node.IsMap()) {
    Value out = Value::object();
    for (const auto& item : node) {
      out[item.first.as<std::string>()] = ToValue(item.second);
    }
    return out;
  }
  if (node.IsSequence()) {
    Value out = Value::array();
    for (const auto& item : node) {
      out.push_back(ToValue(item));
    }
    return out;
  }
  const std::string s = node.as<std::string>("");
  char* end = nullptr;
  const double number = std::strtod(s.c_str(), &end);
  if (!s.empty() && end == s.c_str() + s.size() && node.Tag() != "!") {
    return number;
  }
  if (s == "true" || s == "false") {
    return s == "true";
  }
  return s;
}

}  // namespace

Result<std::vector<ocr::FieldSpec>> ReadFieldSpecs(const std::filesystem::path& yaml) {
  Value fields;
  try {
    fields = ToValue(YAML::LoadFile(yaml.string()));
  } catch (const YAML::Exception& e) {
    return InvalidArgument(yaml.string() + ": " + e.what());
  }
  auto specs = ocr::ParseFieldSpecs(fields);
  if (!specs) {
    return specs.error().WithContext(yaml.string());
  }
  return specs;
}

ocr::DocumentResult DocumentOf(const BenchDocument& doc, const SystemRun& run) {
  ocr::DocumentResult out;
  out.file = doc.name;
  int number = 0;
  for (int index : doc.pages) {
    ocr::PageResult page = run.pages[index];
    page.page = ++number;
    out.pages.push_back(std::move(page));
  }
  return out;
}

std::vector<ocr::FieldResult> ExtractLikeTheBot(const ocr::DocumentResult& doc,
                                                const std::vector<ocr::FieldSpec>& specs,
                                                double threshold) {
  std::vector<ocr::FieldResult> fields = ocr::ExtractFields(doc, specs, threshold);
  ocr::ApplyTotalsCheck(fields, "imponibile", "iva", "totale", threshold);
  return fields;
}

FieldCount ScoreFields(const std::vector<ocr::FieldResult>& fields, const BenchDocument& doc) {
  FieldCount count;
  for (const ocr::FieldResult& field : fields) {
    auto truth = doc.fields.find(field.name);
    if (truth == doc.fields.end()) {
      continue;
    }
    const bool right = field.found && field.value == truth->second;
    ++count.total;
    count.right += right;
    count.accepted += field.accepted;
    count.accepted_right += field.accepted && right;
  }
  return count;
}

}  // namespace travet::ocr_bench
