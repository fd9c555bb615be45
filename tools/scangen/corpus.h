#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "tools/scangen/degrade.h"
#include "tools/scangen/document.h"
#include "tools/scangen/image_files.h"

namespace travet::scangen {

// What travet-scangen generates.
struct CorpusOptions {
  std::filesystem::path out;
  int count = 21;
  int first = 0;  // index of the first document, to extend a corpus
  std::uint64_t seed = 1;
  std::vector<DocumentKind> kinds = {DocumentKind::kInvoice, DocumentKind::kConcession,
                                     DocumentKind::kLetter};
  std::vector<Condition> conditions = {Condition::kClean, Condition::kSkewed, Condition::kRotated,
                                       Condition::kFax,   Condition::kNoisy,  Condition::kLowDpi,
                                       Condition::kPhoto};
  int dpi = 300;  // rendering resolution; lowdpi and fax pages end lower
  OutputFormat format = OutputFormat::kPng;
  // The content variations of real paper (several total lines, labels in
  // running text; see MakeInvoice, MakeConcession, MakeLetter). Off, the
  // documents are those of earlier versions, byte for byte.
  bool real_content = false;
};

// The named mixes of --profile. "real": paper as hard as real scans, every
// page under condition kReal with real content; receipts are two in five.
// kInvalidArgument for another name.
Status ApplyProfile(std::string_view name, CorpusOptions& options);

// The files written for one document.
struct GeneratedDocument {
  std::string name;  // e.g. "invoice-0001-clean"
  int pages = 0;
  std::vector<std::filesystem::path> files;
};

// Generates document `index` (0-based) of the corpus: its kind is
// kinds[index % kinds], its condition conditions[(index / kinds) % conditions],
// its content and defects come from (seed, index) only, so document 7 is the
// same whatever the count. Writes NAME.<format> and NAME.json into `out`
// (which must exist); a multi-page document in PNG or JPEG becomes
// NAME-p1.png + NAME-p1.json, NAME-p2.png ... Errors name the file.
Result<GeneratedDocument> GenerateDocument(const CorpusOptions& options, int index);

// Creates `out`, writes fields.yaml (FieldsYaml of the kinds) and documents
// first..first+count-1.
Result<std::vector<GeneratedDocument>> GenerateCorpus(const CorpusOptions& options);

// The extraction spec of the invoice fields, in the form of ocr.extract's
// `fields` (and `travet ocr --fields`).
std::string InvoiceFieldsYaml();

// The same for the receipt fields (esercente, data, totale).
std::string ReceiptFieldsYaml();

// The fields.yaml of a corpus of `kinds`: the spec of the first kind that has
// one (invoice or receipt), the invoice's when none has.
std::string FieldsYaml(const std::vector<DocumentKind>& kinds);

}  // namespace travet::scangen
