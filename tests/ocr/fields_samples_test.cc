// The shipped field specs (samples/fields) on the committed sample scans
// (samples/scans), read by the real pipeline: every value accepted without a
// person equals the ground truth. What is not accepted goes to review, which
// is allowed; a wrong accepted value is not.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "ocr/fields/fields.h"
#include "ocr/recognise/recognizer.h"
#include "runtime/actions/ocr_fields_file.h"

namespace travet::ocr {
namespace {

namespace fs = std::filesystem;

// The generated documents are dated 2024..2027: read as on this day.
const CalendarDate kToday{2026, 6, 1};

fs::path Source() {
  return fs::path(TRAVET_SOURCE_DIR);
}

Value Truth(const fs::path& image) {
  fs::path json = image;
  json.replace_extension(".json");
  std::ifstream in(json);
  std::stringstream text;
  text << in.rdbuf();
  return Value::parse(text.str());
}

Recognizer& Shared() {
  static Recognizer recognizer(2);
  return recognizer;
}

// Reads every sample scan of `kind` (one file per document; the two-page
// invoice as its TIFF) and checks the accepted fields.
void CheckKind(const std::string& kind) {
  auto set = actions::ReadFieldsFile(Source() / "samples/fields" / (kind + ".yaml"));
  ASSERT_TRUE(set) << set.error().message();
  int accepted = 0;
  int total = 0;
  for (const auto& entry : fs::directory_iterator(Source() / "samples/scans")) {
    const fs::path& image = entry.path();
    const std::string name = image.filename().string();
    if (!name.starts_with(kind + "-") || image.extension() == ".json" ||
        name.find("-p") != name.npos)
      continue;
    auto doc = Shared().Read(image, RecognizeOptions{});
    ASSERT_TRUE(doc) << name << ": " << doc.error().message();
    const Value truth = Truth(image)["fields"];
    ExtractOptions options{set->min_confidence.value_or(85), kToday};
    for (const FieldResult& field : ExtractFieldSet(*doc, *set, options)) {
      ASSERT_TRUE(truth.contains(field.name)) << name << ": " << field.name;
      ++total;
      if (!field.accepted)
        continue;
      ++accepted;
      EXPECT_EQ(field.value, truth[field.name].get<std::string>())
          << name << ": field " << field.name << " accepted (" << field.verdict << ")";
    }
  }
  std::cout << kind << ": " << accepted << " of " << total << " fields accepted\n";
  EXPECT_GT(total, 0);
}

TEST(FieldsSamplesTest, InvoicesAcceptOnlyRightValues) {
  CheckKind("invoice");
}

TEST(FieldsSamplesTest, ConcessionsAcceptOnlyRightValues) {
  CheckKind("concession");
}

TEST(FieldsSamplesTest, LettersAcceptOnlyRightValues) {
  CheckKind("letter");
}

}  // namespace
}  // namespace travet::ocr
