#include "tools/bench/ocr_bench_receipt_truth.h"

#include <array>
#include <cctype>
#include <regex>

#include "ocr/validators/decimal_amount.h"
#include "ocr/validators/italian_date.h"

namespace travet::ocr_bench {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// "05 MAR 2018" -> "05/03/2018"; `printed` unchanged when it names no
// English month.
std::string WithMonthNumber(const std::string& printed) {
  static const std::regex kNamed(R"(^\s*(\d{1,2})[\s/.-]*([A-Z]{3,9})\.?[\s/.-]*(\d{2,4})\s*$)");
  std::smatch m;
  if (!std::regex_match(printed, m, kNamed)) {
    return printed;
  }
  const std::string name = m[2].str().substr(0, 3);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (name == kMonths[i]) {
      return m[1].str() + "/" + std::to_string(i + 1) + "/" + m[3].str();
    }
  }
  return printed;
}

}  // namespace

std::string DateTruth(std::string_view printed) {
  auto date = ocr::ParseItalianDate(WithMonthNumber(Upper(printed)));
  return date ? date->ToIso() : "";
}

std::string AmountTruth(std::string_view printed) {
  const size_t first_digit = printed.find_first_of("0123456789");
  if (first_digit == std::string_view::npos) {
    return "";
  }
  auto amount = ocr::ParseAmount(printed.substr(first_digit));
  return amount ? amount->ToString() : "";
}

std::map<std::string, std::string> ReceiptTruths(
    const std::map<std::string, std::string>& printed) {
  std::map<std::string, std::string> truths;
  auto add = [&](const std::string& key, std::string (*normalise)(std::string_view)) {
    const auto it = printed.find(key);
    const std::string value = it == printed.end() ? "" : normalise(it->second);
    if (!value.empty()) {
      truths[key] = value;
    }
  };
  add("date", DateTruth);
  add("total", AmountTruth);
  add("company", [](std::string_view s) { return std::string(s); });
  return truths;
}

}  // namespace travet::ocr_bench
