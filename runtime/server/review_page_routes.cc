// The validation view of a review task: its document's pages as pictures
// (scaled, cached, with ETag), the text of a box drawn on a page, and a
// field's value checked while it is typed. Same visibility as the other
// routes of a task (task_access.h).
#include <charconv>
#include <memory>

#include "ocr/recognise/page_viewer.h"
#include "runtime/auth/tokens.h"
#include "runtime/review/corrections.h"
#include "runtime/server/page_cache.h"
#include "runtime/server/routes.h"
#include "runtime/server/server_context.h"
#include "runtime/server/task_access.h"
#include "runtime/server/task_document.h"

namespace travet::server {
namespace {

// Pictures from 64 px (a thumbnail) to 4000 px wide (a zoomed A4 page at
// 340 dpi); none asked: the page as loaded, at most 4000 px wide.
constexpr int kNarrowestPicture = 64;
constexpr int kWidestPicture = 4000;
constexpr int kMostPages = 500;  // ocr::LoadLimits::max_pages
constexpr size_t kPageETagDigits = 32;
// A page of a task's document changes only if its file does, which the
// ETag follows: the browser keeps it for ten minutes, then asks again.
constexpr char kPictureCaching[] = "private, max-age=600";

// A whole number of `text` from `least` to `most`, or nullopt.
std::optional<int> WholeNumber(std::string_view text, int least, int most) {
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < least || number > most) {
    return std::nullopt;
  }
  return number;
}

ApiResponse NoViewer() {
  return Problem(501, "no-ocr", "This server shows no scans",
                 "the server was started without the OCR library");
}

// A document the task names that cannot be opened: gone (410) when it is
// not there, else not found; the detail shows the path as the task names it.
ApiResponse DocumentProblem(const Status& error) {
  if (error.code() == StatusCode::kNotFound) {
    return Problem(410, "document-gone", "The task's document is not there", error.message());
  }
  return Problem(404, "document-unavailable", "The task's document cannot be opened",
                 error.message());
}

ApiResponse PictureAnswer(const ocr::PagePicture& picture, const std::string& etag) {
  ApiResponse r;
  r.content_type = "image/png";
  r.body = picture.png;
  r.headers = {{"ETag", etag},
               {"Cache-Control", kPictureCaching},
               {"X-Page-Count", std::to_string(picture.page_count)},
               {"X-Page-Width", std::to_string(picture.page_width)},
               {"X-Page-Height", std::to_string(picture.page_height)}};
  return r;
}

bool NoneMatch(std::string_view if_none_match, std::string_view etag) {
  return if_none_match.find(etag) != std::string_view::npos ||
         (if_none_match.find('*') != std::string_view::npos);
}

// The picture of `page` at `width` of the task's opened document, from the
// cache or made now.
Result<std::shared_ptr<const ocr::PagePicture>> PictureOf(const TaskDocument& document,
                                                          const std::string& key, int page,
                                                          int width, ServerContext& context) {
  if (context.page_cache != nullptr) {
    if (auto cached = context.page_cache->Find(key)) {
      return cached;
    }
  }
  auto bytes = ReadTaskDocument(document);
  if (!bytes) {
    return bytes.error();
  }
  const std::string name = std::filesystem::path(document.shown).filename().string();
  auto picture = context.pages->RenderPage({document.key, name, std::move(*bytes)}, page, width);
  if (!picture) {
    return picture.error();
  }
  auto kept = std::make_shared<const ocr::PagePicture>(std::move(*picture));
  if (context.page_cache != nullptr) {
    context.page_cache->Keep(key, kept);
  }
  return kept;
}

Result<int> PictureWidth(const ApiRequest& request) {
  const std::string given = request.Query("width");
  if (given.empty()) {
    return 0;
  }
  auto width = WholeNumber(given, kNarrowestPicture, kWidestPicture);
  if (!width) {
    return InvalidArgument("width: must be a number from " + std::to_string(kNarrowestPicture) +
                           " to " + std::to_string(kWidestPicture) + " (pixels), not '" + given +
                           "'");
  }
  return *width;
}

}  // namespace

ApiResponse ShowReviewPage(const ApiRequest& request, ServerContext& context) {
  auto task = VisibleTask(request, context);
  if (!task) {
    return ProblemOf(task.error());
  }
  const auto page = WholeNumber(request.params.at("page"), 1, kMostPages);
  if (!page) {
    return Problem(400, "invalid-input", "Not a page number",
                   "page: must be a number from 1 to " + std::to_string(kMostPages));
  }
  auto width = PictureWidth(request);
  if (!width) {
    return ProblemOf(width.error());
  }
  if (context.pages == nullptr) {
    return NoViewer();
  }
  auto document = OpenTaskDocument(*task, context);
  if (!document) {
    return DocumentProblem(document.error());
  }
  const std::string key =
      document->key + "\npage " + std::to_string(*page) + "\nwidth " + std::to_string(*width);
  const std::string etag = "\"" + auth::HashSecret(key).substr(0, kPageETagDigits) + "\"";
  if (NoneMatch(request.Header("if-none-match"), etag)) {
    ApiResponse r;
    r.status = 304;
    r.content_type = "image/png";
    r.headers = {{"ETag", etag}, {"Cache-Control", kPictureCaching}};
    return r;
  }
  auto picture = PictureOf(*document, key, *page, *width, context);
  if (!picture) {
    if (picture.error().code() == StatusCode::kNotFound) {
      return Problem(404, "not-found", "No such page", picture.error().message());
    }
    return Problem(422, "unreadable-document", "The task's document cannot be shown",
                   picture.error().message());
  }
  return PictureAnswer(**picture, etag);
}

}  // namespace travet::server
