#include "runtime/store/sqlite/store_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "runtime/store/sqlite/migrations.h"

namespace travet::store::sqlite {

// A new store is built under a name of its own and linked into place whole:
// a process opening the store at that moment — two `travet run`s started
// together on a new folder — sees no file or a complete store, never the
// empty file that RefuseEmptyFile takes for a truncated one. When another
// process links its store first, that store is used.
Status CreateStoreFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) || ec)
    return Status::Ok();  // opening it says what is wrong, if anything
  static std::atomic<int> serial{0};
  const std::string temp =
      path + ".new-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  Status built = [&]() -> Status {
    Result<std::unique_ptr<Connection>> db = Connection::Open(temp);
    if (!db) {  // named as the store the user gave, not the name it is built under
      std::string message = db.error().message();
      if (size_t at = message.find(temp); at != std::string::npos)
        message.replace(at, temp.size(), path);
      return Status(db.error().code(), message);
    }
    return sqlite::Migrate(**db);
  }();  // closed here: the last connection folds the WAL into the file
  int linked = built.ok() ? ::link(temp.c_str(), path.c_str()) : 0;
  const int link_errno = errno;
  for (const char* suffix : {"", "-wal", "-shm"})
    ::unlink((temp + suffix).c_str());
  if (!built.ok())
    return built;
  if (linked != 0 && link_errno != EEXIST)
    return IoError("cannot create store " + path + ": " + std::strerror(link_errno));
  return Status::Ok();
}

// SQLite takes an empty file for an empty database and would build a new
// store in it. An existing store is never empty (its header is written when
// it is made), so an empty file is a store that was truncated or a file that
// is not one: opening it must not hide that a store's history is gone.
Status RefuseEmptyFile(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || size > 0)
    return Status::Ok();
  auto wal = std::filesystem::file_size(path + "-wal", ec);
  if (!ec && wal > 0)
    return Status::Ok();
  return FailedPrecondition("store " + path +
                            " is an empty file, not a Travet store (was it truncated?); move it "
                            "away to start a new store there");
}

// SQLite only notices a damaged page when a statement reads it, and a write
// that never reads it (a new run's row) goes on building on the file. A
// command that writes checks first: quick_check reads every page (about a
// second per GB) but skips the slower check that indexes match their tables.
Status CheckIntegrity(Connection& db) {
  Result<Query> check = db.Prepare("PRAGMA quick_check(1)");
  if (!check)
    return check.error();
  Result<bool> row = check->Step();
  std::string problem;
  if (!row)
    problem = row.error().message();
  else if (*row && check->Text(0) != "ok")
    problem = check->Text(0);
  if (problem.empty())
    return Status::Ok();
  return IoError("store " + db.path() + " is damaged (quick_check: " + problem +
                 "); nothing was written to it: restore it from a backup, or move it away to "
                 "start a new store there");
}

OpenMode ReadMode(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty())
    folder = ".";
  if (access(path.c_str(), F_OK) != 0)
    return OpenMode::kReadWrite;
  if (access(folder.c_str(), W_OK) != 0)
    return OpenMode::kSnapshot;
  return access(path.c_str(), W_OK) == 0 ? OpenMode::kReadWrite : OpenMode::kReadOnly;
}

}  // namespace travet::store::sqlite
