#pragma once

#include "ocr/fields/fuzzy_label.h"
#include "ocr/page_layout.h"

namespace travet::ocr {

// How a label found in the words stands on its line.
struct LabelPlace {
  // It reads as a label: at the start of its line (or after a wide gap, as
  // in a row of column headings), or followed by a separator (":", "-", "=",
  // a wide gap) or directly by a value (a word with a digit or a currency
  // sign). A label with ordinary words before it and more words (or nothing)
  // after it is running text: "...lungo la strada", "la strada provinciale".
  bool is_label = false;
  // It stands apart on both sides, as the label itself: "TOTAL 60.95", not
  // "SUB TOTAL 57.50" nor "Total GST 0.00". Places that are labelled the same
  // way are expected to hold the same value.
  bool own_phrase = false;
};

// The box around the words of `match`.
Box LabelBox(const PageLayout& layout, const LabelMatch& match);

// Where `match` (from FindLabels on `layout`) stands. A gap wider than 1.5
// times the text height separates phrases: several spaces in typed text.
LabelPlace PlaceOfLabel(const PageLayout& layout, const LabelMatch& match);

}  // namespace travet::ocr
