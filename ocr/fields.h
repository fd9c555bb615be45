#pragma once

#include <string>
#include <vector>

#include "ocr/field_spec.h"
#include "ocr/ocr_types.h"

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
  // "ok", the validator's message, "not found", or why a cross-check failed.
  std::string verdict;
  double score = 0;       // confidence, raised by a passed checksum or cross-check
  bool accepted = false;  // may be used without a person looking at it
  bool required = true;
  bool checksum = false;       // passed a real check digit
  bool corrected = false;      // look-alike letters were read as digits
  bool cross_checked = false;  // imponibile + IVA = totale held
  double min_confidence = 0;   // the threshold that applied
};

// Extracts each field of `specs` from `doc`, in the order of `specs`.
// A field's words come from its pattern, label or zone (see FieldSpec), on its
// page or on every page in order. Of all the candidates found, the first that
// the field's type validates wins, preferring values where they are expected
// (right after the label over below it over further along the row); when
// none validates, the first candidate is reported as invalid.
//
// Confidence is the minimum word confidence over the field's words: one
// misread word spoils the value, and Tesseract's word confidence is already
// the minimum over its characters. The score is that confidence; a value that
// passed a check digit scores at least 95. A field is accepted when found,
// valid and score >= its min_confidence (`default_min_confidence` when the
// spec has none), and for checksum-raised scores the confidence itself must
// also reach min_confidence - 10 (partita IVA), - 20 (codice fiscale) or - 30
// (IBAN). A text field, which no validator checks, needs a confidence of
// min_confidence + 10. An invalid value is never accepted.
std::vector<FieldResult> ExtractFields(const DocumentResult& doc,
                                       const std::vector<FieldSpec>& specs,
                                       double default_min_confidence);

// Whether a person must look at these fields: a required field that is not
// found, not valid or not accepted, or an optional one that was found but is
// not accepted. Absent optional fields do not count.
bool NeedsReview(const std::vector<FieldResult>& fields);

// Cross-checks three amount fields named by the caller. When all three are
// found and valid and imponibile + iva == totale exactly, they are marked
// cross_checked and accepted when their confidence is at least
// min_confidence - 15. When the sum differs none of them is accepted and each
// verdict reads "imponibile + IVA = 1464.00, not the totale 1465.00". Nothing
// changes when a name is missing or a field is not found or not valid.
void ApplyTotalsCheck(std::vector<FieldResult>& fields, const std::string& imponibile,
                      const std::string& iva, const std::string& totale, double min_confidence);

}  // namespace travet::ocr
