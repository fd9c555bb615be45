// travet-scangen: renders Italian back-office documents with real fonts,
// degrades them like real scans and writes the ground truth beside each.
#include <CLI/CLI.hpp>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tools/scangen/corpus.h"

namespace {

using travet::Result;
using travet::Status;
using namespace travet::scangen;

std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  std::string item;
  while (std::getline(stream, item, ',')) {
    if (!item.empty())
      items.push_back(item);
  }
  return items;
}

template <typename T>
Status ParseList(const std::string& list, Result<T> (*parse)(std::string_view),
                 std::vector<T>& out) {
  out.clear();
  for (const std::string& name : SplitCommas(list)) {
    Result<T> item = parse(name);
    if (!item)
      return item.status();
    out.push_back(*item);
  }
  return Status::Ok();
}

Status ResolveLists(const std::string& kinds, const std::string& conditions,
                    const std::string& format, CorpusOptions& options) {
  if (!kinds.empty())
    TRAVET_RETURN_IF_ERROR(ParseList(kinds, &ParseKind, options.kinds));
  if (!conditions.empty()) {
    TRAVET_RETURN_IF_ERROR(ParseList(conditions, &ParseCondition, options.conditions));
  }
  Result<OutputFormat> parsed = ParseFormat(format);
  if (!parsed)
    return parsed.status();
  options.format = *parsed;
  return Status::Ok();
}

struct TextOptions {
  std::string kinds, conditions, format = "png", profile, content;
};

// Applies the textual options to `options` (the profile first, then what is
// given explicitly); kInvalidArgument on a bad name.
Status Resolve(const TextOptions& text, CorpusOptions& options) {
  if (!text.profile.empty())
    TRAVET_RETURN_IF_ERROR(ApplyProfile(text.profile, options));
  if (!text.content.empty()) {
    if (text.content != "plain" && text.content != "real")
      return travet::InvalidArgument("unknown content '" + text.content + "' (known: plain, real)");
    options.real_content = text.content == "real";
  }
  return ResolveLists(text.kinds, text.conditions, text.format, options);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Generates scanned-looking Italian documents (invoices, road-concession "
      "applications, letters, till receipts) with JSON ground truth, for OCR tests and "
      "benchmarks."};
  CorpusOptions options;
  TextOptions text;
  std::string out;
  app.add_option("--out", out, "Folder to write into (created)")->required();
  app.add_option("--count", options.count, "Number of documents")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  int first = 1;
  app.add_option("--first", first, "Number of the first document (to extend a corpus)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", options.seed, "Seed: the same seed gives the same files")
      ->capture_default_str();
  app.add_option("--kinds", text.kinds,
                 "Comma list of invoice, concession, letter, receipt (default: the first three)");
  app.add_option("--conditions", text.conditions,
                 "Comma list of clean, skewed, rotated, fax, noisy, lowdpi, photo (the default), "
                 "edge, thermal, dotmatrix, stamped, handwritten, ruled, small, real");
  app.add_option("--content", text.content,
                 "plain (default) or real: several total lines, labels in running text");
  app.add_option("--profile", text.profile,
                 "real: receipts, invoices, concessions and letters as hard as real scans "
                 "(--conditions real --content real); --kinds and --conditions still apply");
  app.add_option("--dpi", options.dpi, "Rendering resolution")
      ->capture_default_str()
      ->check(CLI::Range(100, 600));
  app.add_option("--format", text.format, "png, jpg, tiff (multi-page) or pdf (image-only)")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the error
    return code == 0 ? 0 : 2;
  }
  options.out = out;
  options.first = first - 1;
  if (Status status = Resolve(text, options); !status.ok()) {
    std::cerr << "travet-scangen: " << status.message() << "\n";
    return 2;
  }
  Result<std::vector<GeneratedDocument>> documents = GenerateCorpus(options);
  if (!documents) {
    std::cerr << "travet-scangen: " << documents.error().message() << "\n";
    return 1;
  }
  int pages = 0;
  for (const GeneratedDocument& doc : *documents)
    pages += doc.pages;
  std::cout << "wrote " << documents->size() << " documents (" << pages << " pages) to " << out
            << "\n";
  return 0;
}
