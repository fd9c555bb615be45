#include "runtime/actions/file_actions.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/sha256.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

namespace fs = std::filesystem;

class FileActionsTest : public ::testing::Test {
 protected:
  FileActionsTest() : actions_(FileActions()) { ctx_.work_dir = dir_.path(); }

  const ActionDef& Find(const std::string& name) const {
    auto it = std::find_if(actions_.begin(), actions_.end(),
                           [&](const ActionDef& a) { return a.spec.name == name; });
    EXPECT_NE(it, actions_.end()) << name;
    return *it;
  }
  Result<Value> Run(const std::string& name, const Value& params) {
    return Find(name).run(params, ctx_);
  }
  Value Ok(const std::string& name, const Value& params) {
    auto result = Run(name, params);
    EXPECT_TRUE(result) << result.error().message();
    return result ? *result : Value();
  }
  std::string Error(const std::string& name, const Value& params,
                    StatusCode code = StatusCode::kInvalidArgument) {
    auto result = Run(name, params);
    if (result)
      return "succeeded with " + result->dump();
    EXPECT_EQ(result.error().code(), code) << result.error().message();
    return result.error().message();
  }

  testing::TempDir dir_;
  std::vector<ActionDef> actions_;
  ActionContext ctx_;
};

TEST_F(FileActionsTest, RowsAreSortedDescribedAndMarkSideEffects) {
  std::vector<std::string> names;
  for (const ActionDef& action : actions_) {
    names.push_back(action.spec.name);
    EXPECT_FALSE(action.spec.summary.empty()) << action.spec.name;
    EXPECT_FALSE(action.spec.outputs.empty()) << action.spec.name;
    for (const auto& param : action.spec.params)
      EXPECT_FALSE(param.description.empty());
    bool writes = action.spec.name != "file.list" && action.spec.name != "file.read";
    EXPECT_EQ(action.side_effect, writes) << action.spec.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"file.copy", "file.delete", "file.list", "file.move",
                                             "file.read", "file.write"}));
  ASSERT_EQ(Find("file.write").spec.one_of.size(), 1u);
  EXPECT_TRUE(Find("file.write").spec.one_of[0].required);
}

TEST_F(FileActionsTest, WritesAndReadsText) {
  std::string text = "Fattura n. 12 \xE2\x80\x94 totale \xE2\x82\xAC 1.234,56\n";
  EXPECT_EQ(Ok("file.write", {{"path", "out/a.txt"}, {"content", text}}),
            (Value{{"path", "out/a.txt"}, {"size", text.size()}}));
  EXPECT_EQ(Ok("file.read", {{"path", "out/a.txt"}}),
            (Value{{"content", text}, {"size", text.size()}, {"sha256", Sha256Hex(text)}}));
}

TEST_F(FileActionsTest, ReadsLines) {
  dir_.Write("a.txt", "uno\r\ndue\n\ntre\n");
  EXPECT_EQ(Ok("file.read", {{"path", "a.txt"}, {"as", "lines"}})["content"],
            (Value{"uno", "due", "", "tre"}));
}

TEST_F(FileActionsTest, WritesAndReadsJson) {
  Value data = {{"numero", "12"}, {"righe", {1, 2.5, true, nullptr}}};
  Ok("file.write", {{"path", "a.json"}, {"json", data}});
  EXPECT_EQ(dir_.Read("a.json"), data.dump(2) + "\n");
  EXPECT_EQ(Ok("file.read", {{"path", "a.json"}, {"as", "json"}})["content"], data);
}

TEST_F(FileActionsTest, JsonErrorNamesFileLineAndColumn) {
  dir_.Write("in/bad.json", "{\n  \"a\": 1,\n  }");
  EXPECT_EQ(Error("file.read", {{"path", "in/bad.json"}, {"as", "json"}}),
            "file.read: in/bad.json:3:3: syntax error while parsing object key - unexpected '}'; "
            "expected string literal");
}

TEST_F(FileActionsTest, JsonNestedTooDeepIsRefusedWhereItGoesTooDeep) {
  // 60,000 brackets once ended the process when the value was checkpointed.
  dir_.Write("in/deep.json", "{\"a\":\n" + std::string(60000, '[') + std::string(60000, ']') + "}");
  EXPECT_EQ(Error("file.read", {{"path", "in/deep.json"}, {"as", "json"}}),
            "file.read: in/deep.json:2:100: JSON nested deeper than 100 levels");
  std::string just = std::string(100, '[') + std::string(100, ']');
  dir_.Write("in/deep-enough.json", just);
  EXPECT_EQ(Ok("file.read", {{"path", "in/deep-enough.json"}, {"as", "json"}})["content"],
            Value::parse(just));
}

TEST_F(FileActionsTest, InvalidUtf8NamesFileAndOffset) {
  dir_.Write("latin1.txt", "perch\xE9 no");
  EXPECT_EQ(Error("file.read", {{"path", "latin1.txt"}}),
            "file.read: 'latin1.txt' is not valid UTF-8 at byte 5");
  dir_.Write("overlong.txt", "\xC0\xAF");
  EXPECT_EQ(Error("file.read", {{"path", "overlong.txt"}, {"as", "lines"}}),
            "file.read: 'overlong.txt' is not valid UTF-8 at byte 0");
}

TEST_F(FileActionsTest, ReadsItalianCsvWithSemicolonsAndBom) {
  dir_.Write(
      "fatture.csv",
      "\xEF\xBB\xBFNumero;Data;Totale\r\n12;01/02/2024;\"1.234,56\"\r\n13;02/02/2024;99\r\n");
  auto out = Ok("file.read", {{"path", "fatture.csv"}, {"as", "csv"}, {"delimiter", ";"}});
  EXPECT_EQ(out["content"],
            (Value{{{"Numero", "12"}, {"Data", "01/02/2024"}, {"Totale", "1.234,56"}},
                   {{"Numero", "13"}, {"Data", "02/02/2024"}, {"Totale", "99"}}}));
}

TEST_F(FileActionsTest, CsvRoundTripKeepsQuotesSeparatorsAndNewlines) {
  Value rows = {{{"nome", "Rossi; Mario"}, {"note", "riga 1\nriga 2"}, {"importo", "1.234,56"}},
                {{"nome", "Bianchi \"il Rosso\""}, {"note", ""}, {"importo", 12}}};
  Ok("file.write", {{"path", "out.csv"}, {"csv", rows}, {"delimiter", ";"}});
  EXPECT_EQ(dir_.Read("out.csv"),
            "importo;nome;note\r\n1.234,56;\"Rossi; Mario\";\"riga 1\nriga 2\"\r\n"
            "12;\"Bianchi \"\"il Rosso\"\"\";\r\n");
  rows[1]["importo"] = "12";
  EXPECT_EQ(Ok("file.read", {{"path", "out.csv"}, {"as", "csv"}, {"delimiter", ";"}})["content"],
            rows);
}

// A row is a map, whose keys come sorted; the header's order travels in the
// `columns` output, and writing with it gives back the same file.
TEST_F(FileActionsTest, CsvReadAndWrittenAgainKeepsTheColumnOrder) {
  std::string text = "Numero;Data;Totale\r\n12;01/02/2024;1.234,56\r\n";
  dir_.Write("fatture.csv", "\xEF\xBB\xBF" + text);
  auto read = Ok("file.read", {{"path", "fatture.csv"}, {"as", "csv"}, {"delimiter", ";"}});
  EXPECT_EQ(read["columns"], (Value{"Numero", "Data", "Totale"}));
  Ok("file.write", {{"path", "copia.csv"},
                    {"csv", read["content"]},
                    {"columns", read["columns"]},
                    {"delimiter", ";"}});
  EXPECT_EQ(dir_.Read("copia.csv"), text);
}

TEST_F(FileActionsTest, CsvHeaderFollowsColumnsOrFirstAppearance) {
  Ok("file.write", {{"path", "a.csv"}, {"csv", {{{"b", "1"}}, {{"a", "2"}, {"c", nullptr}}}}});
  EXPECT_EQ(dir_.Read("a.csv"), "b,a,c\r\n1,,\r\n,2,\r\n");
  Ok("file.write",
     {{"path", "b.csv"}, {"csv", {{{"a", "1"}, {"b", "2"}}}}, {"columns", {"b", "a"}}});
  EXPECT_EQ(dir_.Read("b.csv"), "b,a\r\n2,1\r\n");
}

// OWASP's CSV injection: a cell a spreadsheet would run as a formula.
TEST_F(FileActionsTest, CsvCellsThatWouldRunAsFormulasAreEscaped) {
  Value rows = Value::array({{{"a", "=HYPERLINK(\"http://x\",\"y\")"}, {"b", "-12.50"}},
                             {{"a", "@SUM(A1:A9)"}, {"b", "-1.234,50"}},
                             {{"a", "+39 011 1234"}, {"b", "-"}},
                             {{"a", "nota -x"}, {"b", "\t=1+2"}}});
  Ok("file.write", {{"path", "out.csv"}, {"csv", rows}, {"columns", {"a", "b"}}});
  EXPECT_EQ(dir_.Read("out.csv"),
            "a,b\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-12.50\r\n"
            "'@SUM(A1:A9),\"-1.234,50\"\r\n'+39 011 1234,-\r\nnota -x,'\t=1+2\r\n");
  Ok("file.write",
     {{"path", "raw.csv"}, {"csv", rows}, {"columns", {"a", "b"}}, {"formulas", "keep"}});
  EXPECT_NE(dir_.Read("raw.csv").find("\n@SUM(A1:A9),"), std::string::npos);
}

TEST_F(FileActionsTest, CsvAppendFollowsTheExistingHeader) {
  Ok("file.write", {{"path", "log.csv"}, {"csv", {{{"b", "1"}, {"a", "2"}}}}, {"mode", "append"}});
  Ok("file.write", {{"path", "log.csv"}, {"csv", {{{"a", "4"}, {"b", "3"}}}}, {"mode", "append"}});
  EXPECT_EQ(dir_.Read("log.csv"), "a,b\r\n2,1\r\n4,3\r\n");
  EXPECT_EQ(Error("file.write", {{"path", "log.csv"}, {"csv", {{{"z", "1"}}}}, {"mode", "append"}}),
            "file.write: 'log.csv': row 1 has column 'z' that is not in the header");
}

TEST_F(FileActionsTest, CsvErrorsNameFileAndLine) {
  dir_.Write("open.csv", "a,b\n1,\"never closed\n2,3\n");
  EXPECT_EQ(Error("file.read", {{"path", "open.csv"}, {"as", "csv"}}),
            "file.read: 'open.csv': line 2: quoted field is not closed");
  dir_.Write("short.csv", "a,b,c\n1,2,3\n\n4,5\n");
  EXPECT_EQ(Error("file.read", {{"path", "short.csv"}, {"as", "csv"}}),
            "file.read: 'short.csv': line 4 has 2 fields; the header has 3");
  dir_.Write("quote.csv", "a\n\"x\"y\n");
  EXPECT_EQ(Error("file.read", {{"path", "quote.csv"}, {"as", "csv"}}),
            "file.read: 'quote.csv': line 2, column 4: expected ',' or a line end after a "
            "closing quote");
  EXPECT_EQ(Error("file.write", {{"path", "x.csv"}, {"csv", {{{"a", "1"}}, "b"}}}),
            "file.write: 'x.csv': row 2 is not a map");
}

TEST_F(FileActionsTest, WriteModes) {
  Ok("file.write", {{"path", "a.txt"}, {"content", "one\n"}, {"mode", "create"}});
  EXPECT_EQ(Error("file.write", {{"path", "a.txt"}, {"content", "two\n"}, {"mode", "create"}},
                  StatusCode::kAlreadyExists),
            "file.write: 'a.txt' already exists");
  EXPECT_EQ(Ok("file.write", {{"path", "a.txt"}, {"content", "two\n"}, {"mode", "append"}}),
            (Value{{"path", "a.txt"}, {"size", 8}}));
  EXPECT_EQ(dir_.Read("a.txt"), "one\ntwo\n");
  Ok("file.write", {{"path", "a.txt"}, {"content", "three\n"}});
  EXPECT_EQ(dir_.Read("a.txt"), "three\n");
  Ok("file.write", {{"path", "events.jsonl"}, {"json", {{"n", 1}}}, {"mode", "append"}});
  Ok("file.write", {{"path", "events.jsonl"}, {"json", {{"n", 2}}}, {"mode", "append"}});
  EXPECT_EQ(dir_.Read("events.jsonl"), "{\"n\":1}\n{\"n\":2}\n");
}

TEST_F(FileActionsTest, WriteNeedsExactlyOneKindOfContent) {
  EXPECT_EQ(Error("file.write", {{"path", "a.txt"}}),
            "file.write: give one of 'content', 'json' or 'csv'");
  EXPECT_EQ(Error("file.write", {{"path", "a.txt"}, {"content", "x"}, {"json", 1}}),
            "file.write: give only one of 'content', 'json' or 'csv'");
}

TEST_F(FileActionsTest, WriteRefusesAFolderAndFilesAsFolders) {
  fs::create_directory(dir_.path() / "out");
  EXPECT_EQ(
      Error("file.write", {{"path", "out"}, {"content", "x"}}, StatusCode::kFailedPrecondition),
      "file.write: 'out' is a folder");
  dir_.Write("file.txt", "x");
  EXPECT_EQ(
      Error("file.write", {{"path", "file.txt/a/b.txt"}, {"content", "x"}}, StatusCode::kIoError),
      "file.write: cannot create folder 'file.txt/a': Not a directory");
}

TEST_F(FileActionsTest, ParametersAreCheckedWhenRunning) {
  EXPECT_EQ(Error("file.read", {{"path", 12}}), "file.read: parameter 'path' must be a string");
  EXPECT_EQ(Error("file.read", Value::object()), "file.read: parameter 'path' is required");
  EXPECT_EQ(Error("file.read", {{"path", "a"}, {"as", "xml"}}),
            "file.read: parameter 'as' must be one of text, json, csv, lines");
  EXPECT_EQ(Error("file.list", {{"recursive", "yes"}}),
            "file.list: parameter 'recursive' must be a boolean");
  EXPECT_EQ(
      Error("file.read", {{"path", "a"}, {"delimiter", ";;"}}),
      "file.read: parameter 'delimiter' must be one character other than '\"' or a line break");
  EXPECT_EQ(Error("file.write", {{"path", "a"}, {"content", 5}}),
            "file.write: parameter 'content' must be a string");
  EXPECT_EQ(Error("file.write", {{"path", "a.csv"}, {"csv", "a,b"}}),
            "file.write: 'a.csv': csv must be a list of maps");
}

// A FIFO with no writer once blocked file.read and file.copy forever; a
// character device like /dev/zero was read without end.
TEST_F(FileActionsTest, SpecialFilesAreRefusedWithoutBlockingOrReading) {
  fs::create_directories(dir_.path() / "in");
  ASSERT_EQ(mkfifo((dir_.path() / "in/pipe").c_str(), 0600), 0);
  EXPECT_EQ(Error("file.read", {{"path", "in/pipe"}}, StatusCode::kFailedPrecondition),
            "file.read: cannot read '" + (dir_.path() / "in/pipe").string() +
                "': it is a FIFO, not a regular file");
  EXPECT_NE(
      Error("file.copy", {{"from", "in/pipe"}, {"to", "out/pipe"}}, StatusCode::kFailedPrecondition)
          .find("it is a FIFO, not a regular file"),
      std::string::npos);
  EXPECT_FALSE(fs::exists(dir_.path() / "out/pipe"));
  if (mknod((dir_.path() / "in/zero").c_str(), S_IFCHR | 0600, makedev(1, 5)) != 0)
    GTEST_SKIP() << "mknod needs root; the FIFO cases ran";
  EXPECT_NE(Error("file.read", {{"path", "in/zero"}}, StatusCode::kFailedPrecondition)
                .find("it is a character device, not a regular file"),
            std::string::npos);
}

TEST_F(FileActionsTest, PathsStayInTheWorkingFolder) {
  dir_.Write("a.txt", "x");
  EXPECT_EQ(Error("file.read", {{"path", "../x"}}, StatusCode::kPermissionDenied),
            "file.read: path '../x' escapes the working folder");
  EXPECT_EQ(Error("file.write", {{"path", "/etc/travet"}, {"content", "x"}},
                  StatusCode::kPermissionDenied),
            "file.write: path '/etc/travet' is outside the working folder");
  EXPECT_EQ(
      Error("file.copy", {{"from", "a.txt"}, {"to", "../a.txt"}}, StatusCode::kPermissionDenied),
      "file.copy: path '../a.txt' escapes the working folder");
  fs::create_symlink("/etc", dir_.path() / "etc");
  EXPECT_EQ(
      Error("file.move", {{"from", "etc/hostname"}, {"to", "h"}}, StatusCode::kPermissionDenied),
      "file.move: path 'etc/hostname' leaves the working folder through symlink 'etc'");
  EXPECT_EQ(Error("file.list", {{"dir", "etc"}}, StatusCode::kPermissionDenied),
            "file.list: path 'etc' leaves the working folder through symlink 'etc'");
  ctx_.work_dir.clear();
  EXPECT_EQ(Error("file.read", {{"path", "a.txt"}}, StatusCode::kFailedPrecondition),
            "file.read: the run has no working folder");
}

TEST_F(FileActionsTest, ReadReportsMissingFilesAndFolders) {
  fs::create_directory(dir_.path() / "sub");
  EXPECT_EQ(Error("file.read", {{"path", "none.txt"}}, StatusCode::kNotFound),
            "file.read: 'none.txt' does not exist");
  EXPECT_EQ(Error("file.read", {{"path", "sub"}}, StatusCode::kFailedPrecondition),
            "file.read: 'sub' is a folder");
}

TEST_F(FileActionsTest, ListsFilesWithPatternAndRecursion) {
  dir_.Write("in/b.pdf", "bb");
  dir_.Write("in/a.pdf", "a");
  dir_.Write("in/note.txt", "n");
  dir_.Write("in/.hidden.pdf", "h");
  dir_.Write("in/sub/c.pdf", "ccc");
  dir_.Write("in/.git/d.pdf", "d");
  fs::create_symlink("/etc/hostname", dir_.path() / "in" / "outside.pdf");
  std::chrono::sys_seconds when =
      std::chrono::sys_days{std::chrono::March / 1 / 2024} + std::chrono::hours(10);
  fs::last_write_time(dir_.path() / "in/a.pdf", std::chrono::file_clock::from_sys(when));

  Value flat = Ok("file.list", {{"dir", "in"}, {"pattern", "*.pdf"}})["files"];
  ASSERT_EQ(flat.size(), 2u) << flat.dump();
  EXPECT_EQ(flat[0], (Value{{"path", "in/a.pdf"},
                            {"name", "a.pdf"},
                            {"size", 1},
                            {"modified", "2024-03-01T10:00:00.000Z"}}));
  EXPECT_EQ(flat[1]["path"], "in/b.pdf");

  Value deep = Ok("file.list", {{"dir", "in"}, {"pattern", "*.pdf"}, {"recursive", true}})["files"];
  std::vector<std::string> paths;
  for (const Value& file : deep)
    paths.push_back(file["path"]);
  EXPECT_EQ(paths, (std::vector<std::string>{"in/a.pdf", "in/b.pdf", "in/sub/c.pdf"}));
  EXPECT_EQ(Ok("file.list", {{"dir", "in"}, {"pattern", ".*"}})["files"].size(), 1u);
  EXPECT_EQ(Ok("file.list", Value::object())["files"], Value::array());
}

TEST_F(FileActionsTest, ListReportsMissingFolder) {
  dir_.Write("a.txt", "x");
  EXPECT_EQ(Error("file.list", {{"dir", "nope"}}, StatusCode::kNotFound),
            "file.list: folder 'nope' does not exist");
  EXPECT_EQ(Error("file.list", {{"dir", "a.txt"}}, StatusCode::kFailedPrecondition),
            "file.list: 'a.txt' is not a folder");
}

TEST_F(FileActionsTest, CopiesIntoFoldersOrToNames) {
  dir_.Write("in/a.pdf", "scan");
  fs::create_directory(dir_.path() / "existing");
  EXPECT_EQ(Ok("file.copy", {{"from", "in/a.pdf"}, {"to", "archive/2024/"}}),
            (Value{{"path", "archive/2024/a.pdf"}}));
  EXPECT_EQ(Ok("file.copy", {{"from", "in/a.pdf"}, {"to", "existing"}}),
            (Value{{"path", "existing/a.pdf"}}));
  EXPECT_EQ(Ok("file.copy", {{"from", "in/a.pdf"}, {"to", "b.pdf"}}), (Value{{"path", "b.pdf"}}));
  EXPECT_EQ(dir_.Read("archive/2024/a.pdf"), "scan");
  EXPECT_EQ(dir_.Read("in/a.pdf"), "scan");
  EXPECT_EQ(Error("file.copy", {{"from", "none.pdf"}, {"to", "x/"}}, StatusCode::kNotFound),
            "file.copy: 'none.pdf' does not exist");
  EXPECT_FALSE(fs::exists(dir_.path() / "x"));
}

TEST_F(FileActionsTest, MoveIsSafeToRepeat) {
  dir_.Write("in/a.pdf", "scan");
  EXPECT_EQ(Ok("file.move", {{"from", "in/a.pdf"}, {"to", "done/"}}),
            (Value{{"path", "done/a.pdf"}, {"already_moved", false}}));
  EXPECT_EQ(dir_.Read("done/a.pdf"), "scan");
  EXPECT_FALSE(fs::exists(dir_.path() / "in/a.pdf"));
  EXPECT_EQ(Ok("file.move", {{"from", "in/a.pdf"}, {"to", "done/"}}),
            (Value{{"path", "done/a.pdf"}, {"already_moved", true}}));
  EXPECT_EQ(Error("file.move", {{"from", "in/b.pdf"}, {"to", "done/"}}, StatusCode::kNotFound),
            "file.move: 'in/b.pdf' does not exist");
  fs::create_directory(dir_.path() / "folder");
  EXPECT_EQ(Error("file.move", {{"from", "folder"}, {"to", "x"}}, StatusCode::kFailedPrecondition),
            "file.move: 'folder' is a folder");
}

TEST_F(FileActionsTest, DeletesFilesOnly) {
  dir_.Write("a.txt", "x");
  fs::create_directory(dir_.path() / "sub");
  EXPECT_EQ(Ok("file.delete", {{"path", "a.txt"}}), (Value{{"deleted", true}}));
  EXPECT_FALSE(fs::exists(dir_.path() / "a.txt"));
  EXPECT_EQ(Ok("file.delete", {{"path", "a.txt"}}), (Value{{"deleted", false}}));
  EXPECT_EQ(Error("file.delete", {{"path", "sub"}}, StatusCode::kFailedPrecondition),
            "file.delete: 'sub' is a folder");
  EXPECT_TRUE(fs::is_directory(dir_.path() / "sub"));
}

}  // namespace
}  // namespace travet::actions
