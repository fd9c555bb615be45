// The engine without the image pipeline: programs that run bots but read no
// scans (the step benchmark, the fuzzers, a server's API process) load no
// OpenCV or Tesseract, and an OCR step there fails with a clear error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runtime/actions/action_table.h"
#include "tests/fakes/loaded_libraries.h"

namespace travet::engine {
namespace {

TEST(WithoutOcrTest, TheEngineLoadsNoImageLibrary) {
  EXPECT_THAT(testing::LoadedLibraries(testing::ImageLibraryNames()), ::testing::IsEmpty());
}

TEST(WithoutOcrTest, AnOcrStepWithoutAReaderFailsSayingSo) {
  for (const char* name : {"ocr.read", "ocr.extract"}) {
    actions::ActionContext ctx;  // no `ocr`: the program passed no reader
    const Value params = {{"file", "scan.png"}, {"fields", {{"total", {{"label", "Total"}}}}}};
    Result<Value> out = actions::FindAction(name)->run(params, ctx);
    ASSERT_FALSE(out) << name;
    EXPECT_EQ(out.error().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(out.error().message(),
              std::string(name) + ": this program reads no scans (it was built without OCR)");
  }
}

}  // namespace
}  // namespace travet::engine
