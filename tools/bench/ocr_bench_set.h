#pragma once

// The scan set ocr_bench measures: travet-scangen's images and ground truth.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runtime/core/result.h"

namespace travet::ocr_bench {

// One image file and its ground truth (NAME.json beside it).
struct BenchPage {
  std::filesystem::path image;
  std::string name;       // file name without extension, e.g. "invoice-0004-skewed-p2"
  std::string document;   // without the page suffix, e.g. "invoice-0004-skewed"
  std::string kind;       // invoice, concession, letter
  std::string condition;  // clean, skewed, rotated, fax, noisy, lowdpi, photo
  std::string text;       // the page's true text
  int page = 1;           // 1-based page of the document
};

// One document: its pages (indices into BenchSet::pages, in page order) and
// its true field values.
struct BenchDocument {
  std::string name;
  std::string kind;
  std::string condition;
  std::vector<int> pages;
  std::map<std::string, std::string> fields;
};

struct BenchSet {
  std::vector<BenchPage> pages;  // sorted by name
  std::vector<BenchDocument> documents;
};

// Reads every NAME.json of `dir` that names an image. Errors: the folder or
// a JSON file cannot be read, or the set holds no page.
Result<BenchSet> LoadSet(const std::filesystem::path& dir);

// The conditions in presentation order, then any others found in `set`.
std::vector<std::string> ConditionsOf(const BenchSet& set);

// Whether `condition` counts as degraded in the targets: skewed, fax, noisy,
// lowdpi (the conditions the targets name; rotated and photo are reported
// but kept out of the pooled figures).
bool IsTargetDegraded(const std::string& condition);

}  // namespace travet::ocr_bench
