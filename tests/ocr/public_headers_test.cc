// The boundary of the image pipeline: what other libraries may include from
// ocr/ names no OpenCV, Tesseract, Leptonica, poppler or libpng type, and the
// plain field library loads none of them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/fakes/loaded_libraries.h"

namespace travet::ocr {
namespace {

namespace fs = std::filesystem;

// "ocr/load/image_loader.h:3: #include <opencv2/core.hpp>" for each include
// of an image library in a header outside an internal/ folder.
std::vector<std::string> ImageIncludesInPublicHeaders(const fs::path& root) {
  static const std::regex kImageInclude(
      R"(^\s*#\s*include\s*[<"](opencv2/|tesseract/|leptonica/|allheaders\.h|poppler/|png\.h))");
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root / "ocr")) {
    const fs::path& path = entry.path();
    if (path.extension() != ".h" || path.parent_path().filename() == "internal")
      continue;
    std::ifstream in(path);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (std::regex_search(line, kImageInclude))
        found.push_back(fs::relative(path, root).string() + ":" + std::to_string(number) + ": " +
                        line);
    }
  }
  return found;
}

TEST(OcrPublicHeadersTest, NameNoImageLibrary) {
  const fs::path root = TRAVET_SOURCE_DIR;
  ASSERT_TRUE(fs::is_directory(root / "ocr/recognise/internal"));
  EXPECT_THAT(ImageIncludesInPublicHeaders(root), ::testing::IsEmpty());
}

TEST(OcrPublicHeadersTest, AnInternalHeaderIsSeenToUseOne) {
  // The scan finds what it looks for: the internal headers do include them.
  const fs::path root = TRAVET_SOURCE_DIR;
  std::ifstream in(root / "ocr/prepare/internal/deskew.h");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("#include <opencv2/core.hpp>"), std::string::npos);
}

// This test program links the field library only: finding fields and
// checking values must not drag the image libraries in.
TEST(OcrPublicHeadersTest, TheFieldLibraryLoadsNoImageLibrary) {
  EXPECT_THAT(testing::LoadedLibraries(testing::ImageLibraryNames()), ::testing::IsEmpty());
}

}  // namespace
}  // namespace travet::ocr
