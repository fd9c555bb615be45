#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "runtime/actions/csv.h"
#include "runtime/actions/csv_parser.h"
#include "runtime/core/result.h"

namespace travet::actions {

struct CsvReaderOptions {
  char delimiter = ',';
  // How much one read(2) asks for.
  size_t chunk_bytes = size_t{64} * 1024;
  // A record longer than this is an error; memory stays near
  // chunk_bytes + max_record_bytes whatever the file's size.
  size_t max_record_bytes = size_t{1024} * 1024;
  // Called with every byte read, in order (a BOM included): e.g. a hash.
  std::function<void(std::string_view)> on_read;
};

// Reads the records of a CSV file from an open descriptor, a chunk at a
// time, with ParseCsv's rules and errors (the same parser), after a UTF-8
// BOM if there is one. Errors: those of ParseCsv; "line 7: a record is longer
// than 1048576 bytes"; kIoError "cannot read: <strerror>". The descriptor is
// not owned and is read from its current offset. Not thread-safe.
class CsvReader {
 public:
  CsvReader(int fd, CsvReaderOptions options);

  // The next record into `record`; false at the end of the file.
  Result<bool> Next(CsvRecord& record);

  // The bytes of the record Next() returned last as the file holds them, its
  // line end included; valid until the next call.
  std::string_view last_bytes() const { return last_bytes_; }
  // The offset of last_bytes() in the text after the BOM.
  size_t last_offset() const { return last_offset_; }
  // How many bytes were read, the BOM included.
  size_t bytes_read() const { return bytes_read_; }

 private:
  // Drops the records taken, reads one more chunk (until the BOM is decided)
  // and gives the parser the new window.
  Status Refill();
  Status ReadChunk();

  int fd_;
  CsvReaderOptions options_;
  CsvParser parser_;
  std::string buffer_;
  size_t dropped_ = 0;  // bytes of the text (after the BOM) before buffer_
  size_t bytes_read_ = 0;
  bool eof_ = false;
  bool bom_checked_ = false;
  std::string_view last_bytes_;
  size_t last_offset_ = 0;
};

}  // namespace travet::actions
