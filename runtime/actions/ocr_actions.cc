#include "runtime/actions/ocr_actions.h"

#include <chrono>
#include <functional>

#include "ocr/fields/field_set.h"
#include "ocr/fields/fields.h"
#include "ocr/load/image_loader.h"
#include "ocr/recognise/document_reader.h"
#include "ocr/validators/validators.h"
#include "runtime/actions/atomic_file.h"
#include "runtime/actions/ocr_fields_file.h"
#include "runtime/actions/ocr_json.h"
#include "runtime/actions/ocr_review.h"
#include "runtime/actions/path_guard.h"
#include "runtime/actions/sha256.h"

namespace travet::actions {
namespace {

using lang::ParamType;

Result<ocr::RecognizeOptions> ReadOptions(const Value& params, const char* action) {
  ocr::RecognizeOptions options;
  auto bad = [&](const char* name, const char* what) {
    return InvalidArgument(std::string(action) + ": parameter '" + name + "' must be " + what);
  };
  if (params.contains("lang")) {
    if (!params["lang"].is_string())
      return bad("lang", "a string like ita+eng");
    options.lang = params["lang"];
  }
  if (params.contains("preprocess")) {
    if (!params["preprocess"].is_string())
      return bad("preprocess", "a string");
    options.preprocess = params["preprocess"];
  }
  if (params.contains("psm")) {
    if (!params["psm"].is_number_integer())
      return bad("psm", "an integer");
    options.psm = params["psm"];
  }
  if (params.contains("pages")) {
    if (!params["pages"].is_array())
      return bad("pages", "a list of page numbers");
    for (const auto& p : params["pages"]) {
      if (!p.is_number_integer())
        return bad("pages", "a list of page numbers");
      options.pages.push_back(p);
    }
  }
  return options;
}

// The content of the scan the step names, read through the descriptor that
// opening it beneath the work folder gave: a folder swapped for a symlink
// after the check cannot send the read outside (path_guard.h).
Result<std::string> ReadScan(const Value& params, ActionContext& ctx, const char* action) {
  if (ctx.ocr == nullptr)  // the program that runs the bot passed no reader
    return FailedPrecondition(std::string(action) +
                              ": this program reads no scans (it was built without OCR)");
  const Value& file = params.value("file", Value());
  if (!file.is_string())
    return InvalidArgument(std::string(action) + ": parameter 'file' must be a path");
  const PathGuard guard(ctx.work_dir);
  auto path = guard.Resolve(file.get<std::string>());
  if (!path)
    return path.error();
  auto fd = guard.Open(*path, kOpenForReading);
  if (!fd)
    return fd.error().WithContext(action);
  auto bytes = ReadWholeFd(fd->get(), *path, ocr::LoadLimits{}.max_file_bytes);
  if (!bytes)
    return bytes.error().WithContext(action);
  return bytes;
}

// Reading stops at the step's deadline (`timeout:`), between words: a long
// document must not hold the step past it.
std::function<bool()> StopAtDeadline(const ActionContext& ctx) {
  if (ctx.deadline == TimePoint::max())
    return {};
  const Clock* clock = ctx.clock != nullptr ? ctx.clock : &DefaultClock();
  return [clock, deadline = ctx.deadline] { return clock->Now() > deadline; };
}

Result<ocr::DocumentResult> Recognize(const Value& params, std::string bytes,
                                      const ActionContext& ctx, const char* action) {
  auto options = ReadOptions(params, action);
  if (!options)
    return options.error();
  options->stop = StopAtDeadline(ctx);
  const std::string named = params["file"].get<std::string>();
  auto doc = ctx.ocr->ReadBytes(std::filesystem::path(named).filename().string(), std::move(bytes),
                                *options);
  if (!doc)
    return doc.error();
  doc->file = named;  // as the bot named it, not the resolved path
  return doc;
}

Result<Value> RunOcrRead(const Value& params, ActionContext& ctx) {
  auto scan = ReadScan(params, ctx, "ocr.read");
  if (!scan)
    return scan.error();
  auto doc = Recognize(params, std::move(*scan), ctx, "ocr.read");
  if (!doc)
    return doc.error();
  Value pages = Value::array();
  std::string text;
  double confidence = 0;
  for (const auto& page : doc->pages) {
    pages.push_back(PageJson(page, /*with_words=*/true));
    text += (text.empty() ? "" : "\f") + page.text;
    confidence += page.confidence;
  }
  if (!doc->pages.empty())
    confidence /= static_cast<double>(doc->pages.size());
  return Value{{"text", text}, {"confidence", confidence}, {"pages", pages}};
}

// The day the step runs, for date ranges relative to it: the UTC date (two
// years either side do not hinge on the hours between UTC and Rome).
ocr::CalendarDate Today(const ActionContext& ctx) {
  const TimePoint now = ctx.clock != nullptr ? ctx.clock->Now() : DefaultClock().Now();
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  return {static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
          static_cast<int>(static_cast<unsigned>(day.day()))};
}

// Each page's text and confidence, and all the text (pages joined by form
// feeds), as `ocr.read` gives them: a bot may look for what no field holds.
void AddText(const ocr::DocumentResult& doc, Value& extraction) {
  Value pages = Value::array();
  std::string text;
  for (const auto& page : doc.pages) {
    pages.push_back({{"page", page.page}, {"text", page.text}, {"confidence", page.confidence}});
    if (!page.error.empty())
      pages.back()["error"] = page.error;
    text += (text.empty() ? "" : "\f") + page.text;
  }
  extraction["pages"] = std::move(pages);
  extraction["text"] = std::move(text);
}

Result<Value> RunOcrExtract(const Value& params, ActionContext& ctx) {
  // The loader ran the same check on the literal parameters; this one sees
  // the values of their expressions. Checked before the (slow) recognition.
  ocr::FieldSetCheck check = ocr::CheckFieldSet(params);
  if (!check.ok())
    return InvalidArgument("ocr.extract: " + check.problems.front().message);
  ocr::ExtractOptions options{check.set.min_confidence.value_or(ocr::kDefaultMinConfidence),
                              Today(ctx)};
  std::optional<ExtractionReview> review;
  if (params.contains("review") && !params["review"].is_null()) {
    auto settings = ReadExtractionReview(params["review"]);
    if (!settings)
      return settings.error();
    review = std::move(*settings);
  }
  auto scan = ReadScan(params, ctx, "ocr.extract");
  if (!scan)
    return scan.error();
  const std::string sha256 = review ? Sha256Hex(*scan) : std::string();  // chooses samples
  auto doc = Recognize(params, std::move(*scan), ctx, "ocr.extract");
  if (!doc)
    return doc.error();
  std::vector<ocr::FieldResult> fields = ocr::ExtractFieldSet(*doc, check.set, options);
  Value extraction = {{"fields", FieldsJson(fields, check.set.specs)},
                      // A page that could not be read may hold a field: a person looks.
                      {"needs_review", ocr::NeedsReview(fields) || doc->AnyPageFailed()},
                      {"document", doc->file}};
  AddText(*doc, extraction);
  if (!review)
    return extraction;
  return ReviewExtraction(*review, sha256, ctx, std::move(extraction));
}

}  // namespace

std::vector<ActionDef> OcrActions() {
  std::vector<lang::ParamSpec> common = {
      {"file", ParamType::kString, true, "The scan: PNG, JPEG, TIFF or PDF."},
      {"lang", ParamType::kString, false, "Tesseract languages, e.g. ita+eng (default)."},
      {"pages", ParamType::kList, false, "1-based pages to read (default: all)."},
      {"preprocess", ParamType::kString, false, "auto (default), none, or a list of stages."},
      {"psm", ParamType::kInteger, false, "Tesseract page segmentation mode."}};
  std::vector<lang::ParamSpec> extract = common;
  extract.push_back({"fields", ParamType::kMap, true,
                     "name -> {pattern | label | zone, type, page, min_confidence, required, "
                     "pick, exclude, near, date_range} (docs/fields.md)."});
  extract.push_back({"min_confidence", ParamType::kNumber, false,
                     "Fields under it go to review (default " +
                         std::to_string(static_cast<int>(ocr::kDefaultMinConfidence)) + ")."});
  extract.push_back({"checks", ParamType::kList, false,
                     "The document's arithmetic, e.g. ['total = paid - change']: amounts that "
                     "do not add up are never accepted (docs/fields.md)."});
  extract.push_back(
      {"totals", ParamType::kList, false, "[imponibile, iva, totale]: fields that must add up."});
  extract.push_back({"review",
                     ParamType::kMap,
                     false,
                     "Ask a person when a field needs review or the document is sampled, and "
                     "wait: {queue, instructions, priority, due, expires, escalate_to, "
                     "approvals: 1|2, sample: 5%}.",
                     {},
                     ReviewSettingSpecs()});
  lang::ActionSpec extract_spec{
      "ocr.extract",
      "Read typed, validated fields from a scan; says when a person must look.",
      extract,
      {},
      "fields: {name: {value, raw, confidence, page, box, valid, verdict, accepted, score, "
      "type, required}}, needs_review, document, text (pages joined by form feeds), pages: "
      "[{page, text, confidence}], review: {decision, reviewer, task, sampled} (with "
      "`review:`)"};
  extract_spec.check = CheckExtractParams;
  return {
      {std::move(extract_spec), RunOcrExtract},
      {{"ocr.read",
        "Read the text and words of a scan (OpenCV preprocessing + Tesseract).",
        common,
        {},
        "text, confidence, pages: [{text, confidence, words: [{text, confidence, box}]}]"},
       RunOcrRead},
  };
}

}  // namespace travet::actions
