#include "runtime/actions/csv_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/csv.h"
#include "runtime/actions/sha256.h"
#include "runtime/actions/unique_fd.h"
#include "tests/fakes/temp_dir.h"

namespace travet::actions {
namespace {

struct Case {
  std::string text;
  char delimiter;
};

// The texts file.read meets: quoted line breaks and delimiters, doubled
// quotes, CRLF, bare CR, ';', a BOM, no final line end, blank lines, errors.
const std::vector<Case> kCases = {
    {"a,b\n1,2\n", ','},
    {"a,b\r\n1,\"x\r\ny\"\r\n3,\"\"\"q\"\"\"\r\n", ','},
    {"\xEF\xBB\xBFNumero;Data;Totale\r\n12;01/02/2024;\"1.234,56\"\r\n13;02/02/2024;99", ';'},
    {"importo;nome;note\r\n1.234,56;\"Rossi; Mario\";\"riga 1\nriga 2\"\r\n", ';'},
    {"a\rb\r\rc\r", ','},
    {"a,b,c\n1,2,3\n\n4,5\n", ','},
    {"a,b\n1,\"never closed\n2,3\n", ','},
    {"a\n\"x\"y\n", ','},
    {"a,b\n\"1\"\r\n\"2\"\"\",\"\"\n", ','},
    {"\"a\nb\nc\",d\n1,\"2\"x\n", ','},
    {"", ','},
    {"\xEF\xBB", ','},
};

std::string Describe(const Result<std::vector<CsvRecord>>& records) {
  if (!records)
    return "error: " + records.error().message();
  std::string text;
  for (const CsvRecord& record : *records) {
    text += std::to_string(record.line) + ":";
    for (const std::string& field : record.fields)
      text += "[" + field + "]";
    text += "\n";
  }
  return text;
}

std::string_view WithoutBom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);
  return text;
}

CsvReaderOptions Options(char delimiter, size_t chunk, size_t max_record = size_t{1024} * 1024) {
  CsvReaderOptions options;
  options.delimiter = delimiter;
  options.chunk_bytes = chunk;
  options.max_record_bytes = max_record;
  return options;
}

class CsvReaderTest : public ::testing::Test {
 protected:
  Result<std::vector<CsvRecord>> ReadAll(const std::string& text, CsvReaderOptions options) {
    auto path = dir_.Write("t.csv", text);
    UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    CsvReader reader(fd.get(), std::move(options));
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (true) {
      auto more = reader.Next(record);
      if (!more)
        return more.error();
      if (!*more)
        return records;
      EXPECT_EQ(reader.last_bytes(),
                WithoutBom(text).substr(reader.last_offset(), reader.last_bytes().size()));
      records.push_back(record);
    }
  }

  testing::TempDir dir_;
};

TEST_F(CsvReaderTest, GivesWhatParseCsvGivesWhereverAChunkEnds) {
  for (const Case& c : kCases) {
    const std::string expected = Describe(ParseCsv(WithoutBom(c.text), c.delimiter));
    for (size_t chunk : {1, 2, 3, 5, 7, 64 * 1024}) {
      auto got = ReadAll(c.text, Options(c.delimiter, chunk));
      EXPECT_EQ(Describe(got), expected) << "chunk " << chunk << " of\n" << c.text;
    }
  }
}

TEST_F(CsvReaderTest, ARecordOverTheLimitIsAnErrorNamingItsLine) {
  std::string text = "a,b\n1,2\n3,\"" + std::string(100, 'x') + "\"\n";
  EXPECT_EQ(Describe(ReadAll(text, Options(',', 16, 64))),
            "error: line 3: a record is longer than 64 bytes");
  EXPECT_EQ(Describe(ReadAll(text, Options(',', 16, 128))),
            "1:[a][b]\n2:[1][2]\n3:[3][" + std::string(100, 'x') + "]\n");
}

TEST_F(CsvReaderTest, HandsEveryByteReadToTheHook) {
  std::string text = "\xEF\xBB\xBFz\n\"1\r\n2\"\n";
  std::string seen;
  CsvReaderOptions options = Options(',', 3);
  options.on_read = [&](std::string_view data) { seen += data; };
  auto got = ReadAll(text, options);
  EXPECT_EQ(Describe(got), "1:[z]\n2:[1\r\n2]\n");
  EXPECT_EQ(seen, text);
  EXPECT_EQ(Sha256Hex(seen), Sha256Hex(text));
}

}  // namespace
}  // namespace travet::actions
