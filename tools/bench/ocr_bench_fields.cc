#include "tools/bench/ocr_bench_fields.h"

#include "runtime/actions/ocr_fields_file.h"

namespace travet::ocr_bench {

Result<ocr::FieldSet> ReadFieldSet(const std::filesystem::path& yaml) {
  return actions::ReadFieldsFile(yaml);
}

Result<ocr::FieldSet> ReadInvoiceBotFieldSet(const std::filesystem::path& yaml) {
  auto set = ReadFieldSet(yaml);
  if (set && set->checks.empty()) {
    set->checks.push_back(*ocr::ParseAmountCheck("totale = imponibile + iva"));
  }
  return set;
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
                                                const ocr::FieldSet& set, double threshold,
                                                std::optional<ocr::CalendarDate> today) {
  return ocr::ExtractFieldSet(doc, set, {threshold, today});
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
