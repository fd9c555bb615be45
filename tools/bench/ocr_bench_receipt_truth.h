#pragma once

// The receipts' true field values (NNN.fields.json, as printed) in the form
// Travet gives a field of that type, so that they compare as strings.

#include <map>
#include <string>
#include <string_view>

namespace travet::ocr_bench {

// A date as printed on the receipts, day first, as ISO 8601: "25/12/2018",
// "14-03-18", "5/3/2018", "2018-01-05", "05 MAR 2018", "14/JUN/2017" (English
// month names, full or three letters, any case). Two-digit years as
// ParseItalianDate reads them. "" when it is not a date.
std::string DateTruth(std::string_view printed);

// An amount as printed ("9.00", "$8.20", "RM1.00", "1,234.50") as a decimal
// "1234.50"; a currency sign or code in front is dropped. "" when it is not
// an amount (also for an empty total).
std::string AmountTruth(std::string_view printed);

// The truths of one receipt by field name: `date` and `total` normalised as
// above, `company` as printed; other keys (address) are left out, and so is a
// value that does not normalise.
std::map<std::string, std::string> ReceiptTruths(const std::map<std::string, std::string>& printed);

}  // namespace travet::ocr_bench
