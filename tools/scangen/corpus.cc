#include "tools/scangen/corpus.h"

#include <cstddef>
#include <cstdio>
#include <system_error>

#include "runtime/core/atomic_write.h"
#include "tools/scangen/concession.h"
#include "tools/scangen/ground_truth.h"
#include "tools/scangen/invoice.h"
#include "tools/scangen/letter.h"
#include "tools/scangen/page_raster.h"
#include "tools/scangen/receipt.h"

namespace travet::scangen {
namespace {

constexpr std::uint64_t kContentStream = 1;
constexpr std::uint64_t kDefectStream = 2;

Result<Document> MakeDocument(DocumentKind kind, Random& random, int dpi, bool real) {
  switch (kind) {
    case DocumentKind::kInvoice:
      return MakeInvoice(random, dpi, real);
    case DocumentKind::kConcession:
      return MakeConcession(random, dpi, real);
    case DocumentKind::kLetter:
      return MakeLetter(random, dpi, real);
    case DocumentKind::kReceipt:
      return MakeReceipt(random, dpi);
  }
  return Internal("unknown document kind");
}

// Where the page's text is, for the marks that go over it.
PageContent ContentOf(const Document& doc, const DocumentPage& page,
                      const std::vector<PixelBox>& boxes) {
  PageContent content;
  content.receipt = doc.kind == DocumentKind::kReceipt;
  content.lines.resize(page.lines.size());
  for (std::size_t i = 0; i < boxes.size() && i < page.run_line.size(); ++i) {
    const PixelBox& b = boxes[i];
    if (b.width > 0 && b.height > 0) {
      content.lines[static_cast<std::size_t>(page.run_line[i])].push_back(
          cv::Rect(b.x, b.y, b.width, b.height));
    }
  }
  return content;
}

std::string DocumentName(DocumentKind kind, int index, Condition condition) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", index + 1);
  return std::string(KindName(kind)) + "-" + number + "-" + std::string(ConditionName(condition));
}

// Renders and degrades every page; fills `truths` with their ground truth.
Result<std::vector<OutputPage>> RenderPages(const Document& doc, Condition condition,
                                            Random& random, std::vector<Value>& truths) {
  std::vector<OutputPage> pages;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    Result<Raster> raster = RenderRaster(doc.pages[i].spec);
    if (!raster)
      return raster.status();
    Result<DegradedPage> degraded = Degrade(raster->gray, doc.pages[i].spec.dpi, condition, random,
                                            ContentOf(doc, doc.pages[i], raster->boxes));
    if (!degraded)
      return degraded.status();
    truths.push_back(
        PageGroundTruth(static_cast<int>(i) + 1, doc.pages[i], raster->boxes, *degraded));
    pages.push_back({std::move(degraded->image), degraded->applied.dpi});
  }
  return pages;
}

// The pages [first, last) of a document, with their ground truth.
struct PageRange {
  const std::vector<OutputPage>& pages;
  const std::vector<Value>& truths;
  std::size_t first;
  std::size_t last;
};

// Writes one image file with the pages of `range` and its JSON.
Status WriteFilePair(const Document& doc, Provenance provenance, const CorpusOptions& options,
                     const PageRange& range, GeneratedDocument& out) {
  provenance.image = provenance.name + "." + std::string(FormatName(options.format));
  const std::filesystem::path image = options.out / provenance.image;
  const std::filesystem::path json = options.out / (provenance.name + ".json");
  const auto first = static_cast<std::ptrdiff_t>(range.first);
  const auto last = static_cast<std::ptrdiff_t>(range.last);
  const std::vector<OutputPage> file_pages(range.pages.begin() + first, range.pages.begin() + last);
  const std::vector<Value> file_truths(range.truths.begin() + first, range.truths.begin() + last);
  TRAVET_RETURN_IF_ERROR(WritePages(file_pages, options.format, image));
  TRAVET_RETURN_IF_ERROR(
      WriteFileAtomic(json, FileGroundTruth(doc, provenance, file_truths).dump(2) + "\n"));
  out.files.push_back(image);
  out.files.push_back(json);
  return Status::Ok();
}

}  // namespace

Result<GeneratedDocument> GenerateDocument(const CorpusOptions& options, int index) {
  const DocumentKind kind = options.kinds[index % options.kinds.size()];
  const Condition condition =
      options.conditions[(index / options.kinds.size()) % options.conditions.size()];
  Random content(Random::Derive(options.seed, index, kContentStream));
  Random defects(Random::Derive(options.seed, index, kDefectStream));
  Result<Document> doc = MakeDocument(kind, content, options.dpi, options.real_content);
  if (!doc)
    return doc.status();
  std::vector<Value> truths;
  Result<std::vector<OutputPage>> pages = RenderPages(*doc, condition, defects, truths);
  if (!pages)
    return pages.status();
  GeneratedDocument out{.name = DocumentName(kind, index, condition),
                        .pages = static_cast<int>(pages->size())};
  Provenance provenance{
      .name = out.name, .seed = options.seed, .index = index, .condition = condition};
  if (IsMultiPage(options.format) || pages->size() == 1) {
    TRAVET_RETURN_IF_ERROR(
        WriteFilePair(*doc, provenance, options, {*pages, truths, 0, pages->size()}, out));
    return out;
  }
  for (std::size_t i = 0; i < pages->size(); ++i) {
    provenance.name = out.name + "-p" + std::to_string(i + 1);
    TRAVET_RETURN_IF_ERROR(
        WriteFilePair(*doc, provenance, options, {*pages, truths, i, i + 1}, out));
  }
  return out;
}

Result<std::vector<GeneratedDocument>> GenerateCorpus(const CorpusOptions& options) {
  if (options.kinds.empty() || options.conditions.empty() || options.count < 0 ||
      options.first < 0) {
    return InvalidArgument("nothing to generate: no kinds, no conditions or a negative count");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec)
    return IoError("cannot create '" + options.out.string() + "': " + ec.message());
  TRAVET_RETURN_IF_ERROR(WriteFileAtomic(options.out / "fields.yaml", FieldsYaml(options.kinds)));
  std::vector<GeneratedDocument> documents;
  for (int i = options.first; i < options.first + options.count; ++i) {
    Result<GeneratedDocument> doc = GenerateDocument(options, i);
    if (!doc)
      return doc.status().WithContext("document " + std::to_string(i + 1));
    documents.push_back(std::move(*doc));
  }
  return documents;
}

std::string InvoiceFieldsYaml() {
  return R"(# How to read the fields of the invoices made by travet-scangen, in the form
# of ocr.extract's `fields` (also `travet ocr --fields fields.yaml`). Their
# true values are under "fields" in each invoice's JSON.
numero: { pattern: 'Fattura\s+n\.?\s*(\S+)' }
data: { label: 'Data', type: date }
partita_iva: { label: 'P.IVA', type: partita_iva }
codice_fiscale: { label: 'C.F.', type: codice_fiscale }
iban: { label: 'IBAN', type: iban }
imponibile: { label: 'Imponibile', type: amount }
iva: { label: 'IVA 22%', type: amount }
totale: { label: 'Totale', type: amount }
)";
}

std::string ReceiptFieldsYaml() {
  return R"(# How to read the fields of the receipts made by travet-scangen, in the form
# of ocr.extract's `fields` (also `travet ocr --fields fields.yaml`). Their
# true values are under "fields" in each receipt's JSON. The total is the
# TOTALE line's amount, not SUBTOTALE, IMPORTO PAGATO or TOTALE ARTICOLI.
esercente: { pattern: '^\s*(.*\b(?:S\.N\.C\.|S\.R\.L\.|S\.A\.S\.|& C\.))\s*$' }
data: { pattern: '(\d{2}[-/.]\d{2}[-/.]\d{2,4})\s+\d{2}:\d{2}', type: date }
totale: { pattern: '^\s*TOTALE(?: COMPLESSIVO| EURO)?\s+([\d.]+,\d{2})\s*$', type: amount }
)";
}

std::string FieldsYaml(const std::vector<DocumentKind>& kinds) {
  for (DocumentKind kind : kinds) {
    if (kind == DocumentKind::kInvoice)
      return InvoiceFieldsYaml();
    if (kind == DocumentKind::kReceipt)
      return ReceiptFieldsYaml();
  }
  return InvoiceFieldsYaml();
}

Status ApplyProfile(std::string_view name, CorpusOptions& options) {
  if (name != "real")
    return InvalidArgument("unknown profile '" + std::string(name) + "' (known: real)");
  options.kinds = {DocumentKind::kReceipt, DocumentKind::kInvoice, DocumentKind::kReceipt,
                   DocumentKind::kConcession, DocumentKind::kLetter};
  options.conditions = {Condition::kReal};
  options.real_content = true;
  return Status::Ok();
}

}  // namespace travet::scangen
