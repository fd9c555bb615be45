#include "runtime/actions/csv_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "runtime/core/utf8.h"

namespace travet::actions {

CsvReader::CsvReader(int fd, CsvReaderOptions options)
    : fd_(fd), options_(std::move(options)), parser_(options_.delimiter) {
  parser_.SetWindow(buffer_, /*final=*/false);
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  while (true) {
    const size_t start = parser_.consumed();
    auto outcome = parser_.Next(record);
    if (!outcome)
      return outcome.error();
    if (*outcome == CsvParser::Outcome::kEnd)
      return false;
    if (*outcome == CsvParser::Outcome::kRecord) {
      last_bytes_ = std::string_view(buffer_).substr(start, parser_.consumed() - start);
      last_offset_ = dropped_ + start;
      return true;
    }
    TRAVET_RETURN_IF_ERROR(Refill());
  }
}

Status CsvReader::Refill() {
  const size_t taken = parser_.consumed();
  buffer_.erase(0, taken);
  dropped_ += taken;
  if (buffer_.size() > options_.max_record_bytes) {
    return InvalidArgument("line " + std::to_string(parser_.line()) + ": a record is longer than " +
                           std::to_string(options_.max_record_bytes) + " bytes");
  }
  do {
    TRAVET_RETURN_IF_ERROR(ReadChunk());
    if (!bom_checked_ && (buffer_.size() >= kUtf8Bom.size() || eof_)) {
      if (std::string_view(buffer_).starts_with(kUtf8Bom))
        buffer_.erase(0, kUtf8Bom.size());
      bom_checked_ = true;
    }
  } while (!bom_checked_);
  parser_.SetWindow(buffer_, eof_);
  return Status::Ok();
}

Status CsvReader::ReadChunk() {
  if (eof_)
    return Status::Ok();
  const size_t old_size = buffer_.size();
  buffer_.resize(old_size + options_.chunk_bytes);
  ssize_t n;
  do {
    n = read(fd_, buffer_.data() + old_size, options_.chunk_bytes);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    int error = errno;
    buffer_.resize(old_size);
    return IoError(std::string("cannot read: ") + std::strerror(error));
  }
  buffer_.resize(old_size + static_cast<size_t>(n));
  eof_ = n == 0;
  bytes_read_ += static_cast<size_t>(n);
  if (options_.on_read && n > 0)
    options_.on_read(std::string_view(buffer_).substr(old_size));
  return Status::Ok();
}

}  // namespace travet::actions
