#include "tools/bench/ocr_bench_real_set.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "runtime/core/value.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string JoinLine(std::vector<TextBox>& line) {
  std::stable_sort(line.begin(), line.end(),
                   [](const TextBox& a, const TextBox& b) { return a.left < b.left; });
  std::string out;
  for (const TextBox& box : line) {
    out += (out.empty() ? "" : " ") + box.text;
  }
  return out;
}

// Parses the eight corner coordinates of a receipt row into a box.
bool ParseCorners(std::string_view row, TextBox& box) {
  double xs[4], ys[4];
  size_t at = 0;
  for (int i = 0; i < 8; ++i) {
    const size_t comma = row.find(',', at);
    if (comma == std::string_view::npos) {
      return false;
    }
    double& v = i % 2 == 0 ? xs[i / 2] : ys[i / 2];
    const auto [end, ec] = std::from_chars(row.data() + at, row.data() + comma, v);
    if (ec != std::errc() || end != row.data() + comma) {
      return false;
    }
    at = comma + 1;
  }
  box.left = *std::min_element(xs, xs + 4);
  const auto [top, bottom] = std::minmax_element(ys, ys + 4);
  box.centre_y = (ys[0] + ys[1] + ys[2] + ys[3]) / 4;
  box.height = *bottom - *top;
  box.text = std::string(row.substr(at));
  return true;
}

Result<TextBox> WordBox(const Value& word) {
  const Value& b = word.contains("box") ? word["box"] : Value();
  if (!b.is_array() || b.size() != 4 ||
      !std::all_of(b.begin(), b.end(), [](const Value& v) { return v.is_number(); })) {
    return InvalidArgument("box is not [x0, y0, x1, y1]");
  }
  const double x0 = b[0], y0 = b[1], y1 = b[3];
  const Value& text = word.contains("text") ? word["text"] : Value();
  return TextBox{x0, (y0 + y1) / 2, y1 - y0, text.is_string() ? text.get<std::string>() : ""};
}

Result<std::string> Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound(path.string() + ": missing");
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string ReferenceLines(std::vector<TextBox> boxes) {
  std::erase_if(boxes, [](const TextBox& b) { return IsBlank(b.text); });
  if (boxes.empty()) {
    return "";
  }
  std::vector<double> heights;
  heights.reserve(boxes.size());
  for (const TextBox& b : boxes) {
    heights.push_back(b.height);
  }
  const double reach = Median(heights) / 2;
  std::stable_sort(boxes.begin(), boxes.end(),
                   [](const TextBox& a, const TextBox& b) { return a.centre_y < b.centre_y; });
  std::string out;
  std::vector<TextBox> line;
  for (TextBox& box : boxes) {
    if (!line.empty() && box.centre_y - line.front().centre_y > reach) {
      out += JoinLine(line) + "\n";
      line.clear();
    }
    line.push_back(std::move(box));
  }
  return out + JoinLine(line);
}

Result<std::vector<TextBox>> ParseReceiptBoxes(std::string_view csv) {
  std::vector<TextBox> boxes;
  int number = 0;
  while (!csv.empty()) {
    const size_t end = std::min(csv.find('\n'), csv.size());
    std::string_view row = csv.substr(0, end);
    csv.remove_prefix(std::min(end + 1, csv.size()));
    ++number;
    if (row.ends_with('\r')) {
      row.remove_suffix(1);
    }
    if (IsBlank(row)) {
      continue;
    }
    TextBox box;
    if (!ParseCorners(row, box)) {
      return InvalidArgument("line " + std::to_string(number) +
                             ": expected 8 coordinates and a transcript");
    }
    boxes.push_back(std::move(box));
  }
  return boxes;
}

Result<std::vector<TextBox>> ParseFormBoxes(std::string_view json) {
  const Value v = Value::parse(json, nullptr, false);
  if (v.is_discarded() || !v.is_object() || !v.contains("form") || !v["form"].is_array()) {
    return InvalidArgument("not a JSON object with a \"form\" array");
  }
  std::vector<TextBox> boxes;
  for (size_t e = 0; e < v["form"].size(); ++e) {
    const Value& entity = v["form"][e];
    if (!entity.is_object() || !entity.contains("words") || !entity["words"].is_array()) {
      continue;
    }
    for (size_t w = 0; w < entity["words"].size(); ++w) {
      auto box = WordBox(entity["words"][w]);
      if (!box) {
        return box.error().WithContext("entity " + std::to_string(e + 1) + ", word " +
                                       std::to_string(w + 1));
      }
      boxes.push_back(std::move(*box));
    }
  }
  return boxes;
}

std::string RealKindName(RealKind kind) {
  return kind == RealKind::kReceipts ? "receipts" : "forms";
}

namespace {

std::map<std::string, std::string> ReadTruthFields(const fs::path& path) {
  std::map<std::string, std::string> fields;
  auto text = Slurp(path);
  const Value v = text ? Value::parse(*text, nullptr, false) : Value();
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it->is_string()) {
        fields[it.key()] = it->get<std::string>();
      }
    }
  }
  return fields;
}

Result<RealPage> LoadPage(const fs::path& image, RealKind kind) {
  RealPage page{kind, image.stem().string(), image, "", {}};
  const fs::path dir = image.parent_path();
  const fs::path truth = dir / (page.name + (kind == RealKind::kReceipts ? ".boxes.csv" : ".json"));
  auto text = Slurp(truth);
  if (!text) {
    return text.error();
  }
  auto boxes = kind == RealKind::kReceipts ? ParseReceiptBoxes(*text) : ParseFormBoxes(*text);
  if (!boxes) {
    return boxes.error().WithContext(truth.string());
  }
  page.reference = ReferenceLines(std::move(*boxes));
  if (kind == RealKind::kReceipts) {
    page.fields = ReadTruthFields(dir / (page.name + ".fields.json"));
  }
  return page;
}

}  // namespace

Result<std::vector<RealPage>> LoadRealSet(const fs::path& root, RealKind kind, int limit) {
  const fs::path dir = root / RealKindName(kind);
  const std::string extension = kind == RealKind::kReceipts ? ".jpg" : ".png";
  std::vector<fs::path> images;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == extension) {
      images.push_back(it->path());
    }
  }
  if (ec) {
    return NotFound(dir.string() + ": cannot be read");
  }
  std::sort(images.begin(), images.end());
  if (limit > 0 && images.size() > static_cast<size_t>(limit)) {
    images.resize(limit);
  }
  std::vector<RealPage> pages;
  for (const fs::path& image : images) {
    auto page = LoadPage(image, kind);
    if (!page) {
      return page.error();
    }
    pages.push_back(std::move(*page));
  }
  return pages;
}

}  // namespace travet::ocr_bench
