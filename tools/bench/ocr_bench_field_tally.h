#pragma once

// Field accuracy per field and per field type, and the calibration curve
// (threshold -> auto-accept rate and precision of accepted fields), for any
// set of documents with true field values: the real receipts and the
// generated invoices alike.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ocr/fields/field_set.h"
#include "ocr/fields/field_spec.h"
#include "ocr/ocr_types.h"

namespace travet::ocr_bench {

// A document as read by one system, and its true field values (normalised
// as Travet normalises values of the field's type: ISO dates, "1234.56").
struct TruthDocument {
  ocr::DocumentResult read;
  std::map<std::string, std::string> truths;
};

// Counts over fields that have a true value.
struct FieldTally {
  int total = 0;
  int found = 0;
  int exact = 0;           // found with the true value
  int accepted = 0;        // auto-accepted
  int accepted_wrong = 0;  // auto-accepted with a value that is not the true one
  void Add(const FieldTally& o);
  double AcceptRate() const { return total ? static_cast<double>(accepted) / total : 0; }
  // Right among the accepted; 1 when nothing was accepted.
  double Precision() const {
    return accepted ? 1 - static_cast<double>(accepted_wrong) / accepted : 1;
  }
};

// Whether `read` is the true value: for text, equal once both are
// upper-cased and their whitespace collapsed (a company name read "Aeon Co."
// for "AEON CO." is the same name); for every other type, equal as
// normalised strings.
bool SameValue(ocr::FieldType type, std::string_view read, std::string_view truth);

// Per field name: the fields of `docs` extracted with `set` at `threshold`
// (its checks applied, as a bot gets them: ExtractLikeTheBot) and compared
// with the truths.
std::map<std::string, FieldTally> TallyByField(const std::vector<TruthDocument>& docs,
                                               const ocr::FieldSet& set, double threshold);

// The same, summed per field type ("amount", "date", "text" ...).
std::map<std::string, FieldTally> TallyByType(const std::vector<TruthDocument>& docs,
                                              const ocr::FieldSet& set, double threshold);

// One threshold of the calibration curve, per field type.
struct CurvePointByType {
  int threshold = 0;
  std::map<std::string, FieldTally> types;
};

// TallyByType for each threshold in first..last.
std::vector<CurvePointByType> CurveByType(const std::vector<TruthDocument>& docs,
                                          const ocr::FieldSet& set, int first, int last);

// The lowest threshold of `curve` at which `type`'s accepted fields are at
// least `precision` right, with at least one field accepted; -1 when none is.
// Precision is not monotonic in the threshold, so this is the lowest point
// from which every higher threshold also holds `precision`.
int LowestSafeThreshold(const std::vector<CurvePointByType>& curve, const std::string& type,
                        double precision);

}  // namespace travet::ocr_bench
