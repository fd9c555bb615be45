// file.read with `as: csv` and `stream: true`: a reference to the checked
// table in place of its rows.
#include <gtest/gtest.h>

#include <string>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/file_actions.h"
#include "runtime/actions/sha256.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

class FileReadStreamTest : public ::testing::Test {
 protected:
  FileReadStreamTest() : read_(Read()) { ctx_.work_dir = dir_.path(); }

  static ActionDef Read(const std::string& name = "file.read") {
    for (ActionDef& action : FileActions()) {
      if (action.spec.name == name)
        return action;
    }
    return {};
  }
  Result<Value> Run(const Value& params) { return read_.run(params, ctx_); }
  std::string Error(const Value& params) {
    auto result = Run(params);
    return result ? "succeeded with " + result->dump() : result.error().message();
  }
  // The error of the whole read and of the streamed one, which must agree.
  void ExpectSameError(const std::string& name, const std::string& expected) {
    EXPECT_EQ(Error({{"path", name}, {"as", "csv"}}), expected);
    EXPECT_EQ(Error({{"path", name}, {"as", "csv"}, {"stream", true}}), expected);
  }

  testing::TempDir dir_;
  ActionDef read_;
  ActionContext ctx_;
};

TEST_F(FileReadStreamTest, GivesAReferenceWithColumnsCountAndHash) {
  std::string text = "\xEF\xBB\xBFNumero;Nota\r\n12;\"a;b\r\nc\"\r\n\r\n13;x\r\n";
  dir_.Write("in/fatture.csv", text);
  auto out = Run({{"path", "in/fatture.csv"}, {"as", "csv"}, {"delimiter", ";"}, {"stream", true}});
  ASSERT_TRUE(out) << out.error().message();
  Value expected = {{"$rows",
                     {{"path", "in/fatture.csv"},
                      {"format", "csv"},
                      {"delimiter", ";"},
                      {"columns", {"Numero", "Nota"}},
                      {"count", 2},
                      {"sha256", Sha256Hex(text)}}}};
  EXPECT_EQ((*out)["content"], expected);
  EXPECT_EQ((*out)["columns"], (Value{"Numero", "Nota"}));
  EXPECT_EQ((*out)["size"], text.size());
  EXPECT_EQ((*out)["sha256"], Sha256Hex(text));
}

TEST_F(FileReadStreamTest, ABadRowFailsTheReadAsTheWholeReadDoes) {
  dir_.Write("open.csv", "a,b\n1,\"never closed\n2,3\n");
  ExpectSameError("open.csv", "file.read: 'open.csv': line 2: quoted field is not closed");
  dir_.Write("short.csv", "a,b,c\n1,2,3\n\n4,5\n");
  ExpectSameError("short.csv", "file.read: 'short.csv': line 4 has 2 fields; the header has 3");
  dir_.Write("twice.csv", "a,a\n1,2\n");
  ExpectSameError("twice.csv", "file.read: 'twice.csv': column 'a' appears twice in the header");
  dir_.Write("empty.csv", "\n\n");
  ExpectSameError("empty.csv", "file.read: 'empty.csv': no header row");
  dir_.Write("latin1.csv", "\xEF\xBB\xBFnome\nperch\xE9\n");
  ExpectSameError("latin1.csv", "file.read: 'latin1.csv' is not valid UTF-8 at byte 10");
}

TEST_F(FileReadStreamTest, StreamIsForCsvOnly) {
  dir_.Write("a.txt", "x");
  EXPECT_EQ(Error({{"path", "a.txt"}, {"stream", true}}),
            "file.read: parameter 'stream' needs as: csv");
  EXPECT_EQ(Error({{"path", "a.txt"}, {"as", "csv"}, {"stream", "yes"}}),
            "file.read: parameter 'stream' must be a boolean");
}

TEST_F(FileReadStreamTest, ABigCsvReadWholeIsRefusedWithTheWayOut) {
  std::string row = std::string(1000, 'x') + "\n";
  std::string text = "a\n";
  while (text.size() <= size_t{8} * 1024 * 1024)
    text += row;
  dir_.Write("big.csv", text);
  EXPECT_EQ(
      Error({{"path", "big.csv"}, {"as", "csv"}}),
      "file.read: 'big.csv' is " + std::to_string(text.size()) +
          " bytes; a CSV is read whole up to 8388608 bytes: give stream: true to read its rows "
          "one at a time in a foreach");
  auto out = Run({{"path", "big.csv"}, {"as", "csv"}, {"stream", true}});
  ASSERT_TRUE(out) << out.error().message();
  EXPECT_EQ((*out)["content"]["$rows"]["count"], (text.size() - 2) / row.size());
}

// The reference is not the rows: writing it as a table says what to do instead
// of "must be a list of maps".
TEST_F(FileReadStreamTest, WritingTheReferenceAsATableSaysHowToWriteTheRows) {
  dir_.Write("in/t.csv", "a,b\n1,2\n");
  auto ref = Run({{"path", "in/t.csv"}, {"as", "csv"}, {"stream", true}});
  ASSERT_TRUE(ref) << ref.error().message();
  auto written = Read("file.write").run({{"path", "out/t.csv"}, {"csv", (*ref)["content"]}}, ctx_);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().message(),
            "file.write: parameter 'csv' is a streamed table (file.read with stream: true), not "
            "its rows: write each row with mode: append inside the foreach, or copy the file with "
            "file.copy");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out/t.csv"));
}

}  // namespace
}  // namespace travet::actions
