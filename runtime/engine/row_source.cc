#include "runtime/engine/row_source.h"

#include <unistd.h>

#include "runtime/actions/atomic_file.h"
#include "runtime/actions/csv_rows.h"
#include "runtime/actions/path_guard.h"

namespace travet::engine {
namespace {

class ListSource : public RowSource {
 public:
  explicit ListSource(Value list) : list_(std::move(list)) {}
  size_t size() const override { return list_.size(); }
  Result<const Value*> Next() override { return &list_[next_++]; }

 private:
  Value list_;
  size_t next_ = 0;
};

class NullSource : public RowSource {
 public:
  explicit NullSource(size_t count) : count_(count) {}
  size_t size() const override { return count_; }
  Result<const Value*> Next() override { return &null_; }

 private:
  size_t count_;
  Value null_;
};

class CsvSource : public RowSource {
 public:
  CsvSource(actions::CsvRowsRef ref, actions::UniqueFd fd)
      : ref_(std::move(ref)), fd_(std::move(fd)), rows_(fd_.get(), ref_.delimiter) {}
  size_t size() const override { return ref_.count; }

  Result<const Value*> Next() override {
    auto more = rows_.Next(row_);
    if (!more) {
      const char* sep = rows_.utf8_error() ? " " : ": ";  // "'a.csv' is not valid UTF-8 ..."
      return Status(more.error().code(), "'" + ref_.path + "'" + sep + more.error().message());
    }
    if (!*more) {
      return FailedPrecondition("'" + ref_.path + "' ended before row " +
                                std::to_string(ref_.count) + "; it changed while it was read");
    }
    return &row_;
  }

 private:
  actions::CsvRowsRef ref_;
  actions::UniqueFd fd_;
  actions::CsvRows rows_;
  Value row_;
};

std::string Short(const std::string& sha256) {
  return sha256.substr(0, 12) + "…";
}

// Reads the file once through for its SHA-256, then back to its start.
Status CheckUnchanged(const actions::CsvRowsRef& ref, int fd) {
  actions::CsvRows rows(fd, ref.delimiter);
  Value row;
  Result<bool> more = true;
  while (more && *more)
    more = rows.Next(row);
  std::string now = more ? rows.FinishSha256() : "";
  if (now != ref.sha256) {
    return FailedPrecondition("'" + ref.path + "' changed since it was read (sha256 " +
                              Short(ref.sha256) + " then, " +
                              (more ? Short(now) : "unreadable now: " + more.error().message()) +
                              " now); read it again in a new run");
  }
  if (lseek(fd, 0, SEEK_SET) != 0)
    return IoError("'" + ref.path + "' cannot be read again from its start");
  return Status::Ok();
}

}  // namespace

std::unique_ptr<RowSource> ListRows(Value list) {
  return std::make_unique<ListSource>(std::move(list));
}

std::unique_ptr<RowSource> NullRows(size_t count) {
  return std::make_unique<NullSource>(count);
}

Result<std::unique_ptr<RowSource>> StreamedRows(const Value& ref_value,
                                                const std::filesystem::path& work_dir) {
  auto ref = actions::ParseRowsRef(ref_value);
  if (!ref)
    return ref.error();
  actions::PathGuard guard(work_dir);
  auto resolved = guard.Resolve(ref->path);
  if (!resolved)
    return resolved.error();
  auto fd = guard.Open(*resolved, actions::kOpenForReading);
  if (!fd)
    return fd.error();
  TRAVET_RETURN_IF_ERROR(CheckUnchanged(*ref, fd->get()));
  return std::unique_ptr<RowSource>(std::make_unique<CsvSource>(std::move(*ref), std::move(*fd)));
}

}  // namespace travet::engine
