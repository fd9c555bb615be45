#pragma once

// The real scans ocr_real_bench measures (../shared/realscans, see its
// README): scanned receipts with one box per text line, scanned forms with one
// box per word, and the reference text built from those boxes.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/result.h"

namespace travet::ocr_bench {

// One ground-truth box: where its text sits on the page, in pixels.
struct TextBox {
  double left = 0;
  double centre_y = 0;
  double height = 0;
  std::string text;
};

// The reference text of a page: boxes sorted by vertical centre; a box joins
// the current line when its centre lies within half the median box height of
// the line's first box, else it starts a new line; each line's boxes are
// joined by one space from left to right, lines by '\n' from top to bottom.
// Boxes whose text is empty or only whitespace are left out (also of the
// median). An empty list gives "".
std::string ReferenceLines(std::vector<TextBox> boxes);

// The boxes of a receipt's NNN.boxes.csv: per row
// `x1,y1,x2,y2,x3,y3,x4,y4,transcript` (the transcript is everything after
// the eighth comma, commas included); empty rows are skipped. Errors
// (kInvalidArgument): "line 3: expected 8 coordinates and a transcript".
Result<std::vector<TextBox>> ParseReceiptBoxes(std::string_view csv);

// The word boxes of a form's NAME.json: the `words` ({text, box: [x0, y0, x1,
// y1]}) of every entity of `form`. Errors (kInvalidArgument): "not a JSON
// object with a \"form\" array", "entity 4, word 2: box is not [x0, y0, x1,
// y1]".
Result<std::vector<TextBox>> ParseFormBoxes(std::string_view json);

// Which of the two sets.
enum class RealKind { kReceipts, kForms };

// "receipts" or "forms", the set's folder name.
std::string RealKindName(RealKind kind);

// One real page and its ground truth.
struct RealPage {
  RealKind kind = RealKind::kReceipts;
  std::string name;  // file name without extension: "000", "0000971160"
  std::filesystem::path image;
  std::string reference;                      // ReferenceLines of its boxes
  std::map<std::string, std::string> fields;  // receipts: company, date, address, total
};

// The pages of `root`/receipts (NNN.jpg, NNN.boxes.csv, NNN.fields.json when
// present) or `root`/forms (NAME.png, NAME.json), sorted by name, at most
// `limit` of them (0 = all). Errors: the folder cannot be read
// (kNotFound "<dir>: cannot be read"), an image without its ground truth
// (kNotFound "<csv>: missing"), or a ground-truth file that does not parse
// (its error with the file's path in front).
Result<std::vector<RealPage>> LoadRealSet(const std::filesystem::path& root, RealKind kind,
                                          int limit);

}  // namespace travet::ocr_bench
