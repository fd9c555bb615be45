#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace travet::cli {

// `travet ocr FILE...`: reads scans and prints their text, JSON, TSV, hOCR,
// a searchable PDF, or the fields described in a FIELDS.yaml file.
std::function<int()> SetupOcr(CLI::App& cmd);

}  // namespace travet::cli
