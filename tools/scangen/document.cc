#include "tools/scangen/document.h"

#include <string>
#include <vector>

namespace travet::scangen {

std::string_view KindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kInvoice:
      return "invoice";
    case DocumentKind::kConcession:
      return "concession";
    case DocumentKind::kLetter:
      return "letter";
    case DocumentKind::kReceipt:
      return "receipt";
  }
  return "";
}

Result<DocumentKind> ParseKind(std::string_view name) {
  for (DocumentKind kind : {DocumentKind::kInvoice, DocumentKind::kConcession,
                            DocumentKind::kLetter, DocumentKind::kReceipt}) {
    if (KindName(kind) == name)
      return kind;
  }
  return InvalidArgument("unknown document kind '" + std::string(name) +
                         "' (known: invoice, concession, letter, receipt)");
}

Typeface RandomTypeface(Random& random) {
  static const std::vector<Typeface> kTypefaces = {Typeface::kLiberationSerif,
                                                   Typeface::kLiberationSans, Typeface::kDejaVuSans,
                                                   Typeface::kDejaVuSerif};
  return random.Pick(kTypefaces);
}

}  // namespace travet::scangen
