#pragma once

// Field extraction as the sample invoice bot does it, scored against the
// ground truth.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ocr/fields/field_set.h"
#include "ocr/fields/field_spec.h"
#include "ocr/fields/fields.h"
#include "runtime/core/result.h"
#include "tools/bench/ocr_bench_runners.h"
#include "tools/bench/ocr_bench_set.h"

namespace travet::ocr_bench {

// The specs and checks of a FIELDS.yaml (actions::ReadFieldsFile: either
// form, checked as `travet ocr --fields` checks it). Errors are
// "file:line:col: ..." lines.
Result<ocr::FieldSet> ReadFieldSet(const std::filesystem::path& yaml);

// ReadFieldSet of a generated set's fields.yaml, with the totals check
// (imponibile + iva = totale) that bots/invoice-intake.yaml asks for.
Result<ocr::FieldSet> ReadInvoiceBotFieldSet(const std::filesystem::path& yaml);

// The document's pages as one DocumentResult (pages numbered 1..n), from what
// `run` read of each of its page images.
ocr::DocumentResult DocumentOf(const BenchDocument& doc, const SystemRun& run);

// The fields of `set` at `threshold`, its checks applied, as ocr.extract and
// `travet ocr --fields` give them. Date ranges relative to today are checked
// only when `today` is given (a benchmark on dated scans gives the day they
// stand for).
std::vector<ocr::FieldResult> ExtractLikeTheBot(const ocr::DocumentResult& doc,
                                                const ocr::FieldSet& set, double threshold,
                                                std::optional<ocr::CalendarDate> today = {});

// Counts of one batch of fields against their true values.
struct FieldCount {
  int total = 0;     // fields with a true value
  int right = 0;     // found with exactly the true value
  int accepted = 0;  // auto-accepted
  int accepted_right = 0;
  void Add(const FieldCount& o) {
    total += o.total;
    right += o.right;
    accepted += o.accepted;
    accepted_right += o.accepted_right;
  }
  double Match() const { return total ? static_cast<double>(right) / total : 0; }
  double AcceptRate() const { return total ? static_cast<double>(accepted) / total : 0; }
  double Precision() const { return accepted ? static_cast<double>(accepted_right) / accepted : 1; }
};

// Scores `fields` against the document's true values (fields without a true
// value are skipped).
FieldCount ScoreFields(const std::vector<ocr::FieldResult>& fields, const BenchDocument& doc);

}  // namespace travet::ocr_bench
