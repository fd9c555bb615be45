// One check of a field spec for both its users: the bot loader on an
// `ocr.extract` step, and ReadFieldsFile on a FIELDS.yaml of `travet ocr
// --fields`. The same message, each with its own file:line:col.

#include "runtime/actions/ocr_fields_file.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/actions/action_table.h"
#include "runtime/expr/evaluator.h"
#include "runtime/lang/loader.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

using testing::TempDir;

lang::LoadResult Load(const std::string& fields, const std::string& more = "") {
  static expr::Evaluator evaluator;
  lang::LoadOptions options;
  options.actions = &ActionCatalog();
  options.check_syntax = [](std::string_view e) { return evaluator.CheckSyntax(e); };
  const std::string text =
      "bot: b\ninputs:\n  label: { type: string, default: Totale }\nsteps:\n"
      "  - uses: ocr.extract\n    with:\n      file: a.png\n      fields:\n" +
      fields + more;
  return lang::LoadBotText(text, "bot.yaml", options);
}

std::string ReadError(const TempDir& dir, const std::string& text) {
  auto set = ReadFieldsFile(dir.Write("fields.yaml", text));
  return set ? "ok" : set.error().message();
}

TEST(OcrFieldsCheckTest, LoaderReportsATypoInAFieldSpecWithItsPosition) {
  lang::LoadResult typo = Load("        totale: { lable: Totale, type: amount }\n");
  EXPECT_EQ(typo.errors,
            std::vector<std::string>{
                "bot.yaml:9:19: field 'totale': unknown key 'lable'; did you mean 'label'?"});
  lang::LoadResult pick = Load(
      "        totale:\n          label: Totale\n          type: amount\n"
      "          pick: biggest\n");
  EXPECT_EQ(pick.errors, std::vector<std::string>{"bot.yaml:12:17: field 'totale': unknown pick "
                                                  "'biggest' (use first, last, largest or "
                                                  "smallest)"});
  lang::LoadResult exclude =
      Load("        totale: { label: Totale, type: amount, exclude: [SUB, '--'] }\n");
  EXPECT_EQ(exclude.errors,
            std::vector<std::string>{"bot.yaml:9:63: field 'totale': exclude item 2 is not a word "
                                     "with letters or digits, e.g. [SUB, QTY]"});
}

TEST(OcrFieldsCheckTest, LoaderChecksTotalsAndLeavesExpressionsToTheRun) {
  lang::LoadResult totals = Load("        totale: { label: Totale, type: amount }\n",
                                 "      totals: [imponibile, iva, totale]\n");
  EXPECT_EQ(totals.errors, (std::vector<std::string>{
                               "bot.yaml:10:16: totals: 'imponibile' is not one of the fields",
                               "bot.yaml:10:28: totals: 'iva' is not one of the fields"}));
  lang::LoadResult expression = Load(
      "        totale: { label: '${{ inputs.label }}', type: amount, min_confidence: "
      "'${{ 80 + 5 }}' }\n");
  EXPECT_TRUE(expression.ok()) << ::testing::PrintToString(expression.errors);
  lang::LoadResult good = Load(
      "        totale: { label: TOTAL, type: amount, exclude: [SUB, QTY], pick: last }\n"
      "        data: { label: Data, type: date, date_range: [2016-01-01, today] }\n");
  EXPECT_TRUE(good.ok()) << ::testing::PrintToString(good.errors);
}

TEST(OcrFieldsCheckTest, FieldsFileReportsTheSameMessageAtItsPosition) {
  TempDir dir;
  const std::string file = (dir.path() / "fields.yaml").string();
  EXPECT_EQ(ReadError(dir, "totale: { lable: Totale, type: amount }\n"),
            file + ":1:11: field 'totale': unknown key 'lable'; did you mean 'label'?");
  EXPECT_EQ(ReadError(dir,
                      "fields:\n  totale:\n    label: Totale\n    type: amount\n"
                      "    pick: biggest\n"),
            file +
                ":5:11: field 'totale': unknown pick 'biggest' (use first, last, largest or "
                "smallest)");
  EXPECT_EQ(ReadError(dir, "a: { label: A }\nb: { type: text }\n"),
            file + ":2:1: field 'b' needs one of pattern, label or zone");
  EXPECT_EQ(ReadError(dir, "fields: { a: { label: A } }\nmin_confidence: -1\nzone: 1\n"),
            file + ":2:17: min_confidence must be a number of 0 or more\n" + file +
                ":3:1: unknown key 'zone' (expected fields, min_confidence, checks, totals)");
  EXPECT_EQ(ReadError(dir,
                      "fields:\n  total: { label: TOTAL, type: amount }\n"
                      "  paid: { label: CASH, type: amount }\n"
                      "checks:\n  - total = paid -\n  - total = paid - change\n"),
            file + ":5:5: checks: expected a field name, found the end\n" + file +
                ":6:5: checks: 'change' is not one of the fields");
}

TEST(OcrFieldsCheckTest, FieldsFileInEitherForm) {
  TempDir dir;
  auto plain = ReadFieldsFile(dir.Write("plain.yaml", "b: { label: B }\na: { pattern: 'x' }\n"));
  ASSERT_TRUE(plain) << plain.error().message();
  ASSERT_EQ(plain->specs.size(), 2u);
  EXPECT_EQ(plain->specs[0].name, "a");
  EXPECT_FALSE(plain->min_confidence.has_value());
  auto wrapped = ReadFieldsFile(
      dir.Write("wrapped.yaml",
                "fields:\n  i: { label: I, type: amount }\n  v: { label: V, type: amount }\n"
                "  t: { label: T, type: amount }\nmin_confidence: 90\ntotals: [i, v, t]\n"));
  ASSERT_TRUE(wrapped) << wrapped.error().message();
  EXPECT_EQ(*wrapped->min_confidence, 90);
  ASSERT_EQ(wrapped->checks.size(), 1u);
  EXPECT_EQ(wrapped->checks[0].Sum(), "i + v");
  auto missing = ReadFieldsFile(dir.path() / "missing.yaml");
  EXPECT_EQ(missing.error().message(), (dir.path() / "missing.yaml").string() +
                                           ":1:1: cannot read the file: No such file or directory");
}

// Every shipped spec reads without a problem.
TEST(OcrFieldsCheckTest, ShippedSpecsAreValid) {
  for (const char* kind : {"invoice", "concession", "letter"}) {
    auto set = ReadFieldsFile(std::filesystem::path(TRAVET_SOURCE_DIR) / "samples/fields" /
                              (std::string(kind) + ".yaml"));
    EXPECT_TRUE(set) << kind << ": " << set.error().message();
  }
}

}  // namespace
}  // namespace travet::actions
