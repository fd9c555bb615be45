#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "tools/scangen/page_renderer.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

enum class DocumentKind { kInvoice, kConcession, kLetter, kReceipt };

// One page of a document: what to render and its text in reading order.
struct DocumentPage {
  PageSpec spec;
  // The page's text lines, top to bottom; the cells of one visual line are
  // joined left to right with one space.
  std::vector<std::string> lines;
  // For each run of `spec.runs`, the index of its line in `lines`.
  std::vector<int> run_line;
};

// A generated document: its pages and the values of its fields, as the
// ground truth records them (ISO dates, "1234.56" amounts, bare IBAN).
struct Document {
  DocumentKind kind = DocumentKind::kInvoice;
  std::vector<DocumentPage> pages;
  Value fields = Value::object();
};

// "invoice", "concession", "letter", "receipt".
std::string_view KindName(DocumentKind kind);

// The kind named `name`; kInvalidArgument lists the known names.
Result<DocumentKind> ParseKind(std::string_view name);

// One of the four typefaces, at random.
Typeface RandomTypeface(Random& random);

}  // namespace travet::scangen
