#pragma once

#include <string>
#include <vector>

#include "ocr/fields/fields.h"
#include "ocr/ocr_types.h"
#include "runtime/core/value.h"

namespace travet::cli {

// The text of each page of `doc`, each ending with a newline. With
// `headers`, every page is preceded by "==> FILE (page K) <==" and pages
// after the first output (`first` false) by an empty line, as `head` does.
std::string PagesText(const ocr::DocumentResult& doc, bool headers, bool first);

// {file, pages: [{page, text, confidence, width, height, dpi, dpi_assumed,
// from_text_layer, stages, words?}]}; `words` ([{text, confidence, box: {x,
// y, width, height}, line, block}]) only when asked for.
Value DocumentJson(const ocr::DocumentResult& doc, bool words);

// {file, pages: N, fields: {name: {value, raw, confidence, page, box, valid,
// verdict, accepted, score, type, required}}, needs_review}: the shape of
// ocr.extract's output, plus the file. `value` is null when not found.
Value FieldsJson(const ocr::DocumentResult& doc, const std::vector<ocr::FieldResult>& fields,
                 const std::vector<ocr::FieldSpec>& specs);

// A table, one field a line, then "needs_review: yes|no":
//   FIELD          VALUE                    CONF  ACCEPTED  VERDICT
//   totale         3813.04                    96  yes       ok
std::string FieldsTable(const std::vector<ocr::FieldResult>& fields);

// Page numbers of `doc` renumbered from `first_page` on: with several files,
// TSV and hOCR pages run on across the files, as tesseract numbers the
// images of a list.
ocr::DocumentResult Renumbered(ocr::DocumentResult doc, int first_page);

// Tesseract-style TSV of `doc`, with the header line only when `header`.
std::string TsvPart(const ocr::DocumentResult& doc, bool header);

// The parts of an hOCR document: its head (titled after `title`), the
// ocr_page divs of `doc`, and its end.
std::string HocrHead(const std::string& title);
std::string HocrPages(const ocr::DocumentResult& doc);
std::string HocrTail();

}  // namespace travet::cli
