#pragma once

#include <string>

#include "runtime/core/status.h"
#include "runtime/store/sqlite/connection.h"

namespace travet::store::sqlite {

// Checks on a store's file before it is used.

// Makes a new store at `path` when there is no file there: built under a
// temporary name and linked into place whole, so that another process never
// sees it half made. Ok when `path` exists (or another process made it first).
Status CreateStoreFile(const std::string& path);

// kFailedPrecondition when `path` is an empty file (with no WAL beside it):
// SQLite would take it for an empty database and build a new store in it.
Status RefuseEmptyFile(const std::string& path);

// Runs PRAGMA quick_check over the whole file. kIoError "store PATH is
// damaged (quick_check: <first problem>); ..." when a page does not read
// back as SQLite wrote it.
Status CheckIntegrity(Connection& db);

// How a command that only reads opens the store at `path`: read-write when
// this process may write the file and its folder (so an old schema is brought
// up to date as before), kReadOnly when only the file is read-only, kSnapshot
// when the folder is (SQLite cannot make the -shm file there). A missing file
// is kReadWrite: it becomes a new, empty store, as for any command.
OpenMode ReadMode(const std::string& path);

}  // namespace travet::store::sqlite
