// A field's value as the server's validators see it: read from a box an
// operator drew on the page (POST /api/v1/ocr/region), or as typed
// (POST .../fields/{field}/check), both judged by the OCR field types.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>

#include "ocr/recognise/page_viewer.h"
#include "ocr/validators/validators.h"
#include "runtime/review/corrections.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/task_access.h"
#include "runtime/server/task_document.h"

namespace travet::server {
namespace {

// The language set of a box read (as ocr.extract reads by default).
constexpr char kRegionLanguages[] = "ita+eng";
constexpr int kMostRegionPage = 500;  // ocr::LoadLimits::max_pages

struct RegionAsk {
  std::string task;
  int page = 1;
  ocr::Box box;
  std::optional<ocr::FieldType> type;  // none: the text as read
};

Result<ocr::Box> BoxOf(const Value& box) {
  const bool numbers =
      box.is_array() && box.size() == 4 &&
      std::all_of(box.begin(), box.end(), [](const Value& v) { return v.is_number_integer(); });
  if (!numbers) {
    return InvalidArgument("box: must be [x, y, width, height] in whole pixels of the page");
  }
  return ocr::Box{box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>()};
}

// {"task": "t-…", "page": 1, "box": [x, y, w, h], "type": "amount"}.
Result<RegionAsk> RegionAskOf(const std::string& body_text) {
  const Value body = BodyJson(body_text);
  if (!body.is_object() || !body.value("task", Value()).is_string()) {
    return InvalidArgument(
        R"(the body must be {"task": "t-…", "page": 1, "box": [x, y, width, height], "type": "amount"}, type optional)");
  }
  RegionAsk ask{body["task"].get<std::string>()};
  const Value page = body.value("page", Value(1));
  if (!page.is_number_integer() || page.get<int>() < 1 || page.get<int>() > kMostRegionPage) {
    return InvalidArgument("page: must be a page number from 1");
  }
  ask.page = page.get<int>();
  auto box = BoxOf(body.value("box", Value()));
  if (!box) {
    return box.error();
  }
  ask.box = *box;
  const Value type = body.value("type", Value());
  if (!type.is_null()) {
    ask.type = type.is_string() ? ocr::ParseFieldType(type.get<std::string>()) : std::nullopt;
    if (!ask.type) {
      return InvalidArgument("type: " + type.dump() +
                             " is not a field type (text, date, amount, partita_iva, "
                             "codice_fiscale, iban, cap, email, integer)");
    }
  }
  return ask;
}

// {valid, value, verdict} of a verdict: "ok", or why the value is not valid.
Value VerdictJson(const ocr::Verdict& verdict) {
  return {{"valid", verdict.valid},
          {"value", verdict.value},
          {"verdict", verdict.valid ? std::string("ok") : verdict.message}};
}

Value RegionAnswer(const ocr::RegionText& read, const std::optional<ocr::FieldType>& type) {
  ocr::Verdict verdict;
  if (type) {
    verdict = ocr::ValidateField(*type, read.text);
  } else {
    verdict = {
        .valid = !read.text.empty(), .value = read.text, .message = "nothing was read in the box"};
  }
  Value answer = VerdictJson(verdict);
  answer["text"] = read.text;
  answer["confidence"] = read.confidence;
  answer["type"] = type ? Value(std::string(ocr::FieldTypeName(*type))) : Value();
  return answer;
}

std::string BoxText(const ocr::Box& box) {
  return "[" + std::to_string(box.x) + ", " + std::to_string(box.y) + ", " +
         std::to_string(box.width) + ", " + std::to_string(box.height) + "]";
}

// Reads the asked box of the task's opened document; the page and the box
// are checked against the document first, and a refusal names which.
ApiResponse ReadAsked(const RegionAsk& ask, const TaskDocument& document, ServerContext& context) {
  auto bytes = ReadTaskDocument(document);
  if (!bytes) {
    return Problem(422, "unreadable-document", "The task's document cannot be read",
                   bytes.error().message());
  }
  const std::string name = std::filesystem::path(document.shown).filename().string();
  const ocr::ScanFile file{document.key, name, std::move(*bytes)};
  auto size = context.pages->MeasurePage(file, ask.page);
  if (!size) {
    return size.error().code() == StatusCode::kNotFound
               ? Problem(422, "invalid-page", "No such page", "page: " + size.error().message())
               : Problem(422, "unreadable-document", "The task's document cannot be read",
                         size.error().message());
  }
  const ocr::Box& box = ask.box;
  if (box.x < 0 || box.y < 0 || box.x + box.width > size->width ||
      box.y + box.height > size->height) {
    return Problem(422, "invalid-box", "The box is not on the page",
                   "box: " + BoxText(box) + " is not inside page " + std::to_string(ask.page) +
                       " (" + std::to_string(size->width) + " x " + std::to_string(size->height) +
                       " pixels)");
  }
  auto read = context.pages->ReadRegion(file, ask.page, box, kRegionLanguages);
  if (!read) {
    return ProblemOf(read.error());
  }
  return JsonResponse(200, RegionAnswer(*read, ask.type));
}

}  // namespace

ApiResponse ReadOcrRegion(const ApiRequest& request, ServerContext& context) {
  auto ask = RegionAskOf(request.body);
  if (!ask) {
    return ProblemOf(ask.error());
  }
  auto task = VisibleTask(ask->task, request.caller, context);
  if (!task) {
    return ProblemOf(task.error());
  }
  if (ask->box.width <= 0 || ask->box.height <= 0) {
    return Problem(422, "invalid-box", "The box is empty",
                   "box: [x, y, width, height] needs a width and a height above 0");
  }
  if (context.pages == nullptr) {
    return Problem(501, "no-ocr", "This server reads no scans",
                   "the server was started without the OCR library");
  }
  auto document = OpenTaskDocument(*task, context);
  if (!document) {
    return document.error().code() == StatusCode::kNotFound
               ? Problem(410, "document-gone", "The task's document is not there",
                         document.error().message())
               : Problem(404, "document-unavailable", "The task's document cannot be opened",
                         document.error().message());
  }
  return ReadAsked(*ask, *document, context);
}

ApiResponse CheckReviewField(const ApiRequest& request, ServerContext& context) {
  const Value body = BodyJson(request.body);
  const Value value = body.is_object() ? body.value("value", Value()) : Value();
  if (!value.is_string()) {
    return Problem(400, "invalid-input", "A check needs a value",
                   R"(the body must be {"value": "..."}, the value as typed)");
  }
  auto task = VisibleTask(request, context);
  if (!task) {
    return ProblemOf(task.error());
  }
  const std::string& name = request.params.at("field");
  if (!task->fields.is_object() || !task->fields.contains(name)) {
    return Problem(404, "not-found", "No such field",
                   "task " + task->id + " has no field '" + name + "'");
  }
  const Value& field = task->fields[name];
  Value answer = VerdictJson(review::CheckFieldValue(field, value.get<std::string>()));
  answer["field"] = name;
  answer["type"] = field.is_object() ? field.value("type", Value("text")) : Value("text");
  return JsonResponse(200, answer);
}

}  // namespace travet::server
