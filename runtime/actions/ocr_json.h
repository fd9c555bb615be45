#pragma once

#include <vector>

#include "ocr/fields/field_spec.h"
#include "ocr/fields/fields.h"
#include "ocr/ocr_types.h"
#include "runtime/core/value.h"

// The JSON shapes of OCR results, shared by the `ocr.read`/`ocr.extract`
// actions and `travet ocr --json`, so a bot and a shell script see the same.
namespace travet::actions {

// {x, y, width, height} in pixels of the page as loaded.
Value BoxJson(const ocr::Box& box);

// {page, text, confidence, width, height, dpi, dpi_assumed, from_text_layer,
// stages, words?}; `words` ([{text, confidence, box, line, block}]) only when
// `with_words`.
Value PageJson(const ocr::PageResult& page, bool with_words);

// name -> {value, raw, confidence, page, box, valid, verdict, accepted, score,
// type, required}; `value` is null when the field was not found. `specs[i]`
// is the spec `fields[i]` was extracted with.
Value FieldsJson(const std::vector<ocr::FieldResult>& fields,
                 const std::vector<ocr::FieldSpec>& specs);

}  // namespace travet::actions
