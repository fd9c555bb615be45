#include "tools/bench/ocr_bench_real_cer.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace travet::ocr_bench {
namespace {

// `text` in NFKC; unchanged in the (never seen) case ICU cannot load its data.
icu::UnicodeString Nfkc(const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    return text;
  }
  icu::UnicodeString out = nfkc->normalize(text, status);
  return U_SUCCESS(status) ? out : text;
}

}  // namespace

std::u32string NormaliseForRealCer(std::string_view utf8, bool upper_case) {
  icu::UnicodeString text = Nfkc(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
  if (upper_case) {
    // NFKC again: upper-casing does not keep every text in NFKC.
    text = Nfkc(text.toUpper(icu::Locale::getRoot()));
  }
  std::u32string out;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += U' ';
      pending_space = false;
    }
    out += static_cast<char32_t>(c);
  }
  return out;
}

CerCount CountRealErrors(std::string_view reference, std::string_view hypothesis, bool upper_case) {
  const std::u32string ref = NormaliseForRealCer(reference, upper_case);
  return {EditDistance(ref, NormaliseForRealCer(hypothesis, upper_case)), ref.size()};
}

}  // namespace travet::ocr_bench
