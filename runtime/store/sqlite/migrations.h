#pragma once

#include <span>
#include <string_view>

#include "runtime/core/status.h"
#include "runtime/store/sqlite/connection.h"

namespace travet::store::sqlite {

// The schema as an ordered list of SQL scripts: script i moves a database from
// `PRAGMA user_version` i to i + 1. A released script is never edited; a
// change of schema is a new script at the end.
std::span<const std::string_view> Migrations();

// Brings the database to the newest schema version in one BEGIN IMMEDIATE
// transaction, so processes opening the same new file at once migrate it
// exactly once. kFailedPrecondition when the file has a newer version than
// this build knows ("store PATH has schema version 9; this build knows up to
// 1").
Status Migrate(Connection& db);

// For a store opened read-only, which cannot be migrated: kFailedPrecondition
// unless the database has the newest schema version.
Status CheckCurrent(Connection& db);

}  // namespace travet::store::sqlite
