// The validation view's routes over real HTTP on 127.0.0.1, with the real
// OCR library: a review task whose document is a generated scan
// (samples/scans/concession-0001-clean.png, 2480 x 3508 at 300 dpi) is shown
// as a PNG, scaled and cached; boxes of it are read with Tesseract; values
// typed for its fields are checked by their types' validators.
#include <gtest/gtest.h>

#include <filesystem>

#include "ocr/recognise/scan_viewer.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

using testing::JsonOf;
using testing::ServerFixture;
using testing::ServerSetup;

constexpr int kScanWidth = 2480;
constexpr int kScanHeight = 3508;

// "Bearer page-<token>": ugo works queue fatture, eva only ordini.
Result<std::optional<Caller>> PageViewAuthenticate(const ApiRequest& request) {
  const std::string bearer = request.Header("authorization");
  if (bearer == "Bearer page-ugo") {
    return std::optional<Caller>(Caller{"ugo", kOperator, {"fatture"}, false, ""});
  }
  if (bearer == "Bearer page-eva") {
    return std::optional<Caller>(Caller{"eva", kOperator, {"ordini"}, false, ""});
  }
  if (bearer == "Bearer page-dev") {
    return std::optional<Caller>(Caller{"anna", kDeveloper, {}, false, ""});
  }
  return std::optional<Caller>();
}

httplib::Headers PageViewAs(const std::string& who, const std::string& if_none_match = "") {
  httplib::Headers headers = {{"Authorization", "Bearer page-" + who}};
  if (!if_none_match.empty()) {
    headers.emplace("If-None-Match", if_none_match);
  }
  return headers;
}

// The width and height in a PNG's IHDR chunk (bytes 16..23, big-endian).
std::pair<int, int> PngSize(const std::string& png) {
  auto word = [&png](size_t at) {
    int value = 0;
    for (size_t i = at; i < at + 4; ++i) {
      value = value * 256 + static_cast<unsigned char>(png[i]);
    }
    return value;
  };
  return png.size() < 24 ? std::pair{0, 0} : std::pair{word(16), word(20)};
}

bool IsPng(const std::string& bytes) {
  return bytes.starts_with("\x89PNG\r\n\x1a\n");
}

// The fields as ocr.extract records them: a partita IVA refused by its
// check digit, a total read below its threshold.
Value PageTaskFields() {
  return Value::parse(R"({
    "vat": {"value": "01234567890", "raw": "0l234567890", "confidence": 91, "page": 1,
            "box": {"x": 770, "y": 647, "width": 450, "height": 32}, "valid": false,
            "verdict": "check digit is 0, expected 7", "accepted": false,
            "type": "partita_iva"},
    "dal": {"value": "2027-01-11", "raw": "11/01/2027", "confidence": 70, "page": 1,
            "box": {"x": 771, "y": 1474, "width": 225, "height": 33}, "valid": true,
            "verdict": "ok", "accepted": false, "type": "date"},
    "note": {"value": "x", "confidence": 99}
  })");
}

class ReviewPageRoutesTest : public ::testing::Test {
 protected:
  ReviewPageRoutesTest() : server_(PageSetup(viewer_)), client_(server_.Client()) {
    const std::filesystem::path work = server_.dir().path() / "work";
    std::filesystem::create_directories(work / "scans");
    std::filesystem::copy_file(
        std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/scans/concession-0001-clean.png",
        work / "scans/concession.png");
    store::Store& store = server_.store();
    EXPECT_TRUE(store
                    .CreateRun({.id = "r-page",
                                .bot = "echo",
                                .state = store::RunState::kWaitingReview,
                                .work_dir = work.string()})
                    .ok());
    EXPECT_TRUE(store
                    .CreateTask({.id = "t-page",
                                 .run_id = "r-page",
                                 .step_path = "read",
                                 .queue = "fatture",
                                 .document = "scans/concession.png",
                                 .page = 1,
                                 .fields = PageTaskFields()})
                    .ok());
    EXPECT_TRUE(store
                    .CreateTask({.id = "t-gone",
                                 .run_id = "r-page",
                                 .step_path = "again",
                                 .queue = "fatture",
                                 .document = "scans/moved-away.png",
                                 .page = 1,
                                 .fields = PageTaskFields()})
                    .ok());
  }

  static ServerSetup PageSetup(ocr::ScanViewer& viewer) {
    ServerSetup setup;
    setup.authenticate = PageViewAuthenticate;
    setup.workers = 0;
    setup.pages = &viewer;
    return setup;
  }

  httplib::Result Region(const Value& body, const std::string& who = "ugo") {
    return client_.Post("/api/v1/ocr/region", PageViewAs(who), body.dump(), "application/json");
  }

  httplib::Result Check(const std::string& task, const std::string& field, const std::string& value,
                        const std::string& who = "ugo") {
    return client_.Post("/api/v1/review/tasks/" + task + "/fields/" + field + "/check",
                        PageViewAs(who), Value{{"value", value}}.dump(), "application/json");
  }

  ocr::ScanViewer viewer_;
  ServerFixture server_;
  httplib::Client client_;
};

TEST_F(ReviewPageRoutesTest, APageIsAPngScaledToTheWidthAskedWithTheBoxesSpace) {
  auto r = client_.Get("/api/v1/review/tasks/t-page/pages/1?width=620", PageViewAs("ugo"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  ASSERT_TRUE(IsPng(r->body));
  EXPECT_EQ(PngSize(r->body), std::pair(620, kScanHeight * 620 / kScanWidth));
  EXPECT_EQ(r->get_header_value("X-Page-Width"), std::to_string(kScanWidth));
  EXPECT_EQ(r->get_header_value("X-Page-Height"), std::to_string(kScanHeight));
  EXPECT_EQ(r->get_header_value("X-Page-Count"), "1");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "private, max-age=600");
  EXPECT_FALSE(r->get_header_value("ETag").empty());
}

TEST_F(ReviewPageRoutesTest, WithoutAWidthThePageComesAsLoaded) {
  auto r = client_.Get("/api/v1/review/tasks/t-page/pages/1", PageViewAs("ugo"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(PngSize(r->body), std::pair(kScanWidth, kScanHeight));
}

TEST_F(ReviewPageRoutesTest, TheSameETagAnswers304AndAnotherWidthHasItsOwn) {
  const std::string url = "/api/v1/review/tasks/t-page/pages/1?width=300";
  auto first = client_.Get(url, PageViewAs("ugo"));
  ASSERT_TRUE(first && first->status == 200);
  const std::string etag = first->get_header_value("ETag");
  auto again = client_.Get(url, PageViewAs("ugo", etag));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->get_header_value("ETag"), etag);
  auto wider =
      client_.Get("/api/v1/review/tasks/t-page/pages/1?width=400", PageViewAs("ugo", etag));
  ASSERT_TRUE(wider);
  EXPECT_EQ(wider->status, 200);
  EXPECT_NE(wider->get_header_value("ETag"), etag);
  EXPECT_EQ(PngSize(wider->body).first, 400);
}

TEST_F(ReviewPageRoutesTest, AWidthOutOfBoundsIsRefusedNamingIt) {
  for (const char* width : {"10", "4001", "wide"}) {
    auto r = client_.Get(std::string("/api/v1/review/tasks/t-page/pages/1?width=") + width,
                         PageViewAs("ugo"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << width;
    EXPECT_EQ(JsonOf(r)["detail"],
              std::string("width: must be a number from 64 to 4000 (pixels), not '") + width + "'");
  }
}

TEST_F(ReviewPageRoutesTest, AnotherQueuesOperatorFindsNoSuchTask) {
  auto page = client_.Get("/api/v1/review/tasks/t-page/pages/1", PageViewAs("eva"));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 404);
  EXPECT_EQ(JsonOf(page)["detail"], "no task 't-page'");
  auto region = Region({{"task", "t-page"}, {"page", 1}, {"box", {236, 364, 665, 46}}}, "eva");
  ASSERT_TRUE(region);
  EXPECT_EQ(region->status, 404);
  auto check = Check("t-page", "vat", "01234567897", "eva");
  ASSERT_TRUE(check);
  EXPECT_EQ(check->status, 404);
  auto developer = client_.Get("/api/v1/review/tasks/t-page/pages/1", PageViewAs("dev"));
  ASSERT_TRUE(developer);
  EXPECT_EQ(developer->status, 403);
}

TEST_F(ReviewPageRoutesTest, AMissingDocumentIsGoneAndItsFolderIsNotShown) {
  auto r = client_.Get("/api/v1/review/tasks/t-gone/pages/1", PageViewAs("ugo"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 410);
  EXPECT_EQ(JsonOf(r)["detail"],
            "the document 'scans/moved-away.png' of task t-gone is not there (moved or deleted "
            "since the task was made)");
  EXPECT_EQ(r->body.find(server_.dir().path().string()), std::string::npos);
}

TEST_F(ReviewPageRoutesTest, APageTheDocumentLacksIsNotFound) {
  auto r = client_.Get("/api/v1/review/tasks/t-page/pages/2", PageViewAs("ugo"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(JsonOf(r)["detail"], "concession.png: page 2 does not exist (the document has 1 page)");
}

TEST_F(ReviewPageRoutesTest, ARegionReadsTheWordsInItsBox) {
  auto r = Region({{"task", "t-page"}, {"page", 1}, {"box", {236, 364, 665, 46}}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Value answer = JsonOf(r);
  EXPECT_EQ(answer["text"], "Alla Città Metropolitana di Torino") << answer.dump();
  EXPECT_GT(answer["confidence"].get<double>(), 80);
  EXPECT_EQ(answer["valid"], true);
  EXPECT_EQ(answer["type"], nullptr);
}

TEST_F(ReviewPageRoutesTest, ARegionReadWithATypeIsNormalisedAndValidated) {
  auto date = Region({{"task", "t-page"}, {"box", {771, 1474, 225, 33}}, {"type", "date"}});
  ASSERT_TRUE(date);
  ASSERT_EQ(date->status, 200) << date->body;
  EXPECT_EQ(JsonOf(date)["text"], "11/01/2027");
  EXPECT_EQ(JsonOf(date)["value"], "2027-01-11");
  EXPECT_EQ(JsonOf(date)["valid"], true);
  EXPECT_EQ(JsonOf(date)["verdict"], "ok");
  auto words = Region({{"task", "t-page"}, {"box", {236, 364, 665, 46}}, {"type", "amount"}});
  ASSERT_TRUE(words);
  ASSERT_EQ(words->status, 200) << words->body;
  EXPECT_EQ(JsonOf(words)["valid"], false);
  EXPECT_NE(JsonOf(words)["verdict"], "ok");
}

TEST_F(ReviewPageRoutesTest, ABoxOutsideThePageOrEmptyIsRefusedNamingIt) {
  auto outside = Region({{"task", "t-page"}, {"page", 1}, {"box", {2400, 10, 100, 40}}});
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 422);
  EXPECT_EQ(JsonOf(outside)["detail"],
            "box: [2400, 10, 100, 40] is not inside page 1 (2480 x 3508 pixels)");
  auto empty = Region({{"task", "t-page"}, {"page", 1}, {"box", {10, 10, 0, 40}}});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);
  EXPECT_TRUE(JsonOf(empty)["detail"].get<std::string>().starts_with("box: "));
  auto page = Region({{"task", "t-page"}, {"page", 3}, {"box", {10, 10, 10, 10}}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 422);
  EXPECT_TRUE(JsonOf(page)["detail"].get<std::string>().starts_with("page: ")) << page->body;
  auto type = Region({{"task", "t-page"}, {"box", {10, 10, 10, 10}}, {"type", "amout"}});
  ASSERT_TRUE(type);
  EXPECT_EQ(type->status, 400);
  EXPECT_TRUE(JsonOf(type)["detail"].get<std::string>().starts_with("type: ")) << type->body;
}

TEST_F(ReviewPageRoutesTest, APartitaIvaIsCheckedByItsCheckDigitWhileTyped) {
  auto wrong = Check("t-page", "vat", "01234567890");
  ASSERT_TRUE(wrong);
  ASSERT_EQ(wrong->status, 200) << wrong->body;
  EXPECT_EQ(JsonOf(wrong)["valid"], false);
  EXPECT_EQ(JsonOf(wrong)["verdict"], "check digit is 0, expected 7");
  EXPECT_EQ(JsonOf(wrong)["type"], "partita_iva");
  auto right = Check("t-page", "vat", "IT 0123456789 7");
  ASSERT_TRUE(right);
  EXPECT_EQ(JsonOf(right)["valid"], true);
  EXPECT_EQ(JsonOf(right)["value"], "01234567897");
  EXPECT_EQ(JsonOf(right)["verdict"], "ok");
  auto date = Check("t-page", "dal", "11/01/2027");
  ASSERT_TRUE(date);
  EXPECT_EQ(JsonOf(date)["value"], "2027-01-11");
  auto untyped = Check("t-page", "note", "anything at all");
  ASSERT_TRUE(untyped);
  EXPECT_EQ(JsonOf(untyped)["valid"], true);
  EXPECT_EQ(JsonOf(untyped)["type"], "text");
}

TEST_F(ReviewPageRoutesTest, AnUnknownFieldIsNotFound) {
  auto r = Check("t-page", "iban", "IT60X0542811101000000123456");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(JsonOf(r)["detail"], "task t-page has no field 'iban'");
}

TEST_F(ReviewPageRoutesTest, EachFieldSaysWhyItIsBeforeAPerson) {
  const Value task = JsonOf(client_.Get("/api/v1/review/tasks/t-page", PageViewAs("ugo")));
  EXPECT_EQ(task["fields"]["vat"]["reason"], "invalid") << task.dump();
  EXPECT_EQ(task["fields"]["dal"]["reason"], "under threshold");
  EXPECT_EQ(task["fields"]["note"]["reason"], nullptr);
}

}  // namespace
}  // namespace travet::server
