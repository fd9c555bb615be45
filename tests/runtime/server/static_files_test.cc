// The web page's files: the path guard (nothing outside the folder, by
// ".." or by a symbolic link), media types, and what a real server answers
// for /, a file, a missing file and the API beside them.
#include "runtime/server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/fakes/temp_dir.h"
#include "tests/runtime/server/server_fixture.h"

namespace travet::server {
namespace {

namespace fs = std::filesystem;

class PageFilePathTest : public ::testing::Test {
 protected:
  PageFilePathTest() {
    dir_.Write("web/index.html", "<!doctype html><title>Travet</title>");
    dir_.Write("web/pages/login.js", "export default {};");
    dir_.Write("secret.txt", "not for the web");
    root_ = dir_.path() / "web";
  }
  travet::testing::TempDir dir_;
  fs::path root_;
};

TEST_F(PageFilePathTest, TheRootIsIndexHtml) {
  auto file = PageFilePath(root_, "/");
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  EXPECT_EQ(*file, fs::canonical(root_ / "index.html"));
}

TEST_F(PageFilePathTest, AFileInAFolderIsFound) {
  auto file = PageFilePath(root_, "/pages/login.js");
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  EXPECT_EQ(*file, fs::canonical(root_ / "pages/login.js"));
}

TEST_F(PageFilePathTest, DotDotAndOddSegmentsAreRefused) {
  for (const char* path :
       {"/../secret.txt", "/pages/../../secret.txt", "/pages/../index.html", "/./index.html",
        "//index.html", "/pages/", "index.html", "/pages\\login.js", ""}) {
    auto file = PageFilePath(root_, path);
    ASSERT_FALSE(file.has_value()) << path;
    EXPECT_EQ(file.error().code(), StatusCode::kNotFound) << path;
    EXPECT_EQ(file.error().message(), "no file '" + std::string(path) + "'");
  }
}

TEST_F(PageFilePathTest, ANulIsRefused) {
  EXPECT_FALSE(PageFilePath(root_, std::string_view("/index.html\0.js", 15)).has_value());
}

TEST_F(PageFilePathTest, MissingFilesAndFoldersAreNotFound) {
  EXPECT_FALSE(PageFilePath(root_, "/nothing.js").has_value());
  EXPECT_FALSE(PageFilePath(root_, "/pages").has_value());
}

TEST_F(PageFilePathTest, ASymbolicLinkOutOfTheFolderIsRefused) {
  fs::create_symlink(dir_.path() / "secret.txt", root_ / "leak.txt");
  fs::create_directory_symlink(dir_.path(), root_ / "up");
  EXPECT_FALSE(PageFilePath(root_, "/leak.txt").has_value());
  EXPECT_FALSE(PageFilePath(root_, "/up/secret.txt").has_value());
}

TEST_F(PageFilePathTest, ASymbolicLinkInsideTheFolderIsFollowed) {
  fs::create_symlink(root_ / "index.html", root_ / "start.html");
  auto file = PageFilePath(root_, "/start.html");
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  EXPECT_EQ(*file, fs::canonical(root_ / "index.html"));
}

TEST_F(PageFilePathTest, AMissingFolderSaysWhich) {
  auto file = PageFilePath(dir_.path() / "nowhere", "/");
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().message().rfind(
                "the web folder " + (dir_.path() / "nowhere").string() + " cannot be read: ", 0),
            0u)
      << file.error().message();
}

TEST(MediaTypeTest, ByExtension) {
  EXPECT_EQ(MediaTypeOf("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(MediaTypeOf("pages/login.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MediaTypeOf("app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(MediaTypeOf("sprites.svg"), "image/svg+xml");
  EXPECT_EQ(MediaTypeOf("titillium.woff2"), "font/woff2");
  EXPECT_EQ(MediaTypeOf("README"), "application/octet-stream");
}

TEST(PagePathTest, TheApiAndProbesAreNotPage) {
  EXPECT_TRUE(IsPagePath("/"));
  EXPECT_TRUE(IsPagePath("/app.js"));
  EXPECT_TRUE(IsPagePath("/apidocs.html"));
  EXPECT_FALSE(IsPagePath("/api/v1/runs"));
  EXPECT_FALSE(IsPagePath("/api"));
  EXPECT_FALSE(IsPagePath("/healthz"));
  EXPECT_FALSE(IsPagePath("/readyz"));
  EXPECT_FALSE(IsPagePath("/metrics"));
}

// A real server with a page folder.
class ServedPageTest : public ::testing::Test {
 protected:
  static testing::ServerSetup PageSetup(const travet::testing::TempDir& dir) {
    dir.Write("web/index.html", "<!doctype html><title>Travet</title>");
    dir.Write("web/app.js", "console.log('travet');");
    dir.Write("web/vendor/bootstrap-italia/css/bootstrap-italia.min.css", "body{}");
    dir.Write("outside.txt", "not for the web");
    testing::ServerSetup setup;
    setup.web_dir = dir.path() / "web";
    return setup;
  }
  travet::testing::TempDir dir_;
  testing::ServerFixture server_{PageSetup(dir_)};
};

TEST_F(ServedPageTest, RootServesIndexWithTheSecurityHeaders) {
  auto r = server_.Client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html><title>Travet</title>");
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"),
            "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; style-src "
            "'self'; script-src 'self'; frame-ancestors 'none'");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "same-origin");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(r->get_header_value_count("Cache-Control"), 1u);
  EXPECT_FALSE(r->get_header_value("ETag").empty());
}

TEST_F(ServedPageTest, AScriptHasItsTypeAndASecondLookIsNotModified) {
  auto first = server_.Client().Get("/app.js");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  const std::string etag = first->get_header_value("ETag");
  auto again = server_.Client().Get("/app.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
}

TEST_F(ServedPageTest, VendorFilesMayBeCached) {
  auto r = server_.Client().Get("/vendor/bootstrap-italia/css/bootstrap-italia.min.css");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=86400");
}

TEST_F(ServedPageTest, NothingOutsideTheFolder) {
  for (const char* path : {"/../outside.txt", "/%2e%2e/outside.txt", "/missing.js"}) {
    auto r = server_.Client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json") << path;
    EXPECT_EQ(r->body.find("not for the web"), std::string::npos) << path;
  }
}

TEST_F(ServedPageTest, TheApiKeepsItsOwnAnswers) {
  auto health = server_.Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Cache-Control"), "no-store");
  auto unknown = server_.Client().Get("/api/v1/nothing");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("GET /api/v1/nothing"), std::string::npos) << unknown->body;
  EXPECT_EQ(unknown->get_header_value("Content-Security-Policy"), "");
}

TEST_F(ServedPageTest, OnlyReadsAreServed) {
  auto r = server_.Client().Post("/index.html", "", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST(ServedWithoutPageTest, RootIsNotFound) {
  testing::ServerFixture server{testing::ServerSetup{}};
  auto r = server.Client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

}  // namespace
}  // namespace travet::server
