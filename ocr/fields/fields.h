#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr/fields/field_set.h"
#include "ocr/fields/field_spec.h"
#include "ocr/ocr_types.h"
#include "ocr/validators/italian_date.h"

namespace travet::ocr {

// One extracted field and the decision about it.
struct FieldResult {
  std::string name;
  std::string value;     // normalised by the field's type
  std::string raw;       // as read
  float confidence = 0;  // the lowest confidence of the words it spans, 0..100
  int page = 0;          // 1-based; 0 when not found
  Box box;               // around its words, in page pixels
  bool valid = false;    // the validator accepted it
  bool found = false;
  // "ok", "not found", the validator's message, why the value is ambiguous,
  // contradicted or implausible ("amount is zero"), or why a cross-check
  // failed.
  std::string verdict;
  double score = 0;       // confidence, raised by a passed checksum or cross-check
  bool accepted = false;  // may be used without a person looking at it
  bool required = true;
  bool checksum = false;       // passed a real check digit
  bool corrected = false;      // look-alike letters were read as digits
  bool cross_checked = false;  // an amount check it takes part in held
  double min_confidence = 0;   // the threshold that applied
};

// The confidence a field needs to be accepted without a person when its spec
// names no threshold: the lowest at which accepted fields were at least 99.5%
// right on the real receipts and the generated set (docs/ocr-benchmark.md).
inline constexpr double kDefaultMinConfidence = 85;

// How ExtractFields decides.
struct ExtractOptions {
  double min_confidence = kDefaultMinConfidence;  // the threshold of specs without their own
  // The day the document is read, for date ranges relative to it (the
  // default is two years either side). The caller reads the clock: ocr/
  // does not, so tests can fix the day. Without it only date ranges whose
  // both ends are fixed dates are checked.
  std::optional<CalendarDate> today;
};

// Extracts each field of `specs` from `doc`, in the order of `specs`
// (docs/fields.md tells bot writers the same).
//
// Where: a field's places are the occurrences of its label that read as a
// label (PlaceOfLabel: not in running text), the matches of its pattern, or
// its zone, on its page or on every page in order, minus the lines holding an
// `exclude` word. Each place gives its best value (valid first, then where a
// value is expected: right after the label, then below it, then further
// along the row). When places give different valid values, ChoosePlace
// decides by `near` or `pick`, or the field is ambiguous.
//
// Confidence is the minimum word confidence over the field's words: one
// misread word spoils the value, and Tesseract's word confidence is already
// the minimum over its characters. A field is accepted when it is found,
// valid, neither ambiguous nor contradicted, plausible (an amount is not
// zero, a date lies within its date_range) and its reading passes the
// threshold as AcceptanceRuleFor its type says: confidence >= min_confidence
// + margin, or, for a value that passed a check digit, a score of
// kChecksumScore and confidence >= min_confidence - checksum_allowance.
// `verdict` says why not ("ok" when nothing is wrong but the confidence).
std::vector<FieldResult> ExtractFields(const DocumentResult& doc,
                                       const std::vector<FieldSpec>& specs,
                                       const ExtractOptions& options);

// As above with `default_min_confidence` and no `today`.
std::vector<FieldResult> ExtractFields(const DocumentResult& doc,
                                       const std::vector<FieldSpec>& specs,
                                       double default_min_confidence);

// Whether a person must look at these fields: a required field that is not
// found, not valid or not accepted, or an optional one that was found but is
// not accepted. Absent optional fields do not count.
bool NeedsReview(const std::vector<FieldResult>& fields);

// Checks the document's arithmetic: `check.result` must equal the signed sum
// of `check.terms`. The check is made when the result and a non-zero term
// were read (found, valid, verdict "ok"; a zero amount counts as a reading);
// an optional term that was not found counts as 0, one whose label led to
// no valid amount makes no check. A term read but unusable (ambiguous,
// contradicted) leaves the result to a person: "cannot check total = paid -
// change: paid is ambiguous: ...". When the check holds, the fields read are marked
// cross_checked and accepted when their confidence is at least
// min_confidence - kCrossCheckAllowance, or when the other fields of the
// check are all read at min_confidence or more (the value follows from
// them). When it does not, none of them is accepted and each verdict reads
// "paid - change = 30.90, not the total 30.50", with "(not found, counted as
// 0: change)" when an absent term was counted.
void ApplyAmountCheck(std::vector<FieldResult>& fields, const AmountCheck& check,
                      double min_confidence);

}  // namespace travet::ocr

namespace travet::ocr {

// ExtractFields with the set's specs, then the set's amount checks, in order, at
// `options.min_confidence` (the caller folds the set's own threshold in).
std::vector<FieldResult> ExtractFieldSet(const DocumentResult& doc, const FieldSet& set,
                                         const ExtractOptions& options);

}  // namespace travet::ocr
